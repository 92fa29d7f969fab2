package org.herd.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All rows of a generated database held in memory, for small scales. */
final class Generated {

    final Map<String, List<Object[]>> rows = new LinkedHashMap<>();
    private final Map<String, List<String>> columns = new HashMap<>();

    static Generated of(GazelleDataGenerator generator) {
        Generated g = new Generated();
        generator.generate((table, values) -> g.rows.computeIfAbsent(table, t -> new ArrayList<>()).add(values));
        return g;
    }

    List<Object[]> table(String table) {
        return rows.getOrDefault(table, List.of());
    }

    Object value(String table, Object[] row, String column) {
        int i = columns.computeIfAbsent(table, GazelleDataGenerator::columns).indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + table + "." + column);
        }
        return row[i];
    }

    String string(String table, Object[] row, String column) {
        return (String) value(table, row, column);
    }

    int integer(String table, Object[] row, String column) {
        return ((Number) value(table, row, column)).intValue();
    }

    Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        rows.forEach((t, r) -> m.put(t, (long) r.size()));
        return m;
    }
}
