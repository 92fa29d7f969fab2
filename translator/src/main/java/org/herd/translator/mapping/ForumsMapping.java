package org.herd.translator.mapping;

import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.Cascade;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * forums → forum, for forums every user may read ({@link ForumAccess}). When a forum becomes a
 * staff forum (or stops being one) its topics are translated again, and through them their posts.
 */
public final class ForumsMapping implements TableMapping {

    private final ForumAccess access;

    /** The WhatCD mapping. */
    public ForumsMapping() {
        this(ForumAccess.of(GazelleVariant.WHATCD));
    }

    private ForumsMapping(ForumAccess access) {
        this.access = access;
    }

    /** The OPS mapping: the same columns, judged by OPS's lowest user class. */
    public static ForumsMapping ops() {
        return new ForumsMapping(ForumAccess.of(GazelleVariant.OPS));
    }

    @Override
    public String table() {
        return "forums";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.FORUM;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("forum_id", row.requiredLong("ID")).build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("forum_id", KeySource.copy("ID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("forum_category_id", row.requiredLong("CategoryID"))
                .put("sort", row.requiredLong("Sort"))
                .put("name", row.emptyAsNull("Name"))
                .put("description", row.emptyAsNull("Description"))
                .build();
    }

    @Override
    public boolean visible(GazelleRow row) {
        return access.everyUserMayRead(row);
    }

    @Override
    public List<Cascade> children(GazelleRow row) {
        return List.of(new Cascade("forums_topics", Map.of("ForumID", row.requiredLong("ID"))));
    }
}
