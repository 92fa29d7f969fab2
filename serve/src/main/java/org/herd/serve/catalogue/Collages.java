package org.herd.serve.catalogue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Collages the origin shows (deleted ones never leave it) and their entries. */
public final class Collages {

    /** A collage. */
    public record Collage(String origin, long id, String name, String description, String category, String owner,
            boolean locked, String tagList, Long maxEntries, Long maxEntriesPerUser, LocalDateTime updatedAt,
            long entries) {

        public boolean ofArtists() {
            return "artists".equals(category);
        }
    }

    /** An entry of an artist collage. */
    public record ArtistEntry(long artistId, String name, String image) {
    }

    private static final String COLUMNS = "c.origin, c.collage_id, c.name, c.description, c.category, c.owner, c.locked,"
            + " c.tag_list, c.max_entries, c.max_entries_per_user, c.updated_at,"
            + " (CASE WHEN c.category = 'artists' THEN (SELECT count(*) FROM herd.collage_artist_live e"
            + " WHERE e.origin = c.origin AND e.collage_id = c.collage_id) ELSE (SELECT count(*)"
            + " FROM herd.collage_release_group_live e WHERE e.origin = c.origin AND e.collage_id = c.collage_id) END)"
            + " AS entries";

    private final JdbcTemplate jdbc;

    public Collages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static Collage collage(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Collage(rs.getString("origin"), rs.getLong("collage_id"), rs.getString("name"),
                rs.getString("description"), rs.getString("category"), rs.getString("owner"), rs.getBoolean("locked"),
                rs.getString("tag_list"), Rows.longOrNull(rs, "max_entries"), Rows.longOrNull(rs, "max_entries_per_user"),
                Rows.time(rs, "updated_at"), rs.getLong("entries"));
    }

    public Optional<Collage> collage(String origin, long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM herd.collage_live c WHERE c.origin = ? AND c.collage_id = ?",
                (rs, n) -> collage(rs), origin, id).stream().findFirst();
    }

    /** A page (from 1) of the collages of the origins given, most recently updated first. */
    public List<Collage> collages(List<String> origins, int page, int perPage) {
        return jdbc.query("SELECT " + COLUMNS + " FROM herd.collage_live c WHERE c.origin = ANY (?)"
                + " ORDER BY c.updated_at DESC NULLS LAST, c.origin, c.collage_id DESC LIMIT ? OFFSET ?",
                (rs, n) -> collage(rs), origins.toArray(String[]::new), perPage, (long) (page - 1) * perPage);
    }

    public long count(List<String> origins) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM herd.collage_live WHERE origin = ANY (?)", Long.class,
                (Object) origins.toArray(String[]::new));
        return n == null ? 0 : n;
    }

    /** The release groups of a collage in its order. */
    public List<Long> groupIds(String origin, long collageId) {
        return jdbc.query("SELECT release_group_id FROM herd.collage_release_group_live WHERE origin = ? AND collage_id = ?"
                + " ORDER BY sort, release_group_id", (rs, n) -> rs.getLong(1), origin, collageId);
    }

    /** The artists of an artist collage in its order, with each artist's current image. */
    public List<ArtistEntry> artists(String origin, long collageId) {
        return jdbc.query("SELECT e.artist_id, coalesce(ar.name, pa.name), w.image FROM herd.collage_artist_live e"
                + " JOIN herd.artist_live ar ON ar.origin = e.origin AND ar.artist_id = e.artist_id"
                + " LEFT JOIN herd.artist_alias_live pa ON pa.origin = ar.origin AND pa.alias_id = ar.primary_alias_id"
                + " LEFT JOIN herd.artist_wiki_live w ON w.origin = ar.origin AND w.revision_id = ar.revision_id"
                + " WHERE e.origin = ? AND e.collage_id = ? ORDER BY e.sort, e.artist_id",
                (rs, n) -> new ArtistEntry(rs.getLong(1), rs.getString(2) == null ? "" : rs.getString(2), rs.getString(3)),
                origin, collageId);
    }
}
