package org.herd.translator.schema;

import java.util.Objects;

/**
 * One field of a neutral entity.
 *
 * @param name        snake_case name, also the mirror's column name
 * @param type        value type
 * @param nullable    whether the field may be absent (JSON null)
 * @param source      the Gazelle column it comes from, as {@code table.Column}, or a short rule
 * @param description what it means, for the documentation of the wire format
 */
public record Field(String name, FieldType type, boolean nullable, String source, String description) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("field name '" + name + "' is not snake_case");
        }
    }

    public static Field required(String name, FieldType type, String source, String description) {
        return new Field(name, type, false, source, description);
    }

    public static Field optional(String name, FieldType type, String source, String description) {
        return new Field(name, type, true, source, description);
    }
}
