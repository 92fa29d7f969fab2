package org.herd.serve.catalogue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Artists: their page, the groups they are credited on, similar artists, aliases. */
public final class Artists {

    /**
     * An artist page.
     *
     * @param name       the artist's name (on OPS the primary alias's)
     * @param wikiBody   the current wiki revision's body, raw BBCode, or null
     * @param wikiImage  the current wiki revision's image, or null
     */
    public record Artist(String origin, long id, String name, boolean vanityHouse, Long revisionId, String wikiBody,
            String wikiImage) {
    }

    /** A group an artist is credited on, in a role. */
    public record Credited(long groupId, String role) {
    }

    /** A similar artist. */
    public record Similar(long artistId, String name, long score, long similarityId) {
    }

    /** An artist id found by name, with its origin. */
    public record Found(String origin, long artistId) {
    }

    private static final String NAME = "coalesce(ar.name, pa.name)";
    private static final String FROM = " FROM herd.artist_live ar LEFT JOIN herd.artist_alias_live pa"
            + " ON pa.origin = ar.origin AND pa.alias_id = ar.primary_alias_id";

    private final JdbcTemplate jdbc;

    public Artists(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Artist> artist(String origin, long id) {
        return jdbc.query("SELECT ar.artist_id, " + NAME + " AS name, ar.vanity_house, ar.revision_id, w.body, w.image"
                + FROM + " LEFT JOIN herd.artist_wiki_live w ON w.origin = ar.origin AND w.revision_id = ar.revision_id"
                + " WHERE ar.origin = ? AND ar.artist_id = ?",
                (rs, n) -> new Artist(origin, rs.getLong(1), rs.getString(2) == null ? "" : rs.getString(2),
                        rs.getBoolean(3), Rows.longOrNull(rs, "revision_id"), rs.getString(5), rs.getString(6)),
                origin, id).stream().findFirst();
    }

    /**
     * Artists one of whose names (an alias, or the artist's own on WhatCD) is {@code name}, compared
     * without regard to case, as Gazelle's collation compares it; in any origin unless one is given.
     */
    public List<Found> byName(String origin, String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return jdbc.query("SELECT DISTINCT origin, artist_id FROM ("
                + " SELECT origin, artist_id FROM herd.artist_alias_live WHERE lower(name) = ?"
                + " UNION ALL SELECT origin, artist_id FROM herd.artist_live WHERE lower(name) = ?) f"
                + " WHERE (?::text IS NULL OR origin = ?) ORDER BY origin, artist_id LIMIT 20",
                (rs, n) -> new Found(rs.getString(1), rs.getLong(2)), lower, lower, origin, origin);
    }

    /** The groups an artist is credited on, with the role, newest year first (Gazelle's order). */
    public List<Credited> credits(String origin, long artistId, int limit) {
        return jdbc.query("SELECT DISTINCT ON (g.year, g.name, g.release_group_id, c.role) c.release_group_id, c.role,"
                + " g.year, g.name FROM herd.release_group_artist_live c"
                + " JOIN herd.artist_alias_live a ON a.origin = c.origin AND a.alias_id = c.alias_id"
                + " JOIN herd.release_group_live g ON g.origin = c.origin AND g.release_group_id = c.release_group_id"
                + " WHERE c.origin = ? AND a.artist_id = ?"
                + " ORDER BY g.year DESC NULLS LAST, g.name DESC, g.release_group_id DESC, c.role LIMIT ?",
                (rs, n) -> new Credited(rs.getLong(1), rs.getString(2)), origin, artistId, limit);
    }

    /** Similar artists, best score first, then by name, at most {@code limit} (Gazelle shows 30). */
    public List<Similar> similar(String origin, long artistId, int limit) {
        return jdbc.query("SELECT other.artist_id, " + NAME + " AS name, s.score, s.similarity_id"
                + " FROM herd.artist_similarity_artist_live mine"
                + " JOIN herd.artist_similarity_artist_live other ON other.origin = mine.origin"
                + " AND other.similarity_id = mine.similarity_id AND other.artist_id <> mine.artist_id"
                + " JOIN herd.artist_similarity_live s ON s.origin = mine.origin AND s.similarity_id = mine.similarity_id"
                + " JOIN herd.artist_live ar ON ar.origin = other.origin AND ar.artist_id = other.artist_id"
                + " LEFT JOIN herd.artist_alias_live pa ON pa.origin = ar.origin AND pa.alias_id = ar.primary_alias_id"
                + " WHERE mine.origin = ? AND mine.artist_id = ? ORDER BY s.score DESC, name LIMIT ?",
                (rs, n) -> new Similar(rs.getLong(1), rs.getString(2) == null ? "" : rs.getString(2), rs.getLong(3),
                        rs.getLong(4)), origin, artistId, limit);
    }

    /** The artist's other names. */
    public List<String> aliases(String origin, long artistId) {
        return jdbc.query("SELECT name FROM herd.artist_alias_live WHERE origin = ? AND artist_id = ? AND name IS NOT NULL"
                + " ORDER BY name", (rs, n) -> rs.getString(1), origin, artistId);
    }

    /** When the artist's wiki was last edited, if the mirror has the revision. */
    public Optional<LocalDateTime> wikiTime(String origin, long revisionId) {
        return jdbc.query("SELECT created_at FROM herd.artist_wiki_live WHERE origin = ? AND revision_id = ?",
                (rs, n) -> Rows.time(rs, "created_at"), origin, revisionId).stream().findFirst();
    }
}
