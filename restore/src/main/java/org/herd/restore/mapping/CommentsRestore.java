package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.mapping.CodeList;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** comment → comments; who edited a comment never left the origin (EditedUserID NULL). */
final class CommentsRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.COMMENT;
    }

    @Override
    public List<String> tables() {
        return List.of("comments");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row("comments")
                .set("ID", row.id("comment_id"))
                .code("Page", CodeList.COMMENT_PAGES, row.text("page"))
                .set("PageID", row.id("page_id"))
                .set("AuthorID", context.users().id(row.text("author")))
                .time("AddedTime", row.time("added_at"))
                .text("Body", row.text("body"))
                .nobody("EditedUserID")
                .time("EditedTime", row.time("edited_at")));
    }
}
