package org.herd.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.herd.gazelle.canary.Canary;
import org.herd.gazelle.catalogue.GazelleVariant;

/** The privacy leak test on the WhatCD schema. */
class WhatCdPrivacyLeakIT extends AbstractPrivacyLeakIT {

    /** Per planting's tag, the staff topic planted and its forum. */
    private final Map<String, long[]> topics = new HashMap<>();

    @Override
    protected GazelleVariant variant() {
        return GazelleVariant.WHATCD;
    }

    /**
     * A topic with a post in a staff forum, a deleted collage with an entry, a hidden request, and
     * a comment on each of the two: every text in them is a canary, public column or not.
     */
    @Override
    protected List<Canary> plantInHiddenRows(Connection c, int round) throws SQLException {
        List<Canary> canaries = new ArrayList<>();
        String tag = "HIDDEN" + round + "x" + UUID.randomUUID().toString().substring(0, 8);
        long staffForum = single(c, "SELECT MIN(ID) FROM forums WHERE MinClassRead > 100");
        long topic = insert(c, "INSERT INTO forums_topics (Title, AuthorID, ForumID, LastPostID, LastPostAuthorID, "
                + "CreatedTime) VALUES (?, 1, ?, 0, 1, NOW())", text(canaries, "forums_topics", "Title", tag), staffForum);
        insert(c, "INSERT INTO forums_posts (TopicID, AuthorID, AddedTime, Body) VALUES (?, 1, NOW(), ?)", topic,
                text(canaries, "forums_posts", "Body", tag));
        topics.put(tag, new long[] {topic, staffForum});
        long collage = insert(c, "INSERT INTO collages (Name, Description, UserID, Deleted, CategoryID, updated) "
                + "VALUES (?, ?, 1, '1', 1, NOW())", text(canaries, "collages", "Name", tag),
                text(canaries, "collages", "Description", tag));
        insert(c, "INSERT INTO collages_torrents (CollageID, GroupID, UserID, Sort, AddedOn) "
                + "SELECT ?, MIN(ID), 1, 10, NOW() FROM torrents_group", collage);
        long request = insert(c, "INSERT INTO requests (UserID, TimeAdded, CategoryID, Title, Description, "
                + "CatalogueNumber, Visible) VALUES (1, NOW(), 1, ?, ?, '', '0')",
                text(canaries, "requests", "Title", tag), text(canaries, "requests", "Description", tag));
        for (Object[] page : new Object[][] {{"collages", collage}, {"requests", request}}) {
            insert(c, "INSERT INTO comments (Page, PageID, AuthorID, AddedTime, Body) VALUES (?, ?, 1, NOW(), ?)",
                    page[0], page[1], text(canaries, "comments", "Body", tag + page[0]));
        }
        return canaries;
    }

    /**
     * The workload's moveTopic may take a staff topic into a public forum, publishing it; the
     * canaries of a topic no longer in the staff forum it was planted in are not searched for.
     */
    @Override
    protected List<Canary> stillHidden(Connection c, List<Canary> hidden) throws SQLException {
        List<Canary> kept = new ArrayList<>();
        for (Canary canary : hidden) {
            String tag = ((String) canary.value()).substring(0, ((String) canary.value()).indexOf('-'));
            long[] topic = topics.get(tag);
            boolean inTopic = canary.table().equals("forums_topics") || canary.table().equals("forums_posts");
            if (!inTopic || single(c, "SELECT ForumID FROM forums_topics WHERE ID = " + topic[0]) == topic[1]) {
                kept.add(canary);
            }
        }
        return kept;
    }

    private static String text(List<Canary> canaries, String table, String column, String tag) {
        String value = tag + "-" + table + "." + column;
        canaries.add(Canary.text("hidden " + value, table, column, value));
        return value;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }
}
