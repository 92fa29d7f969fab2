package org.herd.serve.catalogue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Release groups with their credits, tags, releases and the releases' logs, read in one statement
 * whatever the number of groups, each by (origin, id) through the mirror's keys and indexes.
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
     * each group and each release's file list and description (null here) and rip logs (none here).
     * Those are the large columns, most of what a page of fifty groups would otherwise read and
     * send; the logs cost a look-up per release (a fifth of reading a page of 1,435 releases).
     */
    public Map<Long, Group> listed(String origin, Collection<Long> ids) {
        return groups(origin, ids, false);
    }

    private Map<Long, Group> groups(String origin, Collection<Long> ids, boolean whole) {
        Map<Long, Group> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Map<Long, Group> found = new HashMap<>();
        jdbc.query(whole ? WHOLE : LISTED, rs -> {
            long id = rs.getLong("release_group_id");
            found.put(id, new Group(origin, id, rs.getString("name"), Rows.longOrNull(rs, "year"),
                    rs.getString("category"), rs.getString("record_label"), rs.getString("catalogue_number"),
                    rs.getString("release_type"), Rows.time(rs, "added_at"), rs.getString("wiki_body"),
                    rs.getString("wiki_image"), rs.getBoolean("vanity_house"), Rows.longOrNull(rs, "revision_id"),
                    credits(rs.getString("credits")), tags(rs.getString("tags")),
                    releases(id, rs.getString("releases"))));
        }, origin, ids.toArray(Long[]::new));
        for (Long id : ids) {
            Group g = found.get(id);
            if (g != null) {
                out.put(id, g);
            }
        }
        return out;
    }

    // One statement for the groups with their credits, tags, releases and the releases' logs, each
    // group's lists as JSON arrays: a page of results costs one round trip and one plan, not five
    // (at 100,000 groups the round trips and plans of the other four were most of reading a page).
    // Each list is read by (origin, id) through the mirror's keys and indexes, as before.
    private static final String LISTED = statement(false);
    private static final String WHOLE = statement(true);

    private static String statement(boolean whole) {
        return "SELECT g.release_group_id, g.name, g.year, g.category, g.record_label, g.catalogue_number,"
                + " g.release_type, g.added_at, " + (whole ? "g.wiki_body" : "NULL::text AS wiki_body")
                + ", g.wiki_image, g.vanity_house, g.revision_id,"
                // OPS credits name only the alias; the artist is the alias's.
                + " (SELECT json_agg(json_build_array(c.alias_id, coalesce(c.artist_id, a.artist_id),"
                + " coalesce(a.name, ar.name), c.role)) FROM herd.release_group_artist_live c"
                + " LEFT JOIN herd.artist_alias_live a ON a.origin = c.origin AND a.alias_id = c.alias_id"
                + " LEFT JOIN herd.artist_live ar ON ar.origin = c.origin AND ar.artist_id = c.artist_id"
                + " WHERE c.origin = g.origin AND c.release_group_id = g.release_group_id)::text AS credits,"
                + " (SELECT json_agg(json_build_array(gt.tag_id, t.name, gt.positive_votes, gt.negative_votes)"
                + " ORDER BY gt.positive_votes - gt.negative_votes DESC, t.name)"
                + " FROM herd.release_group_tag_live gt LEFT JOIN herd.tag_live t ON t.origin = gt.origin"
                + " AND t.tag_id = gt.tag_id WHERE gt.origin = g.origin"
                + " AND gt.release_group_id = g.release_group_id)::text AS tags,"
                + " (SELECT json_agg(json_build_array(r.release_id, r.media, r.format, r.encoding, r.remastered,"
                + " r.remaster_year, r.remaster_title, r.remaster_catalogue_number, r.remaster_record_label, r.scene,"
                + " r.has_log, r.has_cue, r.log_score, r.file_count, r.size_bytes, "
                + (whole ? "r.files::text" : "NULL::text") + ", r.freeleech, r.uploaded_at, "
                + (whole ? "r.description" : "NULL::text") + ", r.info_hash, "
                + (whole ? "(SELECT json_agg(l.log_id ORDER BY l.log_id) FROM herd.release_log_live l"
                        + " WHERE l.origin = r.origin AND l.release_id = r.release_id)" : "NULL::json") + ")"
                // Gazelle's order of a group's torrents: original release first, then editions by year,
                // title, label and catalogue number; within an edition by media, format and encoding.
                + " ORDER BY r.remastered, r.remaster_year NULLS FIRST, r.remaster_title NULLS FIRST,"
                + " r.remaster_record_label NULLS FIRST, r.remaster_catalogue_number NULLS FIRST, r.media, r.format,"
                + " r.encoding, r.release_id) FROM herd.release_live r WHERE r.origin = g.origin"
                + " AND r.release_group_id = g.release_group_id)::text AS releases"
                + " FROM herd.release_group_live g WHERE g.origin = ? AND g.release_group_id = ANY (?)";
    }

    private static final Comparator<Credit> CREDIT_ORDER = Comparator.comparingInt((Credit c) -> Codes.roleCode(c.role()))
            .thenComparing(Credit::name, String.CASE_INSENSITIVE_ORDER).thenComparingLong(Credit::aliasId);

    private static List<Credit> credits(String json) {
        if (json == null) {
            return List.of();
        }
        List<Credit> credits = new ArrayList<>();
        for (JsonNode c : JSON.readTree(json)) {
            credits.add(new Credit(c.get(0).asLong(), c.get(1).asLong(), c.get(2).isNull() ? "" : c.get(2).asString(),
                    text(c.get(3))));
        }
        credits.sort(CREDIT_ORDER);
        return credits;
    }

    private static List<TagVote> tags(String json) {
        if (json == null) {
            return List.of();
        }
        List<TagVote> tags = new ArrayList<>();
        for (JsonNode t : JSON.readTree(json)) {
            tags.add(new TagVote(t.get(0).asLong(), text(t.get(1)), t.get(2).asLong(), t.get(3).asLong()));
        }
        return tags;
    }

    private static List<Release> releases(long group, String json) {
        if (json == null) {
            return List.of();
        }
        List<Release> releases = new ArrayList<>();
        for (JsonNode r : JSON.readTree(json)) {
            List<Long> logs = new ArrayList<>();
            if (r.get(20).isArray()) {
                for (JsonNode l : r.get(20)) {
                    logs.add(l.asLong());
                }
            }
            releases.add(new Release(r.get(0).asLong(), group, text(r.get(1)), text(r.get(2)), text(r.get(3)),
                    r.get(4).asBoolean(), number(r.get(5)), text(r.get(6)), text(r.get(7)), text(r.get(8)),
                    r.get(9).asBoolean(), r.get(10).asBoolean(), r.get(11).asBoolean(), r.get(12).asLong(),
                    r.get(13).asLong(), r.get(14).asLong(), text(r.get(15)), text(r.get(16)), time(r.get(17)),
                    text(r.get(18)), text(r.get(19)), logs));
        }
        return releases;
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asString();
    }

    private static Long number(JsonNode v) {
        return v == null || v.isNull() ? null : v.asLong();
    }

    /** A timestamp as PostgreSQL writes it in JSON: ISO 8601 without a zone. */
    private static LocalDateTime time(JsonNode v) {
        return v == null || v.isNull() ? null : LocalDateTime.parse(v.asString());
    }
}
