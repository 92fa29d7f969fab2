package org.herd.translator.mapping;

import java.util.Objects;

/**
 * Where one key field of an entity comes from in the Gazelle table that produces it: the column
 * and how its value becomes the field's. It lets a tool that holds an entity key (a mirror's row)
 * name the Gazelle row behind it, for example to ask the sidecar to read that row again.
 *
 * @param column the Gazelle column
 * @param kind   how the column's value becomes the key field's value
 */
public record KeySource(String column, Kind kind) {

    public KeySource {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(kind, "kind");
    }

    /** How a column's value becomes a key field's value. */
    public enum Kind {
        /** The field is the column's integer value as it is: the column equals the field. */
        COPY,
        /**
         * The field is a name decoded from a code list (torrents_artists.Importance to a role): the
         * field names a row only together with the other key fields, and a condition on the
         * column would need the code list read backwards. Tools leave it out of a row condition,
         * which then covers the key's row and its siblings that differ only in this column.
         */
        CODE,
        /**
         * The field is a user reference made from the column's user id ({@code users_main.ID} to
         * {@code user_ref}): the decimal id under the public user policy, the only policy under
         * which an entity is keyed by it.
         */
        USER_REFERENCE
    }

    public static KeySource copy(String column) {
        return new KeySource(column, Kind.COPY);
    }

    public static KeySource code(String column) {
        return new KeySource(column, Kind.CODE);
    }

    public static KeySource userReference(String column) {
        return new KeySource(column, Kind.USER_REFERENCE);
    }
}
