package org.herd.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.herd.gazelle.canary.Canary;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.generate.OpsWorkload;

/** The privacy leak test on the OPS schema, with OPS's own live traffic. */
class OpsPrivacyLeakIT extends AbstractPrivacyLeakIT {

    @Override
    protected GazelleVariant variant() {
        return GazelleVariant.OPS;
    }

    @Override
    protected LiveTraffic liveTraffic(Connection c) throws SQLException {
        OpsWorkload workload = new OpsWorkload(c, 29);
        return new LiveTraffic() {
            @Override
            public void step() throws SQLException {
                workload.step();
            }

            @Override
            public void noise() throws SQLException {
                workload.trackerFlush(5);
                workload.userActivity();
                workload.sendPrivateMessage();
            }
        };
    }

    /**
     * A topic with a post in a staff forum, a deleted collage with an entry, a hidden request and
     * comments on both pages: OPS's community tables are mapped, and their row filters must keep
     * every text of these rows home, public column or not.
     */
    @Override
    protected List<Canary> plantInHiddenRows(Connection c, int round) throws SQLException {
        List<Canary> canaries = new ArrayList<>();
        String tag = "HIDDEN" + round + "x" + UUID.randomUUID().toString().substring(0, 8);
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION foreign_key_checks = 0");
        }
        long staffForum = single(c, "SELECT MIN(ID) FROM forums WHERE MinClassRead > 100");
        long topic = insert(c, "INSERT INTO forums_topics (Title, AuthorID, ForumID, LastPostID, LastPostAuthorID, "
                + "CreatedTime) VALUES (?, 1, ?, 0, 1, NOW())", text(canaries, "forums_topics", "Title", tag),
                staffForum);
        insert(c, "INSERT INTO forums_posts (TopicID, AuthorID, AddedTime, Body) VALUES (?, 1, NOW(), ?)", topic,
                text(canaries, "forums_posts", "Body", tag));
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
