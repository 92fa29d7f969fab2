package org.herd.translator.mapping;

import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * forums_posts → forum_post, while the post's topic is in a forum every user may read. Who edited
 * a post (EditedUserID, often a moderator) never leaves; when it was edited does.
 */
public final class ForumsPostsMapping implements TableMapping {

    private final ForumAccess access;

    /** The WhatCD mapping. */
    public ForumsPostsMapping() {
        this(ForumAccess.of(GazelleVariant.WHATCD));
    }

    private ForumsPostsMapping(ForumAccess access) {
        this.access = access;
    }

    /** The OPS mapping: the same columns, judged by OPS's lowest user class. */
    public static ForumsPostsMapping ops() {
        return new ForumsPostsMapping(ForumAccess.of(GazelleVariant.OPS));
    }

    @Override
    public String table() {
        return "forums_posts";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.FORUM_POST;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("forum_post_id", row.requiredLong("ID")).build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("forum_post_id", KeySource.copy("ID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("forum_topic_id", row.requiredLong("TopicID"))
                .put("author", row.user("AuthorID"))
                .put("body", row.text("Body"))
                .put("added_at", row.timestamp("AddedTime"))
                .put("edited_at", row.timestamp("EditedTime"))
                .build();
    }

    @Override
    public List<String> parentColumns() {
        return List.of("TopicID");
    }

    @Override
    public boolean visible(GazelleRow row) {
        return access.topicIsPublic(row);
    }
}
