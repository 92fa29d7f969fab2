package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** forum_post → forums_posts; who edited a post never left the origin (EditedUserID NULL). */
final class ForumsPostsRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.FORUM_POST;
    }

    @Override
    public List<String> tables() {
        return List.of("forums_posts");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row("forums_posts")
                .set("ID", row.id("forum_post_id"))
                .set("TopicID", row.id("forum_topic_id"))
                .set("AuthorID", context.users().id(row.text("author")))
                .time("AddedTime", row.time("added_at"))
                .text("Body", row.text("body"))
                .nobody("EditedUserID")
                .time("EditedTime", row.time("edited_at")));
    }
}
