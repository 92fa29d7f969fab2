package org.herd.restore;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.mapping.CodeList;

/**
 * Builds one row of a Gazelle table the way Gazelle stores it, column by column, from neutral
 * values: the inverse of the readers of {@code GazelleRow}. What "none" is follows from the
 * column's declaration ({@link ColumnSpec}): NULL where the column allows it, else 0, '' or the
 * variant's "never" date. Columns the row does not set are left to their defaults, except
 * those that have none (NOT NULL without a default), which get their "none".
 */
public final class RowBuilder {

    /** WhatCD's "never": the zero date, which its non-strict sql_mode stores. */
    static final String ZERO_DATE = "0000-00-00 00:00:00";
    /**
     * OPS's "never" in a NOT NULL datetime: OPS runs without zero dates, and the translator reads
     * the epoch as "never" too (Debezium's value for a zero date), so it reads back as null.
     */
    static final String EPOCH = "1970-01-01 00:00:00";
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String table;
    private final Map<String, ColumnSpec> columns;
    private final GazelleVariant variant;
    private final Map<String, Object> values = new LinkedHashMap<>();

    RowBuilder(String table, Map<String, ColumnSpec> columns, GazelleVariant variant) {
        this.table = table;
        this.columns = columns;
        this.variant = variant;
    }

    private ColumnSpec spec(String column) {
        ColumnSpec c = columns.get(column);
        if (c == null) {
            throw new IllegalStateException("the " + variant + " table " + table + " has no column " + column);
        }
        return c;
    }

    /** A value as it is: an id, a count, a text that may be empty. */
    public RowBuilder set(String column, Object value) {
        spec(column);
        values.put(column, value);
        return this;
    }

    /** A number where Gazelle writes 0 or NULL for none. */
    public RowBuilder number(String column, Long value) {
        return set(column, value == null ? none(spec(column)) : value);
    }

    /** Text where Gazelle writes '' or NULL for none. */
    public RowBuilder text(String column, String value) {
        return set(column, value == null ? none(spec(column)) : value);
    }

    /** A flag: {@code enum('0','1')} strings, numbers in an integer column. */
    public RowBuilder flag(String column, boolean value) {
        ColumnSpec c = spec(column);
        return set(column, c.isInteger() ? (Object) (value ? 1L : 0L) : value ? "1" : "0");
    }

    /** A date-time; none is NULL, or the variant's "never" in a NOT NULL column. */
    public RowBuilder time(String column, LocalDateTime value) {
        return set(column, value == null ? none(spec(column)) : DATETIME.format(value.withNano(0)));
    }

    /** A neutral name back to its code: a number in an integer column, the string in an enum. */
    public RowBuilder code(String column, CodeList list, String name) {
        ColumnSpec c = spec(column);
        if (name == null) {
            return set(column, none(c));
        }
        String code = list.code(name).orElseThrow(() -> new RestoreException("'" + name + "' is no "
                + list.description() + " Gazelle knows"));
        return set(column, c.isInteger() ? (Object) Long.parseLong(code) : code);
    }

    /** Gazelle's "none" in a column Herd does not restore (an uploader, a tagger): 0 or NULL. */
    public RowBuilder nobody(String column) {
        return set(column, none(spec(column)));
    }

    /**
     * What Gazelle stores for "none" in a column: NULL wherever the column allows it (a music group
     * without a release type has a NULL ReleaseType, not its default 21, which is a type), else 0,
     * '', the variant's "never" date, or an enum's first value.
     */
    Object none(ColumnSpec c) {
        if (c.nullable()) {
            return null;
        }
        if (c.isInteger()) {
            return 0L;
        }
        if (c.isDecimal()) {
            return 0.0;
        }
        if (c.isDateTime()) {
            return variant == GazelleVariant.WHATCD ? ZERO_DATE : EPOCH;
        }
        if (c.isBinary()) {
            return new byte[0];
        }
        if (c.isEnum()) {
            // An enum's none is its first value, which the server also takes for a NOT NULL enum
            // left out of an INSERT.
            return c.enumValues().get(0);
        }
        return "";
    }

    /** The row: the columns set, and "none" in every column that must be named, in DDL order. */
    public Map<String, Object> build() {
        Map<String, Object> row = new LinkedHashMap<>();
        for (ColumnSpec c : columns.values()) {
            if (values.containsKey(c.name())) {
                row.put(c.name(), values.get(c.name()));
            } else if (c.required()) {
                row.put(c.name(), none(c));
            }
        }
        return Collections.unmodifiableMap(row);
    }

    /** Builds the row and hands it to {@code target}. */
    public void writeTo(GazelleTarget target) {
        target.row(table, build());
    }

    public String table() {
        return table;
    }
}
