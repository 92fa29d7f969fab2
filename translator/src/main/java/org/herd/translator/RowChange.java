package org.herd.translator;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * One change to one Gazelle row, as the capture layer hands it over.
 *
 * <p>Column values use plain Java types: {@link String} for character, enum and set columns;
 * {@link Number} for integers and decimals; {@code byte[]} for binary columns;
 * {@link java.time.LocalDateTime} for {@code datetime} and {@code timestamp} columns (the
 * capture layer reads Debezium's epoch values as UTC); {@code null} for SQL NULL. A zero date
 * may arrive as the epoch or as the text {@code 0000-00-00 00:00:00}; the translator handles
 * both.
 *
 * @param table    Gazelle table name
 * @param op       what happened
 * @param before   the row before the change (UPDATE, DELETE), else empty
 * @param after    the row after the change (READ, INSERT, UPDATE), else empty
 * @param position where it was read
 */
public record RowChange(String table, RowOperation op, Map<String, Object> before, Map<String, Object> after,
        SourcePosition position) {

    public RowChange {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(position, "position");
        before = before == null ? Map.of() : unmodifiable(before);
        after = after == null ? Map.of() : unmodifiable(after);
    }

    public static RowChange read(String table, Map<String, Object> row, SourcePosition position) {
        return new RowChange(table, RowOperation.READ, null, row, position);
    }

    public static RowChange insert(String table, Map<String, Object> row, SourcePosition position) {
        return new RowChange(table, RowOperation.INSERT, null, row, position);
    }

    public static RowChange update(String table, Map<String, Object> before, Map<String, Object> after,
            SourcePosition position) {
        return new RowChange(table, RowOperation.UPDATE, before, after, position);
    }

    public static RowChange delete(String table, Map<String, Object> row, SourcePosition position) {
        return new RowChange(table, RowOperation.DELETE, row, null, position);
    }

    /** The row as a view no one can change through: an {@link ArrayMap}, which is one already, as it is. */
    private static Map<String, Object> unmodifiable(Map<String, Object> row) {
        return row instanceof ArrayMap ? row : Collections.unmodifiableMap(row);
    }
}
