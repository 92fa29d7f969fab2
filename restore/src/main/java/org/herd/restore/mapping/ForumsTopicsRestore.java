package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** forum_topic → forums_topics; the post counter and last post are recomputed ({@code Denormalised}). */
final class ForumsTopicsRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.FORUM_TOPIC;
    }

    @Override
    public List<String> tables() {
        return List.of("forums_topics");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row("forums_topics")
                .set("ID", row.id("forum_topic_id"))
                .text("Title", row.text("title"))
                .set("AuthorID", context.users().id(row.text("author")))
                .flag("IsLocked", row.flag("locked"))
                .flag("IsSticky", row.flag("sticky"))
                .set("ForumID", row.id("forum_id"))
                .number("StickyPostID", row.number("sticky_post_id"))
                .number("Ranking", row.number("sticky_rank"))
                .time("CreatedTime", row.time("created_at")));
    }
}
