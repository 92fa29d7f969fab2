package org.herd.restore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gazelle's denormalised copies, recomputed once every row is in, from the rows they copy, the way
 * Gazelle's code keeps them (mirrors carry the rows, not the copies; {@code docs/survival.md}):
 * a group's TagList from its tags, a collage's entry count, a topic's and a forum's post counts and
 * last post. torrents_votes.Score is written with its row; WikiBody and WikiImage are published.
 */
final class Denormalised {

    private Denormalised() {
    }

    /** The statements, by what they recompute. */
    static Map<String, String> statements() {
        Map<String, String> sql = new LinkedHashMap<>();
        // Gazelle joins the group's tag names with spaces and writes '.' as '_' (Torrents::update_hash).
        sql.put("torrents_group.TagList", "UPDATE torrents_group g JOIN (SELECT tt.GroupID, "
                + "GROUP_CONCAT(REPLACE(t.Name, '.', '_') ORDER BY t.Name SEPARATOR ' ') AS names "
                + "FROM torrents_tags tt JOIN tags t ON t.ID = tt.TagID GROUP BY tt.GroupID) x ON x.GroupID = g.ID "
                + "SET g.TagList = LEFT(x.names, 500)");
        sql.put("collages.NumTorrents", "UPDATE collages c SET c.NumTorrents = "
                + "(SELECT COUNT(*) FROM collages_torrents e WHERE e.CollageID = c.ID) "
                + "+ (SELECT COUNT(*) FROM collages_artists e WHERE e.CollageID = c.ID)");
        sql.put("forums_topics.NumPosts and LastPost*", "UPDATE forums_topics t JOIN (SELECT TopicID, "
                + "COUNT(*) AS posts, MAX(ID) AS last FROM forums_posts GROUP BY TopicID) p ON p.TopicID = t.ID "
                + "JOIN forums_posts lp ON lp.ID = p.last SET t.NumPosts = p.posts, t.LastPostID = lp.ID, "
                + "t.LastPostTime = lp.AddedTime, t.LastPostAuthorID = lp.AuthorID");
        sql.put("forums.NumTopics, NumPosts and LastPost*", "UPDATE forums f JOIN (SELECT ForumID, "
                + "COUNT(*) AS topics, SUM(NumPosts) AS posts, MAX(LastPostID) AS last FROM forums_topics "
                + "GROUP BY ForumID) x ON x.ForumID = f.ID LEFT JOIN forums_posts lp ON lp.ID = x.last "
                + "SET f.NumTopics = x.topics, f.NumPosts = x.posts, f.LastPostID = COALESCE(lp.ID, 0), "
                + "f.LastPostAuthorID = COALESCE(lp.AuthorID, 0), f.LastPostTopicID = COALESCE(lp.TopicID, 0), "
                + "f.LastPostTime = COALESCE(lp.AddedTime, f.LastPostTime)");
        return sql;
    }

    /** Runs them on the restored database. */
    static void recompute(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // A group's names can be longer than GROUP_CONCAT's default limit of 1024 bytes.
            s.execute("SET SESSION group_concat_max_len = 1048576");
            for (Map.Entry<String, String> e : statements().entrySet()) {
                try {
                    s.executeUpdate(e.getValue());
                } catch (SQLException failure) {
                    throw new SQLException("recomputing " + e.getKey() + " failed: " + failure.getMessage(),
                            failure.getSQLState(), failure.getErrorCode(), failure);
                }
            }
        }
    }
}
