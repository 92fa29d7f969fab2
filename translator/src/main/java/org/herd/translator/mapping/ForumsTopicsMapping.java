package org.herd.translator.mapping;

import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.Cascade;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * forums_topics → forum_topic, while the topic's forum is one every user may read. A topic moved
 * into a staff forum is retracted and its posts with it; moved out, it is published with them.
 */
public final class ForumsTopicsMapping implements TableMapping {

    private final ForumAccess access;

    /** The WhatCD mapping. */
    public ForumsTopicsMapping() {
        this(ForumAccess.of(GazelleVariant.WHATCD));
    }

    private ForumsTopicsMapping(ForumAccess access) {
        this.access = access;
    }

    /** The OPS mapping: the same columns, judged by OPS's lowest user class. */
    public static ForumsTopicsMapping ops() {
        return new ForumsTopicsMapping(ForumAccess.of(GazelleVariant.OPS));
    }

    @Override
    public String table() {
        return "forums_topics";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.FORUM_TOPIC;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("forum_topic_id", row.requiredLong("ID")).build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("forum_topic_id", KeySource.copy("ID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("forum_id", row.requiredLong("ForumID"))
                .put("title", row.text("Title"))
                .put("author", row.user("AuthorID"))
                .put("locked", row.flag("IsLocked"))
                .put("sticky", row.flag("IsSticky"))
                .put("sticky_post_id", row.zeroAsNull("StickyPostID"))
                .put("sticky_rank", row.zeroAsNull("Ranking"))
                .put("created_at", row.timestamp("CreatedTime"))
                .build();
    }

    @Override
    public List<String> parentColumns() {
        return List.of("ForumID");
    }

    @Override
    public boolean visible(GazelleRow row) {
        return access.forumIsPublic(row);
    }

    @Override
    public List<Cascade> children(GazelleRow row) {
        return List.of(new Cascade("forums_posts", Map.of("TopicID", row.requiredLong("ID"))));
    }
}
