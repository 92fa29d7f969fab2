package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.mapping.CodeList;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * collage → collages: mirrors hold only collages that are not deleted, so Deleted is '0'; the
 * owner is the account that stands for the published reference. NumTorrents is recomputed from
 * the entries ({@code Denormalised}).
 */
final class CollagesRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.COLLAGE;
    }

    @Override
    public List<String> tables() {
        return List.of("collages");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row("collages")
                .set("ID", row.id("collage_id"))
                .text("Name", row.text("name"))
                .text("Description", row.text("description"))
                .set("UserID", context.users().id(row.text("owner")))
                .set("NumTorrents", 0L)
                .flag("Deleted", false)
                .flag("Locked", row.flag("locked"))
                .code("CategoryID", CodeList.COLLAGE_CATEGORIES, row.text("category"))
                .text("TagList", row.text("tag_list"))
                .number("MaxGroups", row.number("max_entries"))
                .number("MaxGroupsPerUser", row.number("max_entries_per_user"))
                .time("updated", row.time("updated_at")));
    }
}
