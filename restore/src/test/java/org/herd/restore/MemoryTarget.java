package org.herd.restore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.herd.translator.OriginLookup;

/** Restored rows kept in memory, and an origin lookup over them, as the sidecar would answer it. */
final class MemoryTarget implements GazelleTarget {

    final Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();

    @Override
    public void row(String table, Map<String, Object> values) {
        tables.computeIfAbsent(table, t -> new ArrayList<>()).add(values);
    }

    List<Map<String, Object>> rows(String table) {
        return tables.getOrDefault(table, List.of());
    }

    private static boolean matches(Map<String, Object> row, Map<String, Object> where) {
        return where.entrySet().stream().allMatch(w -> same(row.get(w.getKey()), w.getValue()));
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.longValue() == y.longValue();
        }
        return a != null && b != null && a.toString().equals(b.toString());
    }

    OriginLookup lookup() {
        return new OriginLookup() {
            @Override
            public Optional<Map<String, Object>> row(String table, Map<String, Object> key) {
                return rows(table).stream().filter(r -> matches(r, key)).findFirst();
            }

            @Override
            public Aggregate aggregate(String table, Map<String, Object> where, String sumColumn) {
                List<Map<String, Object>> matching = rows(table).stream().filter(r -> matches(r, where)).toList();
                return new Aggregate(matching.size(),
                        matching.stream().mapToLong(r -> ((Number) r.get(sumColumn)).longValue()).sum());
            }
        };
    }
}
