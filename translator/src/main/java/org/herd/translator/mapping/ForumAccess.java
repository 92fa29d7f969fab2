package org.herd.translator.mapping;

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

    private ForumAccess() {
    }

    /** Whether every user may read a forum: its MinClassRead is at most the lowest user class. */
    static boolean everyUserMayRead(GazelleRow forum) {
        Long level = forum.optionalLong("MinClassRead");
        if (level == null) {
            throw forum.fail("MinClassRead", "is NULL");
        }
        return level <= LOWEST_USER_CLASS;
    }

    /** Whether a topic's forum exists and every user may read it; a missing forum is not public. */
    static boolean forumIsPublic(GazelleRow topic) {
        return ParentRows.visible(topic, "ForumID", "forums", "ID", ForumAccess::everyUserMayRead);
    }

    /** Whether a post's topic exists and sits in a forum every user may read. */
    static boolean topicIsPublic(GazelleRow post) {
        return ParentRows.visible(post, "TopicID", "forums_topics", "ID", ForumAccess::forumIsPublic);
    }
}
