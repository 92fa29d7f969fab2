package org.herd.serve.catalogue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The top 10 lists a mirror can compute. Gazelle ranks torrents by tracker activity (seeders,
 * leechers, snatches), which never leaves the origin; a mirror ranks them by what it has, the
 * album votes of the release group (Gazelle's own score, the lower bound of the confidence interval
 * of the share of up votes, see docs/wire-format.md), then by upload time. Periods are counted back
 * from the newest upload the mirror holds, so a mirror of a site that is gone still shows its last
 * day. A group appears once, with its newest torrent in the period. Tag lists use the tags' published counts and votes. Lists are kept for ten minutes.
 */
public final class Top10 {

    private static final Duration KEEP = Duration.ofMinutes(10);

    /** A ranked release with its group. */
    public record Ranked(String origin, long releaseId, long groupId, double score) {
    }

    /** A ranked tag. */
    public record RankedTag(String name, long uses, long positiveVotes, long negativeVotes) {
    }

    private record Kept(Object value, long at) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    public Top10(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @SuppressWarnings("unchecked")
    private <T> T keep(String key, Supplier<T> compute) {
        long now = System.nanoTime();
        Kept k = kept.get(key);
        if (k != null && now - k.at() < KEEP.toNanos()) {
            return (T) k.value();
        }
        T value = compute.get();
        if (kept.size() > 1_000) {
            kept.clear();
        }
        kept.put(key, new Kept(value, now));
        return value;
    }

    /** Gazelle's binomial_ci in SQL, over the group's up and total votes. */
    private static final String SCORE = "CASE WHEN coalesce(v.total_votes, 0) = 0 THEN 0 ELSE"
            + " ((v.up_votes + 1.35336) / v.total_votes - 1.6452 * sqrt(v.up_votes * (v.total_votes - v.up_votes)"
            + " / v.total_votes::float8 + 0.67668) / v.total_votes) / (1 + 2.7067 / v.total_votes) END";

    /**
     * Releases uploaded within {@code period} before the newest upload (all when null), best voted
     * group first.
     */
    public List<Ranked> releases(List<String> origins, Duration period, int limit) {
        String key = "releases/" + origins + "/" + period + "/" + limit;
        // One torrent per group, its newest in the period: the votes are the group's.
        return keep(key, () -> jdbc.query("WITH newest AS (SELECT max(uploaded_at) AS at FROM herd.release_live"
                + " WHERE origin = ANY (?)),"
                + " candidates AS (SELECT DISTINCT ON (r.origin, r.release_group_id) r.origin, r.release_id,"
                + " r.release_group_id, r.uploaded_at FROM herd.release_live r CROSS JOIN newest"
                + " WHERE r.origin = ANY (?) AND (?::bigint IS NULL OR r.uploaded_at > newest.at - make_interval(secs => ?))"
                + " ORDER BY r.origin, r.release_group_id, r.uploaded_at DESC NULLS LAST, r.release_id DESC)"
                + " SELECT c.origin, c.release_id, c.release_group_id, " + SCORE + " AS score FROM candidates c"
                + " LEFT JOIN herd.release_group_votes_live v ON v.origin = c.origin AND v.release_group_id = c.release_group_id"
                + " ORDER BY score DESC, c.uploaded_at DESC NULLS LAST, c.release_id DESC LIMIT ?",
                (rs, n) -> new Ranked(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4)),
                origins.toArray(String[]::new), origins.toArray(String[]::new),
                period == null ? null : period.toSeconds(), period == null ? 0 : period.toSeconds(), limit));
    }

    /** Tags on release groups, most used first ({@code byVotes}: most up votes first). */
    public List<RankedTag> groupTags(List<String> origins, boolean byVotes, int limit) {
        String key = "tags/" + origins + "/" + byVotes + "/" + limit;
        // Gazelle counts a tag's votes beyond the one vote its adding made (PositiveVotes - 1).
        return keep(key, () -> jdbc.query("SELECT t.name, count(*) AS uses, sum(gt.positive_votes - 1) AS pos,"
                + " sum(gt.negative_votes - 1) AS neg FROM herd.release_group_tag_live gt JOIN herd.tag_live t"
                + " ON t.origin = gt.origin AND t.tag_id = gt.tag_id WHERE gt.origin = ANY (?) GROUP BY t.name"
                + " ORDER BY " + (byVotes ? "pos" : "uses") + " DESC, t.name LIMIT ?",
                (rs, n) -> new RankedTag(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                origins.toArray(String[]::new), limit));
    }

    /** Tags on requests, most used first. */
    public List<RankedTag> requestTags(List<String> origins, int limit) {
        String key = "requesttags/" + origins + "/" + limit;
        return keep(key, () -> jdbc.query("SELECT t.name, count(*) FROM herd.request_tag_live rt JOIN herd.tag_live t"
                + " ON t.origin = rt.origin AND t.tag_id = rt.tag_id WHERE rt.origin = ANY (?) GROUP BY t.name"
                + " ORDER BY 2 DESC, t.name LIMIT ?",
                (rs, n) -> new RankedTag(rs.getString(1), rs.getLong(2), 0, 0), origins.toArray(String[]::new), limit));
    }
}
