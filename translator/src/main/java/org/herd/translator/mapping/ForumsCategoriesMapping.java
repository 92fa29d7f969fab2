package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * forums_categories → forum_category. Every category is published, also one that holds only staff
 * forums: a category is a heading on the forum index (Gazelle's defaults are Site, Community,
 * Music, Help, Trash), not content, and publishing it unconditionally keeps it free of a lookup
 * and of cascades from every forum that moves between categories. What a staff forum holds never
 * leaves through it.
 */
public final class ForumsCategoriesMapping implements TableMapping {

    @Override
    public String table() {
        return "forums_categories";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.FORUM_CATEGORY;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("forum_category_id", row.requiredLong("ID")).build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("forum_category_id", KeySource.copy("ID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("name", row.emptyAsNull("Name"))
                .put("sort", row.requiredLong("Sort"))
                .build();
    }
}
