package org.herd.translator.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A neutral entity: its key fields (which identify a row within one origin) and its payload
 * fields. Both lists keep their declared order, which is also the column order in a mirror.
 */
public record EntityType(String name, String description, List<Field> keyFields, List<Field> payloadFields) {

    public EntityType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        keyFields = List.copyOf(keyFields);
        payloadFields = List.copyOf(payloadFields);
        if (keyFields.isEmpty()) {
            throw new IllegalArgumentException("entity " + name + " has no key field");
        }
        for (Field key : keyFields) {
            if (key.nullable()) {
                throw new IllegalArgumentException("key field " + name + "." + key.name() + " must not be nullable");
            }
        }
        Map<String, Field> seen = new LinkedHashMap<>();
        for (Field f : allFieldsOf(keyFields, payloadFields)) {
            if (seen.put(f.name(), f) != null) {
                throw new IllegalArgumentException("entity " + name + " declares field " + f.name() + " twice");
            }
        }
    }

    private static List<Field> allFieldsOf(List<Field> keys, List<Field> payload) {
        List<Field> all = new ArrayList<>(keys);
        all.addAll(payload);
        return all;
    }

    /** Key fields first, then payload fields. */
    public List<Field> fields() {
        return allFieldsOf(keyFields, payloadFields);
    }

    public Optional<Field> field(String fieldName) {
        return fields().stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    public List<String> keyNames() {
        return keyFields.stream().map(Field::name).toList();
    }
}
