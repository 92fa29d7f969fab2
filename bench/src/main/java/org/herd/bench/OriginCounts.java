package org.herd.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.herd.translator.NeutralRecord;
import org.herd.translator.RowChange;
import org.herd.translator.SourcePosition;
import org.herd.translator.TranslationException;
import org.herd.translator.Translator;

/**
 * What a mirror must hold after the snapshot, counted: every replicated Gazelle row passed
 * through the sidecar's translator, distinct keys per entity. The bench calls the snapshot done
 * when the mirror holds exactly these numbers of live rows in every entity table.
 *
 * @param sourceRows rows per replicated Gazelle table: the rows each tool copies
 * @param entityRows distinct neutral rows per entity: what the mirror must hold
 */
record OriginCounts(Map<String, Long> sourceRows, Map<String, Long> entityRows) {

    private static final SourcePosition NOWHERE = new SourcePosition("origin.000000", 0, 0, 0, true, 0);

    long totalSourceRows() {
        return sourceRows.values().stream().mapToLong(Long::longValue).sum();
    }

    long totalEntityRows() {
        return entityRows.values().stream().mapToLong(Long::longValue).sum();
    }

    static OriginCounts read(Connection gazelle, Translator translator) throws SQLException {
        Map<String, Long> sourceRows = new TreeMap<>();
        Map<String, Set<Map<String, Object>>> keys = new HashMap<>();
        for (Map.Entry<String, List<String>> table : translator.capturedColumns().entrySet()) {
            String sql = "SELECT " + table.getValue().stream().map(c -> "`" + c + "`")
                    .collect(Collectors.joining(", ")) + " FROM `" + table.getKey() + "`";
            long rows = 0;
            try (Statement s = gazelle.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    rows++;
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), value(rs, md, i));
                    }
                    try {
                        for (NeutralRecord r : translator.translate(RowChange.read(table.getKey(), row, NOWHERE))) {
                            keys.computeIfAbsent(r.entity(), e -> new HashSet<>()).add(r.key());
                        }
                    } catch (TranslationException e) {
                        // Quarantined by the sidecar as well: not expected in the mirror.
                    }
                }
            }
            sourceRows.put(table.getKey(), rows);
        }
        Map<String, Long> entityRows = new TreeMap<>();
        keys.forEach((entity, k) -> entityRows.put(entity, (long) k.size()));
        return new OriginCounts(sourceRows, entityRows);
    }

    private static Object value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        int type = md.getColumnType(i);
        if (type == Types.TIMESTAMP || type == Types.DATE || type == Types.TIMESTAMP_WITH_TIMEZONE) {
            // As text, the way the translator reads Gazelle's dates: zero dates have no java.sql value.
            String s = rs.getString(i);
            return s != null && s.length() > 19 ? s.substring(0, 19) : s;
        }
        return rs.getObject(i);
    }
}
