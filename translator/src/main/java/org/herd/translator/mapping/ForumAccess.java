package org.herd.translator.mapping;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

/**
 * Which forums, topics and posts may leave the origin. Gazelle lets a user read a forum when the
 * user's class level is at least the forum's {@code MinClassRead} ({@code Forums::user_forums_sql}
 * compares {@code f.MinClassRead <= Class}); staff forums are ordinary rows of {@code forums} with a
 * high {@code MinClassRead}. Herd publishes a forum only when every user of the site may read it,
 * a topic only while its forum is published and a post only while its topic is. A parent the origin
 * does not have means "not published": default deny.
 *
 * <p>Messages never quote {@code MinClassRead}: it is a row-filter column, read but never published.
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

    /** Whether every user may read a forum with this MinClassRead; {@code row} names the failing row. */
    static boolean everyUserMayRead(GazelleRow row, String column, Object minClassRead, String whose) {
        Long level = integer(minClassRead);
        if (level == null) {
            throw row.fail(column, whose + "MinClassRead is " + (minClassRead == null ? "NULL" : "not an integer")
                    + " (value withheld: row-filter column)");
        }
        return level <= LOWEST_USER_CLASS;
    }

    /** Whether the forum with this id exists and every user may read it. */
    static boolean forumIsPublic(GazelleRow row, String column, long forumId) {
        Optional<Map<String, Object>> forum = row.lookupRow("forums", Map.of("ID", forumId));
        return forum.isPresent()
                && everyUserMayRead(row, column, forum.get().get("MinClassRead"), "forum " + forumId + ": ");
    }

    /** Whether the topic with this id exists and sits in a forum every user may read. */
    static boolean topicIsPublic(GazelleRow row, String column, long topicId) {
        Optional<Map<String, Object>> topic = row.lookupRow("forums_topics", Map.of("ID", topicId));
        if (topic.isEmpty()) {
            return false;
        }
        Long forumId = integer(topic.get().get("ForumID"));
        if (forumId == null) {
            throw row.fail(column, "topic " + topicId + " has no integer ForumID");
        }
        return forumIsPublic(row, column, forumId);
    }

    /** An integer as the capture layer or a lookup hands it over; null when it is not one. */
    static Long integer(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
