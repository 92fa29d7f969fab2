package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** request_tag → requests_tags. */
final class RequestTagsRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.REQUEST_TAG;
    }

    @Override
    public List<String> tables() {
        return List.of("requests_tags");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row("requests_tags")
                .set("TagID", row.id("tag_id"))
                .set("RequestID", row.id("request_id")));
    }
}
