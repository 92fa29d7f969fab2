package org.herd.translator.schema;

/**
 * The value types a neutral field can have. Each has one JSON form on the wire and one
 * PostgreSQL column type in a mirror, so a reader in any language can map them.
 */
public enum FieldType {
    /** 64-bit signed integer; JSON number; PostgreSQL {@code bigint}. */
    INTEGER("bigint"),
    /** UTF-8 text of any length; JSON string; PostgreSQL {@code text}. */
    TEXT("text"),
    /** true or false; JSON boolean; PostgreSQL {@code boolean}. */
    BOOLEAN("boolean"),
    /**
     * Date and time without zone, as Gazelle stores it (the site's server time, UTC on every
     * known deployment); JSON string {@code yyyy-MM-ddTHH:mm:ss}; PostgreSQL {@code timestamp}.
     */
    TIMESTAMP("timestamp"),
    /**
     * A list of files ({@link org.herd.translator.FileEntry}); JSON array of objects
     * {@code {"path": string, "size_bytes": integer}} in the origin's order; PostgreSQL
     * {@code jsonb}.
     */
    FILE_LIST("jsonb");

    private final String postgresType;

    FieldType(String postgresType) {
        this.postgresType = postgresType;
    }

    public String postgresType() {
        return postgresType;
    }
}
