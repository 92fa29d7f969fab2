package org.herd.gazelle.catalogue;

import java.util.Objects;

/**
 * A Gazelle column as Herd knows it.
 *
 * @param name    column name exactly as in Gazelle's DDL
 * @param privacy what may become of it
 * @param note    why it has that class, for the privacy documentation
 */
public record ColumnDef(String name, Privacy privacy, String note) {

    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(note, "note");
    }

    public boolean isPublic() {
        return privacy == Privacy.PUBLIC;
    }

    public static ColumnDef publicColumn(String name) {
        return new ColumnDef(name, Privacy.PUBLIC, "");
    }

    public static ColumnDef internal(String name, String why) {
        return new ColumnDef(name, Privacy.INTERNAL, why);
    }

    /** A user id or name that leaves only as the user policy allows (see {@link Privacy#USER}). */
    public static ColumnDef user(String name, String why) {
        return new ColumnDef(name, Privacy.USER, why);
    }

    /** Read to filter rows, never published (see {@link Privacy#ROW_FILTER}). */
    public static ColumnDef rowFilter(String name, String why) {
        return new ColumnDef(name, Privacy.ROW_FILTER, why);
    }

    /** Read to compute another record's totals, never published row by row (see {@link Privacy#AGGREGATE}). */
    public static ColumnDef aggregate(String name, String why) {
        return new ColumnDef(name, Privacy.AGGREGATE, why);
    }

    /** Private unless the operator opts in (see {@link Privacy#OPT_IN}). */
    public static ColumnDef optIn(String name, String why) {
        return new ColumnDef(name, Privacy.OPT_IN, why);
    }

    public static ColumnDef secret(String name, String why) {
        return new ColumnDef(name, Privacy.PRIVATE, why);
    }
}
