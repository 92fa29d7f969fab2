package org.herd.serve.catalogue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Release groups with their credits, tags, releases and the releases' logs, read in batches: five
 * queries whatever the number of groups, each by (origin, id) through the mirror's keys and indexes.
 */
public final class Groups {

    private final JdbcTemplate jdbc;

    public Groups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Group> group(String origin, long id) {
        return Optional.ofNullable(groups(origin, List.of(id)).get(id));
    }

    /** The group a release belongs to, if the mirror holds both. */
    public Optional<Long> groupOfRelease(String origin, long releaseId) {
        return jdbc.query("SELECT release_group_id FROM herd.release_live WHERE origin = ? AND release_id = ?",
                (rs, n) -> rs.getLong(1), origin, releaseId).stream().findFirst();
    }

    /** The groups the mirror holds among {@code ids}, by id, in the order of {@code ids}. */
    public Map<Long, Group> groups(String origin, Collection<Long> ids) {
        return groups(origin, ids, true);
    }

    /**
     * As {@link #groups}, for lists of results: without what lists never show, the description of
     * each group and each release's file list and description (null here). Those are the large
     * columns, most of what a page of fifty groups would otherwise read and send.
     */
    public Map<Long, Group> listed(String origin, Collection<Long> ids) {
        return groups(origin, ids, false);
    }

    private Map<Long, Group> groups(String origin, Collection<Long> ids, boolean whole) {
        Map<Long, Group> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Long[] idArray = ids.toArray(Long[]::new);
        Map<Long, List<Credit>> credits = credits(origin, idArray);
        Map<Long, List<TagVote>> tags = new HashMap<>();
        jdbc.query("SELECT gt.release_group_id, gt.tag_id, t.name, gt.positive_votes, gt.negative_votes"
                + " FROM herd.release_group_tag_live gt LEFT JOIN herd.tag_live t ON t.origin = gt.origin"
                + " AND t.tag_id = gt.tag_id WHERE gt.origin = ? AND gt.release_group_id = ANY (?)"
                + " ORDER BY gt.positive_votes - gt.negative_votes DESC, t.name", rs -> {
                    tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new TagVote(rs.getLong(2),
                            rs.getString(3), rs.getLong(4), rs.getLong(5)));
                }, origin, idArray);
        Map<Long, List<Release>> releases = releases(origin, idArray, whole);
        Map<Long, Group> found = new HashMap<>();
        jdbc.query("SELECT release_group_id, name, year, category, record_label, catalogue_number, release_type,"
                + " added_at, " + (whole ? "wiki_body" : "NULL::text AS wiki_body")
                + ", wiki_image, vanity_house, revision_id FROM herd.release_group_live"
                + " WHERE origin = ? AND release_group_id = ANY (?)", rs -> {
                    long id = rs.getLong("release_group_id");
                    found.put(id, new Group(origin, id, rs.getString("name"), Rows.longOrNull(rs, "year"),
                            rs.getString("category"), rs.getString("record_label"), rs.getString("catalogue_number"),
                            rs.getString("release_type"), Rows.time(rs, "added_at"), rs.getString("wiki_body"),
                            rs.getString("wiki_image"), rs.getBoolean("vanity_house"), Rows.longOrNull(rs, "revision_id"),
                            credits.getOrDefault(id, List.of()), tags.getOrDefault(id, List.of()),
                            releases.getOrDefault(id, List.of())));
                }, origin, idArray);
        for (Long id : ids) {
            Group g = found.get(id);
            if (g != null) {
                out.put(id, g);
            }
        }
        return out;
    }

    private Map<Long, List<Credit>> credits(String origin, Long[] ids) {
        Map<Long, List<Credit>> credits = new HashMap<>();
        // OPS credits name only the alias; the artist is the alias's.
        jdbc.query("SELECT c.release_group_id, c.alias_id, coalesce(c.artist_id, a.artist_id) AS artist_id,"
                + " coalesce(a.name, ar.name) AS name, c.role FROM herd.release_group_artist_live c"
                + " LEFT JOIN herd.artist_alias_live a ON a.origin = c.origin AND a.alias_id = c.alias_id"
                + " LEFT JOIN herd.artist_live ar ON ar.origin = c.origin AND ar.artist_id = c.artist_id"
                + " WHERE c.origin = ? AND c.release_group_id = ANY (?)", rs -> {
                    credits.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Credit(rs.getLong(2),
                            rs.getLong(3), rs.getString(4) == null ? "" : rs.getString(4), rs.getString(5)));
                }, origin, ids);
        Comparator<Credit> order = Comparator.comparingInt((Credit c) -> Codes.roleCode(c.role()))
                .thenComparing(Credit::name, String.CASE_INSENSITIVE_ORDER).thenComparingLong(Credit::aliasId);
        credits.values().forEach(l -> l.sort(order));
        return credits;
    }

    private Map<Long, List<Release>> releases(String origin, Long[] groupIds, boolean whole) {
        Map<Long, List<Long>> logs = new HashMap<>();
        jdbc.query("SELECT l.release_id, l.log_id FROM herd.release_log_live l JOIN herd.release_live r"
                + " ON r.origin = l.origin AND r.release_id = l.release_id"
                + " WHERE r.origin = ? AND r.release_group_id = ANY (?) ORDER BY l.log_id",
                rs -> {
                    logs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }, origin, groupIds);
        Map<Long, List<Release>> out = new HashMap<>();
        jdbc.query("SELECT release_id, release_group_id, media, format, encoding, remastered, remaster_year,"
                + " remaster_title, remaster_catalogue_number, remaster_record_label, scene, has_log, has_cue,"
                + " log_score, file_count, size_bytes, " + (whole ? "files::text" : "NULL::text") + " AS files, freeleech,"
                + " uploaded_at, " + (whole ? "description" : "NULL::text AS description")
                + ", info_hash FROM herd.release_live WHERE origin = ? AND release_group_id = ANY (?)"
                // Gazelle's order of a group's torrents: original release first, then editions by year,
                // title, label and catalogue number; within an edition by media, format and encoding.
                + " ORDER BY release_group_id, remastered, remaster_year NULLS FIRST, remaster_title NULLS FIRST,"
                + " remaster_record_label NULLS FIRST, remaster_catalogue_number NULLS FIRST, media, format,"
                + " encoding, release_id", rs -> {
                    long id = rs.getLong("release_id");
                    long group = rs.getLong("release_group_id");
                    out.computeIfAbsent(group, k -> new ArrayList<>()).add(new Release(id, group,
                            rs.getString("media"), rs.getString("format"), rs.getString("encoding"),
                            rs.getBoolean("remastered"), Rows.longOrNull(rs, "remaster_year"),
                            rs.getString("remaster_title"), rs.getString("remaster_catalogue_number"),
                            rs.getString("remaster_record_label"), rs.getBoolean("scene"), rs.getBoolean("has_log"),
                            rs.getBoolean("has_cue"), rs.getLong("log_score"), rs.getLong("file_count"),
                            rs.getLong("size_bytes"), rs.getString("files"), rs.getString("freeleech"),
                            Rows.time(rs, "uploaded_at"), rs.getString("description"), rs.getString("info_hash"),
                            logs.getOrDefault(id, List.of())));
                }, origin, groupIds);
        return out;
    }
}
