package org.herd.gazelle.catalogue;

import java.util.Objects;

/**
 * A Gazelle column as Herd knows it.
 *
 * @param name     column name exactly as in Gazelle's DDL
 * @param privacy  what may become of it
 * @param note     why it has that class, for the privacy documentation
 * @param textKind whether it is free text the translator scrubs (see {@link TextKind}); only a
 *                 public column can be, since nothing else leaves
 */
public record ColumnDef(String name, Privacy privacy, String note, TextKind textKind) {

    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(textKind, "textKind");
        if (textKind != TextKind.NONE && privacy != Privacy.PUBLIC) {
            throw new IllegalArgumentException("column " + name + " is " + privacy + ": only a public column is "
                    + "scrubbed as free text");
        }
    }

    /** A column that is not free text. */
    public ColumnDef(String name, Privacy privacy, String note) {
        this(name, privacy, note, TextKind.NONE);
    }

    public boolean isPublic() {
        return privacy == Privacy.PUBLIC;
    }

    /** Whether the translator scrubs the column's text before a mapping reads it. */
    public boolean isFreeText() {
        return textKind != TextKind.NONE;
    }

    public static ColumnDef publicColumn(String name) {
        return new ColumnDef(name, Privacy.PUBLIC, "");
    }

    /** A public column of free text people write or paste (see {@link TextKind#PROSE}). */
    public static ColumnDef prose(String name) {
        return new ColumnDef(name, Privacy.PUBLIC, "", TextKind.PROSE);
    }

    /** A public column holding a rip log (see {@link TextKind#RIP_LOG}). */
    public static ColumnDef ripLog(String name) {
        return new ColumnDef(name, Privacy.PUBLIC, "", TextKind.RIP_LOG);
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
