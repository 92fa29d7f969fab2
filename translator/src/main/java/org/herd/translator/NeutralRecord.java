package org.herd.translator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record of the neutral schema: an upsert or a delete of one entity row of one origin,
 * with the source position it came from.
 *
 * @param entity   neutral entity name, e.g. {@code release}
 * @param origin   the id of the Gazelle site it came from
 * @param key      key field values, in the entity's key order
 * @param op       upsert or delete
 * @param position source position in the origin's binlog
 * @param payload  payload field values in the entity's order; empty for a delete
 */
public record NeutralRecord(String entity, String origin, Map<String, Object> key, Operation op,
        SourcePosition position, Map<String, Object> payload) {

    public NeutralRecord {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(position, "position");
        key = ownCopy(Objects.requireNonNull(key, "key"));
        payload = payload == null || op == Operation.DELETE ? Map.of() : ownCopy(payload);
    }

    /** A map of the record's own that no one can change: a {@link FieldMap} is one already. */
    private static Map<String, Object> ownCopy(Map<String, Object> fields) {
        return fields instanceof FieldMap ? fields : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static NeutralRecord upsert(String entity, String origin, Map<String, Object> key,
            SourcePosition position, Map<String, Object> payload) {
        return new NeutralRecord(entity, origin, key, Operation.UPSERT, position, payload);
    }

    public static NeutralRecord delete(String entity, String origin, Map<String, Object> key,
            SourcePosition position) {
        return new NeutralRecord(entity, origin, key, Operation.DELETE, position, null);
    }

    /** A short, log-safe description: entity, key and position, never the payload. */
    public String describe() {
        return describe(entity, key, op, position);
    }

    /** {@link #describe()} of a record with these entity, key, operation and position. */
    public static String describe(String entity, Map<String, Object> key, Operation op, SourcePosition position) {
        return entity + " " + key + " " + op.wireName() + " at " + position;
    }
}
