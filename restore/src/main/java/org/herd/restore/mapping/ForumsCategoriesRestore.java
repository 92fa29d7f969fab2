package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** forum_category → forums_categories. */
final class ForumsCategoriesRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.FORUM_CATEGORY;
    }

    @Override
    public List<String> tables() {
        return List.of("forums_categories");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row("forums_categories")
                .set("ID", row.id("forum_category_id"))
                .text("Name", row.text("name"))
                .set("Sort", row.id("sort")));
    }
}
