package org.herd.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.SourceRows;
import org.herd.translator.NeutralRecord;
import org.herd.translator.OriginLookup;
import org.herd.translator.RowChange;
import org.herd.translator.SourcePosition;
import org.herd.translator.TranslationException;
import org.herd.translator.Translator;
import org.herd.translator.schema.NeutralSchema;

/**
 * Reads the origin's public state straight from Gazelle and passes every row through the same
 * translator the sidecar uses: what a mirror must hold if replication is correct. It reads with
 * plain non-locking SELECTs (InnoDB consistent reads), so the site is not disturbed.
 */
public final class OriginReader {

    private static final SourcePosition NOWHERE = new SourcePosition("origin.000000", 0, 0, 0, true, 0);

    private final Translator translator;

    public OriginReader(Translator translator) {
        this.translator = translator;
    }

    /**
     * What was read.
     *
     * @param rows           the neutral rows the origin's public state translates to
     * @param sourceRows     Gazelle rows read per replicated table
     * @param untranslatable rows per table the translator rejects (the sidecar quarantines them),
     *                       counted instead of failing the read
     */
    public record Result(EntityRows rows, Map<String, Long> sourceRows, Map<String, Integer> untranslatable) {
    }

    /**
     * Reads with an origin lookup, for translations that judge a row by other rows (row filters,
     * aggregates).
     */
    public Result read(Connection gazelle, OriginLookup lookup) throws SQLException {
        Map<String, Map<Map<String, Object>, Map<String, Object>>> byEntity = new LinkedHashMap<>();
        NeutralSchema.entities().forEach(e -> byEntity.put(e.name(), new HashMap<>()));
        Map<String, Integer> untranslatable = new LinkedHashMap<>();
        Map<String, Long> sourceRows = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> table : translator.capturedColumns().entrySet()) {
            long[] read = {0};
            SourceRows.select(gazelle, table.getKey(), table.getValue(), Map.of(), row -> {
                read[0]++;
                try {
                    for (NeutralRecord r : translator.translate(RowChange.read(table.getKey(), row, NOWHERE), lookup)
                            .records()) {
                        byEntity.get(r.entity()).put(r.key(), r.payload());
                    }
                } catch (TranslationException e) {
                    untranslatable.merge(table.getKey(), 1, Integer::sum);
                }
            });
            sourceRows.put(table.getKey(), read[0]);
        }
        return new Result(new EntityRows(byEntity), sourceRows, untranslatable);
    }
}
