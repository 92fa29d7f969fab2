package org.herd.sidecar.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.herd.translator.Cascade;
import org.herd.translator.RowChange;

/**
 * A Gazelle database held in memory, every table keyed by its {@code ID}, which follows the
 * changes it observes and can be told to fail a read. Reads are logged in order.
 */
final class InMemorySource implements EnrichStage.Source {

    private final Map<String, List<Map<String, Object>>> tables = new HashMap<>();
    private final Map<String, RuntimeException> failingCascades = new HashMap<>();
    private final Map<String, RuntimeException> failingRows = new HashMap<>();
    /** What the rows of a cascade were read by, in order: {@code table where}. */
    final List<String> cascadesRead = new ArrayList<>();

    InMemorySource put(String table, Map<String, Object> row) {
        List<Map<String, Object>> rows = tables.computeIfAbsent(table, t -> new ArrayList<>());
        rows.removeIf(r -> same(r.get("ID"), row.get("ID")));
        rows.add(new LinkedHashMap<>(row));
        return this;
    }

    /** Reading the rows of a cascade to {@code table} fails with {@code failure}. */
    InMemorySource failCascadesTo(String table, RuntimeException failure) {
        failingCascades.put(table, failure);
        return this;
    }

    /** Looking up row {@code id} of {@code table} fails with {@code failure}. */
    InMemorySource failRow(String table, long id, RuntimeException failure) {
        failingRows.put(table + "#" + id, failure);
        return this;
    }

    @Override
    public Optional<Map<String, Object>> row(String table, Map<String, Object> key) {
        RuntimeException failure = failingRows.get(table + "#" + key.get("ID"));
        if (failure != null) {
            throw failure;
        }
        return matching(table, key).stream().findFirst();
    }

    @Override
    public Aggregate aggregate(String table, Map<String, Object> where, String sumColumn) {
        List<Map<String, Object>> rows = matching(table, where);
        return new Aggregate(rows.size(), rows.stream().mapToLong(r -> ((Number) r.get(sumColumn)).longValue()).sum());
    }

    @Override
    public void observe(RowChange change) {
        if (change.after().isEmpty()) {
            tables.getOrDefault(change.table(), new ArrayList<>()).removeIf(r -> same(r.get("ID"),
                    change.before().get("ID")));
        } else {
            put(change.table(), change.after());
        }
    }

    @Override
    public List<Map<String, Object>> rows(Cascade cascade) {
        cascadesRead.add(cascade.table() + " " + cascade.where());
        RuntimeException failure = failingCascades.get(cascade.table());
        if (failure != null) {
            throw failure;
        }
        return matching(cascade.table(), cascade.where());
    }

    private List<Map<String, Object>> matching(String table, Map<String, Object> where) {
        return tables.getOrDefault(table, List.of()).stream()
                .filter(r -> where.entrySet().stream().allMatch(e -> same(r.get(e.getKey()), e.getValue())))
                .map(r -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(r))).toList();
    }

    /** Equal values, numbers by value whatever their type (JDBC and Debezium differ). */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.longValue() == y.longValue();
        }
        return Objects.equals(a, b);
    }
}
