package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** tags → tag. */
public final class TagsMapping implements TableMapping {

    @Override
    public String table() {
        return "tags";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.TAG;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("tag_id", row.requiredLong("ID")).build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("tag_id", KeySource.copy("ID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        String type = row.code("TagType", CodeList.TAG_TYPES);
        return FieldValues.payload(entity())
                .put("name", row.text("Name"))
                // NOT NULL DEFAULT 'other' in Gazelle; a NULL can only come from a damaged row.
                .put("tag_type", type == null ? "other" : type)
                .put("uses", row.requiredLong("Uses"))
                .build();
    }
}
