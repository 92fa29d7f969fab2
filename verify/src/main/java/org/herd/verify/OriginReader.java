package org.herd.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.herd.translator.NeutralRecord;
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

    public Result read(Connection gazelle) throws SQLException {
        Map<String, Map<Map<String, Object>, Map<String, Object>>> byEntity = new LinkedHashMap<>();
        NeutralSchema.entities().forEach(e -> byEntity.put(e.name(), new HashMap<>()));
        Map<String, Integer> untranslatable = new LinkedHashMap<>();
        Map<String, Long> sourceRows = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> table : translator.capturedColumns().entrySet()) {
            long read = 0;
            String sql = "SELECT " + table.getValue().stream().map(c -> "`" + c + "`")
                    .collect(Collectors.joining(", ")) + " FROM `" + table.getKey() + "`";
            try (Statement s = gazelle.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    read++;
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), value(rs, md, i));
                    }
                    try {
                        for (NeutralRecord r : translator.translate(RowChange.read(table.getKey(), row, NOWHERE))) {
                            byEntity.get(r.entity()).put(r.key(), r.payload());
                        }
                    } catch (TranslationException e) {
                        untranslatable.merge(table.getKey(), 1, Integer::sum);
                    }
                }
            }
            sourceRows.put(table.getKey(), read);
        }
        return new Result(new EntityRows(byEntity), sourceRows, untranslatable);
    }

    private static Object value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        int type = md.getColumnType(i);
        if (type == Types.TIMESTAMP || type == Types.DATE || type == Types.TIMESTAMP_WITH_TIMEZONE) {
            // As text: zero dates have no java.sql value, and the translator reads Gazelle's
            // "yyyy-MM-dd HH:mm:ss" form, zero date included.
            String s = rs.getString(i);
            return s != null && s.length() > 19 ? s.substring(0, 19) : s;
        }
        return rs.getObject(i);
    }
}
