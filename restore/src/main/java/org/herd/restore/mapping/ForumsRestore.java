package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * forum → forums. Mirrors hold only forums every user may read, and not who may write or start
 * topics: all three classes are the lowest user class, User (level 100 on both variants, the level
 * the translator's forum rule publishes). The counters and last-post columns are recomputed from
 * the topics and posts ({@code Denormalised}).
 */
final class ForumsRestore implements EntityRestore {

    /** Level of the lowest user class, User, on WhatCD and OPS. */
    static final long LOWEST_USER_CLASS = 100;

    @Override
    public EntityType entity() {
        return NeutralSchema.FORUM;
    }

    @Override
    public List<String> tables() {
        return List.of("forums");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row("forums")
                .set("ID", row.id("forum_id"))
                .set("CategoryID", row.id("forum_category_id"))
                .set("Sort", row.id("sort"))
                .text("Name", row.text("name"))
                .text("Description", row.text("description"))
                .set("MinClassRead", LOWEST_USER_CLASS)
                .set("MinClassWrite", LOWEST_USER_CLASS)
                .set("MinClassCreate", LOWEST_USER_CLASS));
    }
}
