package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** release_group_tag → torrents_tags; who tagged is not known. */
final class TorrentsTagsRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.RELEASE_GROUP_TAG;
    }

    @Override
    public List<String> tables() {
        return List.of("torrents_tags");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row("torrents_tags")
                .set("TagID", row.id("tag_id"))
                .set("GroupID", row.id("release_group_id"))
                .set("PositiveVotes", row.id("positive_votes"))
                .set("NegativeVotes", row.id("negative_votes"))
                .nobody("UserID"));
    }
}
