package org.herd.restore;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.herd.translator.FileEntry;
import org.herd.translator.schema.EntityType;

/**
 * One live row of a mirror, as verify's {@code MirrorSource} reads it, with typed readers whose
 * failures name the entity, the key and the field.
 *
 * @param entity  the entity
 * @param key     key fields, in the entity's order
 * @param payload payload fields, in the entity's order
 */
public record NeutralRow(EntityType entity, Map<String, Object> key, Map<String, Object> payload) {

    private Object value(String field) {
        if (key.containsKey(field)) {
            return key.get(field);
        }
        if (!payload.containsKey(field)) {
            throw new IllegalStateException(entity.name() + " has no field " + field);
        }
        return payload.get(field);
    }

    /** A required integer: an id, a count. */
    public long id(String field) {
        Long v = number(field);
        if (v == null) {
            throw fail(field, "is null but is required");
        }
        return v;
    }

    public Long number(String field) {
        Object v = value(field);
        if (v == null || v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw fail(field, "is not an integer");
    }

    public String text(String field) {
        Object v = value(field);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw fail(field, "is not text");
    }

    /** A boolean field; the neutral schema declares none nullable but {@code release_log.scrubbed}. */
    public boolean flag(String field) {
        Object v = value(field);
        if (v instanceof Boolean b) {
            return b;
        }
        throw fail(field, v == null ? "is null but is required" : "is not a boolean");
    }

    public LocalDateTime time(String field) {
        Object v = value(field);
        if (v == null || v instanceof LocalDateTime) {
            return (LocalDateTime) v;
        }
        throw fail(field, "is not a timestamp");
    }

    @SuppressWarnings("unchecked")
    public List<FileEntry> files(String field) {
        Object v = value(field);
        if (v == null || v instanceof List<?>) {
            return (List<FileEntry>) v;
        }
        throw fail(field, "is not a file list");
    }

    /** A failure naming the row and the field. */
    public RestoreException fail(String field, String problem) {
        return new RestoreException(entity.name() + " " + key + " field " + field + " " + problem);
    }
}
