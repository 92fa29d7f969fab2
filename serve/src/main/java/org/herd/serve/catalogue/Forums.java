package org.herd.serve.catalogue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The public forums the origin published (staff forums never leave it), with the counts and last
 * posts Gazelle keeps in columns of its own computed from the published topics and posts.
 */
public final class Forums {

    /** Gazelle's TOPICS_PER_PAGE and POSTS_PER_PAGE. */
    public static final int TOPICS_PER_PAGE = 50;
    public static final int POSTS_PER_PAGE = 25;

    /** A forum with its counts and last post. */
    public record Forum(String origin, long id, long categoryId, String categoryName, String name, String description,
            long topics, long posts, long lastPostId, String lastAuthor, LocalDateTime lastTime, long lastTopicId,
            String lastTopicTitle) {
    }

    /** A topic with its post count and last post. */
    public record Topic(String origin, long id, long forumId, String title, String author, boolean locked,
            boolean sticky, long posts, long lastPostId, String lastAuthor, LocalDateTime lastTime) {
    }

    /** A post. */
    public record Post(long id, String author, String body, LocalDateTime addedAt, LocalDateTime editedAt) {
    }

    private final JdbcTemplate jdbc;

    public Forums(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String FORUM_COLUMNS = "f.origin, f.forum_id, f.forum_category_id, c.name AS category_name,"
            + " f.name, f.description,"
            + " (SELECT count(*) FROM herd.forum_topic_live t WHERE t.origin = f.origin AND t.forum_id = f.forum_id) AS topics,"
            + " (SELECT count(*) FROM herd.forum_topic_live t JOIN herd.forum_post_live p ON p.origin = t.origin"
            + " AND p.forum_topic_id = t.forum_topic_id WHERE t.origin = f.origin AND t.forum_id = f.forum_id) AS posts,"
            + " last.forum_post_id AS last_post_id, last.author AS last_author, last.added_at AS last_time,"
            + " last.forum_topic_id AS last_topic_id, last.title AS last_title";
    private static final String FORUM_FROM = " FROM herd.forum_live f"
            + " LEFT JOIN herd.forum_category_live c ON c.origin = f.origin AND c.forum_category_id = f.forum_category_id"
            + " LEFT JOIN LATERAL (SELECT p.forum_post_id, p.author, p.added_at, t.forum_topic_id, t.title"
            + " FROM herd.forum_topic_live t JOIN herd.forum_post_live p ON p.origin = t.origin"
            + " AND p.forum_topic_id = t.forum_topic_id WHERE t.origin = f.origin AND t.forum_id = f.forum_id"
            + " ORDER BY p.forum_post_id DESC LIMIT 1) last ON true";

    private static Forum forum(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Forum(rs.getString("origin"), rs.getLong("forum_id"), rs.getLong("forum_category_id"),
                rs.getString("category_name"), rs.getString("name"), rs.getString("description"), rs.getLong("topics"),
                rs.getLong("posts"), rs.getLong("last_post_id"), rs.getString("last_author"),
                Rows.time(rs, "last_time"), rs.getLong("last_topic_id"), rs.getString("last_title"));
    }

    /** Every forum of the origins given, by origin, category order and forum order. */
    public List<Forum> forums(List<String> origins) {
        return jdbc.query("SELECT " + FORUM_COLUMNS + FORUM_FROM + " WHERE f.origin = ANY (?)"
                + " ORDER BY f.origin, c.sort NULLS LAST, f.forum_category_id, f.sort, f.forum_id",
                (rs, n) -> forum(rs), (Object) origins.toArray(String[]::new));
    }

    public Optional<Forum> forum(String origin, long id) {
        return jdbc.query("SELECT " + FORUM_COLUMNS + FORUM_FROM + " WHERE f.origin = ? AND f.forum_id = ?",
                (rs, n) -> forum(rs), origin, id).stream().findFirst();
    }

    private static final String TOPIC_SELECT = "SELECT t.origin, t.forum_topic_id, t.forum_id, t.title, t.author,"
            + " t.locked, t.sticky, stats.posts, stats.last_post_id, last.author AS last_author,"
            + " last.added_at AS last_time FROM herd.forum_topic_live t"
            + " LEFT JOIN LATERAL (SELECT count(*) AS posts, max(p.forum_post_id) AS last_post_id"
            + " FROM herd.forum_post_live p WHERE p.origin = t.origin AND p.forum_topic_id = t.forum_topic_id) stats ON true"
            + " LEFT JOIN herd.forum_post_live last ON last.origin = t.origin AND last.forum_post_id = stats.last_post_id";

    private static Topic topic(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Topic(rs.getString("origin"), rs.getLong("forum_topic_id"), rs.getLong("forum_id"),
                rs.getString("title"), rs.getString("author"), rs.getBoolean("locked"), rs.getBoolean("sticky"),
                rs.getLong("posts"), rs.getLong("last_post_id"), rs.getString("last_author"), Rows.time(rs, "last_time"));
    }

    /** One page of a forum's topics: sticky ones first, then by last post, newest first (Gazelle's order). */
    public List<Topic> topics(String origin, long forumId, int page) {
        return jdbc.query(TOPIC_SELECT + " WHERE t.origin = ? AND t.forum_id = ?"
                + " ORDER BY t.sticky DESC, last.added_at DESC NULLS LAST, t.forum_topic_id DESC LIMIT ? OFFSET ?",
                (rs, n) -> topic(rs), origin, forumId, TOPICS_PER_PAGE, (long) (page - 1) * TOPICS_PER_PAGE);
    }

    public Optional<Topic> topic(String origin, long id) {
        return jdbc.query(TOPIC_SELECT + " WHERE t.origin = ? AND t.forum_topic_id = ?", (rs, n) -> topic(rs),
                origin, id).stream().findFirst();
    }

    /** The topic a post is in. */
    public Optional<Long> topicOfPost(String origin, long postId) {
        return jdbc.query("SELECT forum_topic_id FROM herd.forum_post_live WHERE origin = ? AND forum_post_id = ?",
                (rs, n) -> rs.getLong(1), origin, postId).stream().findFirst();
    }

    /** One page of a topic's posts, oldest first. */
    public List<Post> posts(String origin, long topicId, int page) {
        List<Post> out = new ArrayList<>();
        jdbc.query("SELECT forum_post_id, author, body, added_at, edited_at FROM herd.forum_post_live"
                + " WHERE origin = ? AND forum_topic_id = ? ORDER BY forum_post_id LIMIT ? OFFSET ?", rs -> {
                    out.add(new Post(rs.getLong(1), rs.getString(2), rs.getString(3), Rows.time(rs, "added_at"),
                            Rows.time(rs, "edited_at")));
                }, origin, topicId, POSTS_PER_PAGE, (long) (page - 1) * POSTS_PER_PAGE);
        return out;
    }
}
