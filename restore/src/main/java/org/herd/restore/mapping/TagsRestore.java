package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.mapping.CodeList;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** tag → tags; who created the tag is not known. */
final class TagsRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.TAG;
    }

    @Override
    public List<String> tables() {
        return List.of("tags");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row("tags")
                .set("ID", row.id("tag_id"))
                .text("Name", row.text("name"))
                .code("TagType", CodeList.TAG_TYPES, row.text("tag_type"))
                .set("Uses", row.id("uses"))
                .nobody("UserID"));
    }
}
