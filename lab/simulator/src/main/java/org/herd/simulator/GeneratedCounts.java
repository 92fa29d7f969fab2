package org.herd.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Rows per table, in load order.
 *
 * @param rows table name to number of rows
 */
public record GeneratedCounts(Map<String, Long> rows) {

    public GeneratedCounts {
        Objects.requireNonNull(rows, "rows");
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    /** Rows of {@code table}; 0 for a table this count does not name. */
    public long of(String table) {
        return rows.getOrDefault(table, 0L);
    }

    public long total() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
