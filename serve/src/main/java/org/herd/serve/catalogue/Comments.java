package org.herd.serve.catalogue;

import java.time.LocalDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Comments on an artist, collage, request or release group page, oldest first, in pages. */
public final class Comments {

    /** Gazelle's TORRENT_COMMENTS_PER_PAGE. */
    public static final int PER_PAGE = 10;

    /** A comment. {@code author} is the reference the origin published (see {@link Users}). */
    public record Comment(long id, String author, String body, LocalDateTime addedAt, LocalDateTime editedAt) {
    }

    private final JdbcTemplate jdbc;

    public Comments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How many comments a page has. */
    public long count(String origin, String page, long pageId) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM herd.comment_live WHERE origin = ? AND page = ? AND page_id = ?",
                Long.class, origin, page, pageId);
        return n == null ? 0 : n;
    }

    /** One page (from 1) of a page's comments. */
    public List<Comment> comments(String origin, String page, long pageId, int pageNumber) {
        return jdbc.query("SELECT comment_id, author, body, added_at, edited_at FROM herd.comment_live"
                + " WHERE origin = ? AND page = ? AND page_id = ? ORDER BY comment_id LIMIT ? OFFSET ?",
                (rs, n) -> new Comment(rs.getLong(1), rs.getString(2), rs.getString(3), Rows.time(rs, "added_at"),
                        Rows.time(rs, "edited_at")),
                origin, page, pageId, PER_PAGE, (long) (pageNumber - 1) * PER_PAGE);
    }
}
