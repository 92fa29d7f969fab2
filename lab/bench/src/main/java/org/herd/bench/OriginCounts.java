package org.herd.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.testkit.SidecarArguments;
import org.herd.translator.Translator;
import org.herd.verify.OriginReader;

/**
 * What a mirror must hold after the snapshot, counted: every replicated Gazelle row passed
 * through the sidecar's translator, distinct keys per entity. The bench calls the snapshot done
 * when the mirror holds exactly these numbers of live rows in every entity table.
 *
 * @param sourceRows rows per replicated Gazelle table: the rows each tool copies
 * @param entityRows distinct neutral rows per entity: what the mirror must hold
 */
record OriginCounts(Map<String, Long> sourceRows, Map<String, Long> entityRows) {

    long totalSourceRows() {
        return sourceRows.values().stream().mapToLong(Long::longValue).sum();
    }

    long totalEntityRows() {
        return entityRows.values().stream().mapToLong(Long::longValue).sum();
    }

    static OriginCounts read(Connection gazelle, Translator translator) throws SQLException {
        OriginReader.Result origin = new OriginReader(translator).read(gazelle, SourceLookups.over(translator, gazelle));
        Map<String, Long> entityRows = new TreeMap<>();
        origin.rows().counts().forEach((entity, rows) -> entityRows.put(entity, rows.longValue()));
        return new OriginCounts(new TreeMap<>(origin.sourceRows()), entityRows);
    }
}
