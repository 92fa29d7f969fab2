package org.herd.translator.mapping;

import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * Which forums, topics and posts may leave the origin. Gazelle lets a user read a forum when the
 * user's class level is at least the forum's {@code MinClassRead} ({@code Forums::user_forums_sql}
 * compares {@code f.MinClassRead <= Class}); staff forums are ordinary rows of {@code forums} with a
 * high {@code MinClassRead}. Herd publishes a forum only when every user of the site may read it,
 * a topic only while its forum is published and a post only while its topic is. A parent the origin
 * does not have means "not published": default deny.
 *
 * <p>Parents are judged as rows of their own table, so a bad value is reported against the forum or
 * topic that holds it.
 */
final class ForumAccess {

    /**
     * The level of the lowest user class on WhatCD: "User", level 100, in the {@code permissions}
     * rows of gazelle.sql (then Member 150, Power User 200, Elite 250, ..., Moderator 800, Sysop
     * 1000), the class registration gives every new account ({@code $Class = USER}). A forum whose
     * MinClassRead is at or below it can be read by every user.
     */
    static final long LOWEST_USER_CLASS = 100;

    /**
     * The level of the lowest user class on OPS: also "User", level 100. OPS's baseline migration
     * seeds {@code permissions} with User (ID 2, level 100) as the lowest level (Member 150, Power
     * User 200, ...), {@code UserCreator} gives every new account the permission {@code USER} (2), and
     * {@code Forum}/{@code Manager\Forum} list a forum for a user where {@code f.MinClassRead <= }
     * the user's level. Its seeded public forums have MinClassRead 100, its staff forums 800 and up.
     */
    static final long OPS_LOWEST_USER_CLASS = 100;

    private static final ForumAccess WHATCD = new ForumAccess(LOWEST_USER_CLASS);
    private static final ForumAccess OPS = new ForumAccess(OPS_LOWEST_USER_CLASS);

    private final long lowestUserClass;

    private ForumAccess(long lowestUserClass) {
        this.lowestUserClass = lowestUserClass;
    }

    /** The forum access rule of a variant. */
    static ForumAccess of(GazelleVariant variant) {
        return switch (variant) {
            case WHATCD -> WHATCD;
            case OPS -> OPS;
        };
    }

    /** Whether every user may read a forum: its MinClassRead is at most the lowest user class. */
    boolean everyUserMayRead(GazelleRow forum) {
        Long level = forum.optionalLong("MinClassRead");
        if (level == null) {
            throw forum.fail("MinClassRead", "is NULL");
        }
        return level <= lowestUserClass;
    }

    /** Whether a topic's forum exists and every user may read it; a missing forum is not public. */
    boolean forumIsPublic(GazelleRow topic) {
        return ParentRows.visible(topic, "ForumID", "forums", "ID", this::everyUserMayRead);
    }

    /** Whether a post's topic exists and sits in a forum every user may read. */
    boolean topicIsPublic(GazelleRow post) {
        return ParentRows.visible(post, "TopicID", "forums_topics", "ID", this::forumIsPublic);
    }
}
