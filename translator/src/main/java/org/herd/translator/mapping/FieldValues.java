package org.herd.translator.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;

/**
 * Builds the key or payload of a record and checks it against the entity's declaration, so a
 * mapping and the neutral schema cannot drift apart unnoticed: an undeclared or missing field,
 * or a null in a required one, fails at once.
 */
final class FieldValues {

    private final EntityType entity;
    private final List<Field> declared;
    private final Map<String, Object> values;

    private FieldValues(EntityType entity, List<Field> declared) {
        this.entity = entity;
        this.declared = declared;
        this.values = new LinkedHashMap<>(HashCapacity.forEntries(declared.size()));
    }

    static FieldValues key(EntityType entity) {
        return new FieldValues(entity, entity.keyFields());
    }

    static FieldValues payload(EntityType entity) {
        return new FieldValues(entity, entity.payloadFields());
    }

    /** Key sources given in the entity's key order, as a map from key field to source. */
    static Map<String, KeySource> keySources(EntityType entity, KeySource... sources) {
        if (sources.length != entity.keyFields().size()) {
            throw new IllegalStateException(entity.name() + " has " + entity.keyFields().size() + " key fields, "
                    + sources.length + " sources given");
        }
        Map<String, KeySource> ordered = new LinkedHashMap<>();
        for (int i = 0; i < sources.length; i++) {
            ordered.put(entity.keyFields().get(i).name(), sources[i]);
        }
        return java.util.Collections.unmodifiableMap(ordered);
    }

    FieldValues put(String name, Object value) {
        // A loop rather than a stream: this runs for every field of every record, and a stream's
        // pipeline objects were a twentieth of what the sidecar's capture thread allocated.
        for (int i = 0; i < declared.size(); i++) {
            if (declared.get(i).name().equals(name)) {
                values.put(name, value);
                return this;
            }
        }
        throw new IllegalStateException(entity.name() + " declares no field " + name + " here");
    }

    Map<String, Object> build() {
        Map<String, Object> ordered = new LinkedHashMap<>(HashCapacity.forEntries(declared.size()));
        for (Field f : declared) {
            if (!values.containsKey(f.name())) {
                throw new IllegalStateException("mapping for " + entity.name() + " sets no value for " + f.name());
            }
            Object v = values.get(f.name());
            if (v == null && !f.nullable()) {
                throw new IllegalStateException(entity.name() + "." + f.name() + " is required but null");
            }
            ordered.put(f.name(), v);
        }
        return ordered;
    }
}
