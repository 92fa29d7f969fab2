package org.herd.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.verify.OriginSource;
import org.herd.verify.Verification;

/**
 * What a mirror must hold after the snapshot, counted: every replicated Gazelle row passed
 * through the sidecar's translator (read as {@code herd verify} reads the origin), rows per
 * entity. A phase stops its clock when the mirror holds exactly these numbers of live rows in every
 * entity table, and then compares the content ({@link ContentCheck}).
 *
 * @param sourceRows rows per replicated Gazelle table: the rows each tool copies
 * @param entityRows neutral rows per entity: what the mirror must hold
 */
record OriginCounts(Map<String, Long> sourceRows, Map<String, Long> entityRows) {

    long totalSourceRows() {
        return sourceRows.values().stream().mapToLong(Long::longValue).sum();
    }

    long totalEntityRows() {
        return entityRows.values().stream().mapToLong(Long::longValue).sum();
    }

    static OriginCounts read(Verification.Origin origin, Connection gazelle) throws SQLException {
        Map<String, Long> sourceRows = new TreeMap<>();
        try (Statement s = gazelle.createStatement()) {
            for (String table : origin.tables()) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
                    rs.next();
                    sourceRows.put(table, rs.getLong(1));
                }
            }
        }
        Map<String, Long> entityRows = new TreeMap<>();
        try (OriginSource rows = new OriginSource(origin.translator(), origin.tables(), gazelle, origin.lookups())) {
            for (EntityType entity : NeutralSchema.entities()) {
                long[] n = {0};
                rows.rows(entity, null, (key, payload) -> n[0]++);
                entityRows.put(entity.name(), n[0]);
            }
        }
        return new OriginCounts(sourceRows, entityRows);
    }
}
