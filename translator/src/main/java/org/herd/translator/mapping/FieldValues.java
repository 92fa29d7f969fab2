package org.herd.translator.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import org.herd.translator.FieldMap;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;

/**
 * Builds the key or payload of a record and checks it against the entity's declaration, so a
 * mapping and the neutral schema cannot drift apart unnoticed: an undeclared or missing field,
 * or a null in a required one, fails at once.
 */
final class FieldValues {

    private final EntityType entity;
    private final FieldMap.Layout layout;
    private final FieldMap.Builder values;

    private FieldValues(EntityType entity, FieldMap.Layout layout) {
        this.entity = entity;
        this.layout = layout;
        this.values = layout.builder();
    }

    static FieldValues key(EntityType entity) {
        return new FieldValues(entity, FieldMap.Layout.keyOf(entity));
    }

    static FieldValues payload(EntityType entity) {
        return new FieldValues(entity, FieldMap.Layout.payloadOf(entity));
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
        int i = layout.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException(entity.name() + " declares no field " + name + " here");
        }
        values.set(i, value);
        return this;
    }

    Map<String, Object> build() {
        for (int i = 0; i < layout.size(); i++) {
            Field f = layout.field(i);
            if (!values.isSet(i)) {
                throw new IllegalStateException("mapping for " + entity.name() + " sets no value for " + f.name());
            }
            if (values.get(i) == null && !f.nullable()) {
                throw new IllegalStateException(entity.name() + "." + f.name() + " is required but null");
            }
        }
        return values.build();
    }
}
