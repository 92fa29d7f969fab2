package org.herd.restore;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One column of a Gazelle table as Herd's DDL declares it: what the restore needs to write a
 * value Gazelle's way, above all what "none" is in it.
 *
 * @param name          column name
 * @param type          the SQL type's name in lower case ({@code int}, {@code enum}, {@code datetime}, ...)
 * @param enumValues    the values of an {@code enum}, else empty
 * @param nullable      whether NULL may be stored
 * @param hasDefault    whether the column has a default at all (a literal or an expression such as
 *                      {@code CURRENT_TIMESTAMP}), or AUTO_INCREMENT: an INSERT may leave it out
 */
public record ColumnSpec(String name, String type, List<String> enumValues, boolean nullable,
        boolean hasDefault) {

    private static final Set<String> INTEGERS = Set.of("tinyint", "smallint", "mediumint", "int", "bigint");
    private static final Set<String> DECIMALS = Set.of("float", "double", "decimal");
    private static final Set<String> TEXTS = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext");
    private static final Set<String> BINARIES = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob");
    private static final Set<String> DATES = Set.of("datetime", "timestamp");

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        enumValues = List.copyOf(enumValues);
    }

    public boolean isInteger() {
        return INTEGERS.contains(type);
    }

    public boolean isDecimal() {
        return DECIMALS.contains(type);
    }

    public boolean isText() {
        return TEXTS.contains(type);
    }

    public boolean isBinary() {
        return BINARIES.contains(type);
    }

    public boolean isDateTime() {
        return DATES.contains(type);
    }

    public boolean isEnum() {
        return type.equals("enum");
    }

    /** Whether an INSERT must name the column: NOT NULL and nothing the server could fill in. */
    public boolean required() {
        return !nullable && !hasDefault;
    }
}
