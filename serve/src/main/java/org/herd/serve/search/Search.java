package org.herd.serve.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.herd.serve.ServeProperties;
import org.herd.serve.catalogue.TextQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Searches release groups: PostgreSQL full text (prefix matches, every word of a parameter must
 * match), or when the words as typed find nothing trigram word similarity (close spellings), on
 * the names V11__search.sql indexes, the filters of Gazelle's browse, an order, and facet counts.
 *
 * <p>Bounded by construction: one statement per search, after one that looks up its tags, and
 * once more with close spellings when the first found nothing (identical searches within
 * {@code herd.serve.search-cache} share its answer); the matches are counted, ordered and
 * faceted only up to {@code herd.serve.max-results} (as Gazelle's search engine stops at its
 * max_matches), so a page never lies beyond them and no OFFSET exceeds them; and the statement
 * timeout cancels what still runs too long.
 */
public final class Search {

    /** One result: a release group of an origin. */
    public record Hit(String origin, long groupId) {
    }

    /** One value of a facet with how many matching groups have it. */
    public record FacetValue(String value, long count) {
    }

    /**
     * A page of results.
     *
     * @param total  matches, counted up to the limit
     * @param capped whether there are more matches than counted
     * @param facets per facet (origin, release_type, format, encoding, media, decade, tag), its
     *               values, most frequent first; empty when not asked for
     */
    public record Result(List<Hit> hits, long total, boolean capped, Map<String, List<FacetValue>> facets) {

        /** Pages of 50 over the counted matches. */
        public long pages() {
            return (total + ServeProperties.PAGE_SIZE - 1) / ServeProperties.PAGE_SIZE;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String GROUP_NAME_DOC = "to_tsvector('simple', coalesce(%s.name, ''))";
    private static final String LABEL_DOC =
            "to_tsvector('simple', coalesce(%1$s.record_label, '') || ' ' || coalesce(%1$s.catalogue_number, ''))";
    private static final String EDITION_DOC = "to_tsvector('simple', coalesce(%1$s.remaster_title, '') || ' '"
            + " || coalesce(%1$s.remaster_record_label, '') || ' ' || coalesce(%1$s.remaster_catalogue_number, ''))";
    /**
     * A group's releases largest first, ties by id, as V18's release_group_largest reads them: the
     * first is the largest (a null size only when all are null, as max() gives).
     */
    private static final String LARGEST_FIRST = " ORDER BY r.size_bytes DESC NULLS LAST, r.release_id DESC LIMIT 1";
    private static final String FILES_DOC = "jsonb_to_tsvector('simple', coalesce(%s.files, '[]'::jsonb), '[\"string\"]')";

    private final JdbcTemplate jdbc;
    private final int maxResults;
    private final long keepNanos;

    /**
     * @param keep how long identical searches share one answer (a landing page, a popular query or
     *             a client that repeats itself then costs one query; what a mirror holds lags its
     *             origin anyway); zero keeps nothing
     */
    public Search(JdbcTemplate jdbc, int maxResults, java.time.Duration keep) {
        this.jdbc = jdbc;
        this.maxResults = maxResults;
        this.keepNanos = keep.toNanos();
    }

    /** The most matches counted. */
    public int maxResults() {
        return maxResults;
    }

    /** A result kept for identical searches that follow within the cache's time. */
    private record Kept(Result result, long at) {
    }

    private static final int KEEP_MOST = 500;
    private final java.util.concurrent.ConcurrentHashMap<SearchQuery, Kept> kept =
            new java.util.concurrent.ConcurrentHashMap<>();

    public Result search(SearchQuery q) {
        if ("random".equals(q.order()) || keepNanos == 0) {
            return closeSpellingsIfNothing(q);
        }
        long now = System.nanoTime();
        Kept k = kept.get(q);
        if (k != null && now - k.at() < keepNanos) {
            return k.result();
        }
        Result result = closeSpellingsIfNothing(q);
        if (kept.size() >= KEEP_MOST) {
            kept.values().removeIf(old -> now - old.at() >= keepNanos);
            if (kept.size() >= KEEP_MOST) {
                kept.clear();
            }
        }
        kept.put(q, new Kept(result, now));
        return result;
    }

    /**
     * The words as typed (full-text prefixes) first; when that finds nothing and a word is long
     * enough to have close spellings, the search again with them. Close spellings are searched
     * only then because they cost: a word of four letters or more is similar to hundreds of names
     * (1,365 group names for "circles" at scale 0.1, against 449 that have a word starting with
     * it), and every match is joined, checked for a release and ordered, so that one word's search
     * took 54 ms of PostgreSQL's CPU with them and 19 without.
     */
    private Result closeSpellingsIfNothing(SearchQuery q) {
        Map<String, List<TagId>> tags = tagIds(q);
        Result typed = run(q, false, tags);
        if (typed.total() > 0 || !hasCloseSpellings(q)) {
            return typed;
        }
        return run(q, true, tags);
    }

    /** Whether a word a search requires is long enough to be searched by close spelling. */
    private static boolean hasCloseSpellings(SearchQuery q) {
        for (String text : new String[] {q.searchstr(), q.groupName(), q.artistName()}) {
            for (TextQuery.Word w : TextQuery.words(text)) {
                if (!w.excluded() && closeSpelled(w)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean closeSpelled(TextQuery.Word w) {
        return w.word().codePointCount(0, w.word().length()) >= 4;
    }

    private Result run(SearchQuery q, boolean closeSpellings, Map<String, List<TagId>> tags) {
        Sql where = new Sql();
        if (!q.origins().isEmpty()) {
            where.and("g.origin = ANY (?)", (Object) q.origins().toArray(String[]::new));
        }
        words(where, q.searchstr(), true, true, true, closeSpellings);
        words(where, q.groupName(), true, false, false, closeSpellings);
        words(where, q.artistName(), false, true, false, closeSpellings);
        for (TextQuery.Word w : TextQuery.words(q.recordLabel())) {
            String set = "SELECT origin, release_group_id FROM herd.release_group_live x WHERE "
                    + String.format(LABEL_DOC, "x") + " @@ " + TextQuery.SQL
                    + " UNION SELECT origin, release_group_id FROM herd.release_live x WHERE "
                    + String.format(EDITION_DOC, "x") + " @@ " + TextQuery.SQL;
            where.and("(g.origin, g.release_group_id) " + (w.excluded() ? "NOT IN" : "IN") + " (" + set + ")",
                    w.word(), w.word());
        }
        if (q.yearFrom() != null) {
            where.and("g.year >= ?", q.yearFrom());
        }
        if (q.yearTo() != null) {
            where.and("g.year <= ?", q.yearTo());
        }
        if (!q.releaseTypes().isEmpty()) {
            where.and("g.release_type = ANY (?)", (Object) q.releaseTypes().toArray(String[]::new));
        }
        if (!q.categories().isEmpty()) {
            where.and("g.category = ANY (?)", (Object) q.categories().toArray(String[]::new));
        }
        if (q.vanityHouse() != null) {
            where.and("g.vanity_house = ?", q.vanityHouse());
        }
        releaseConditions(where, q);
        tagConditions(where, q, tags);

        // The limits are written into the statement, not bound: a prepared statement that PostgreSQL
        // plans once for any parameters (its generic plan, which it prefers after five runs) would
        // otherwise guess a tenth of the rows for LIMIT ? and choose nested loops over thousands of
        // matches (faceting everything took 130 ms instead of 90 on a mirror of 10,000 groups).
        String order = order(q);
        boolean bySize = order.startsWith("size");
        // A group's size is its largest release's (max(size_bytes)), read as the first entry of the
        // group's releases in V18's release_group_largest: one index entry, not all of them.
        String size = bySize ? "(SELECT r.size_bytes FROM herd.release_live r WHERE r.origin = g.origin"
                + " AND r.release_group_id = g.release_group_id" + LARGEST_FIRST + ")" : "0::bigint";
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        if (!q.facets() && !q.hasText() && q.tags().isEmpty()) {
            // A listing, filtered by attributes only: counted without order (the cheapest way through
            // the indexes) and paged in its order (by time, an index read from its start that stops
            // at the page), two subqueries the planner plans each on its own. With the page within
            // the counted matches, the page is the one the ordered, counted matches would give.
            args.addAll(where.args);
            sql.append("SELECT json_build_object('total', (SELECT count(*) FROM (SELECT 1 FROM herd.release_group_live g")
                    .append(where.where()).append(" LIMIT ").append(maxResults + 1).append(") c), 'hits',")
                    .append(" (SELECT coalesce(json_agg(json_build_array(p.origin, p.release_group_id)), '[]'::json) FROM");
            if (bySize) {
                // Ordered by size, each group's largest release stands for it: the releases read in
                // V18's release_browse_size (by size, then the order's tie), keeping those that are
                // their group's largest, stop at the page, where a max() per group would be worked out
                // for every group before the first could be placed (100,000 at scale 0.1).
                sql.append(" (SELECT g.origin, g.release_group_id, top.size_bytes AS size FROM herd.release_live top")
                        .append(" JOIN herd.release_group_live g ON g.origin = top.origin")
                        .append(" AND g.release_group_id = top.release_group_id")
                        .append(where.where().isEmpty() ? " WHERE " : where.where() + " AND ")
                        .append("top.release_id = (SELECT r.release_id FROM herd.release_live r WHERE r.origin = top.origin")
                        .append(" AND r.release_group_id = top.release_group_id").append(LARGEST_FIRST).append(")");
            } else {
                sql.append(" (SELECT g.origin, g.release_group_id FROM herd.release_group_live g").append(where.where());
            }
            sql.append(" ORDER BY ").append(order).append(" OFFSET ? LIMIT ").append(ServeProperties.PAGE_SIZE)
                    .append(") p))::text");
            args.addAll(where.args);
            args.add((long) (q.page() - 1) * ServeProperties.PAGE_SIZE);
            String json = jdbc.queryForObject(sql.toString(), String.class, args.toArray());
            return parse(json);
        }
        // Words, tags or facets: the matches are found once (through the full-text, trigram and tag
        // indexes), kept in order up to the limit, and counted, paged and faceted from there.
        // Similarity is worked out only for an order by relevance, which needs it of every match.
        String rank = "0::float8";
        String text = q.searchstr() != null ? q.searchstr() : q.groupName() != null ? q.groupName() : q.artistName();
        if (order.startsWith("rank") && text != null) {
            rank = "word_similarity(?, coalesce(g.name, '')) + coalesce((SELECT max(word_similarity(?, a.name))"
                    + " FROM herd.release_group_artist_live c JOIN herd.artist_alias_live a ON a.origin = c.origin"
                    + " AND a.alias_id = c.alias_id WHERE c.origin = g.origin AND c.release_group_id = g.release_group_id),"
                    + " 0)";
            args.add(text);
            args.add(text);
        }
        args.addAll(where.args);
        sql.append("WITH matched AS MATERIALIZED (SELECT g.origin, g.release_group_id, g.added_at, g.year,")
                .append(" g.release_type, ").append(rank).append(" AS rank, ").append(size).append(" AS size")
                .append(" FROM herd.release_group_live g").append(where.where())
                .append(" ORDER BY ").append(order).append(" LIMIT ").append(maxResults + 1).append(")");
        if (q.facets()) {
            // The three release facets in one pass over the matches' releases: each (group, facet,
            // value) once, then counted per facet and value.
            sql.append(", release_facets AS MATERIALIZED (SELECT facet, v, count(*) AS n FROM (SELECT DISTINCT")
                    .append(" m.origin, m.release_group_id, x.facet, x.v FROM matched m JOIN herd.release_live r")
                    .append(" ON r.origin = m.origin AND r.release_group_id = m.release_group_id CROSS JOIN LATERAL")
                    .append(" (VALUES ('format', r.format), ('encoding', r.encoding), ('media', r.media)) x (facet, v)")
                    .append(" WHERE x.v IS NOT NULL) d GROUP BY 1, 2)");
        }
        sql.append(" SELECT json_build_object('total', (SELECT count(*) FROM matched), 'hits',")
                .append(" (SELECT coalesce(json_agg(json_build_array(p.origin, p.release_group_id)), '[]'::json) FROM")
                .append(" (SELECT g.origin, g.release_group_id FROM matched g ORDER BY ").append(order)
                .append(" OFFSET ? LIMIT ").append(ServeProperties.PAGE_SIZE).append(") p)");
        args.add((long) (q.page() - 1) * ServeProperties.PAGE_SIZE);
        if (q.facets()) {
            sql.append(", 'facets', json_build_object(")
                    .append("'origin', (SELECT json_agg(json_build_array(v, n) ORDER BY n DESC, v) FROM")
                    .append(" (SELECT origin AS v, count(*) AS n FROM matched GROUP BY 1) f),")
                    .append("'release_type', (SELECT json_agg(json_build_array(v, n) ORDER BY n DESC, v) FROM")
                    .append(" (SELECT release_type AS v, count(*) AS n FROM matched WHERE release_type IS NOT NULL")
                    .append(" GROUP BY 1) f),")
                    .append("'decade', (SELECT json_agg(json_build_array(v, n) ORDER BY v DESC) FROM")
                    .append(" (SELECT ((year / 10) * 10)::text AS v, count(*) AS n FROM matched WHERE year IS NOT NULL")
                    .append(" GROUP BY 1) f),");
            for (String column : List.of("format", "encoding", "media")) {
                sql.append("'").append(column).append("', (SELECT json_agg(json_build_array(v, n) ORDER BY n DESC, v)")
                        .append(" FROM release_facets WHERE facet = '").append(column).append("'),");
            }
            // Tags counted per tag of the matches first, then named: joined in one step, a planner
            // without statistics yet (a mirror just copied) paired every tag with every match and
            // probed the tag's groups for each pair (3.3 million rows for 70 matches).
            sql.append("'tag', (SELECT json_agg(json_build_array(v, n) ORDER BY n DESC, v) FROM")
                    .append(" (SELECT t.name AS v, sum(c.n)::bigint AS n FROM (SELECT gt.origin, gt.tag_id, count(*) AS n")
                    .append(" FROM matched m JOIN herd.release_group_tag_live gt ON gt.origin = m.origin")
                    .append(" AND gt.release_group_id = m.release_group_id GROUP BY 1, 2) c JOIN herd.tag_live t")
                    .append(" ON t.origin = c.origin AND t.tag_id = c.tag_id GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20) f))");
        }
        sql.append(")::text");
        String json = jdbc.queryForObject(sql.toString(), String.class, args.toArray());
        return parse(json);
    }

    private Result parse(String json) {
        JsonNode root = JSON.readTree(json);
        long counted = root.get("total").asLong();
        List<Hit> hits = new ArrayList<>();
        for (JsonNode h : root.get("hits")) {
            hits.add(new Hit(h.get(0).asString(), h.get(1).asLong()));
        }
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        JsonNode f = root.get("facets");
        if (f != null) {
            for (var e : f.properties()) {
                List<FacetValue> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    for (JsonNode v : e.getValue()) {
                        values.add(new FacetValue(v.get(0).asString(), v.get(1).asLong()));
                    }
                }
                facets.put(e.getKey(), List.copyOf(values));
            }
        }
        boolean capped = counted > maxResults;
        return new Result(List.copyOf(hits), Math.min(counted, maxResults), capped, facets);
    }

    private static String order(SearchQuery q) {
        String way = q.ascending() ? " ASC NULLS FIRST" : " DESC NULLS LAST";
        String tie = q.ascending() ? ", g.origin DESC, g.release_group_id ASC" : ", g.origin, g.release_group_id DESC";
        String order = q.order() == null ? "time" : q.order();
        if ("relevance".equals(order) && !q.hasText()) {
            order = "time";
        }
        return switch (order) {
            case "year" -> "g.year" + way + tie;
            case "size" -> "size" + way + tie;
            case "relevance" -> "rank" + way + ", g.added_at DESC NULLS LAST" + tie;
            case "random" -> "random()";
            default -> "g.added_at" + way + tie;
        };
    }

    /**
     * Each word must match the group's name, a credited alias's name or the year (whichever the
     * flags allow), by full text (prefix), and with {@code closeSpellings} also by trigram word
     * similarity; an excluded word must not match by full text.
     */
    private static void words(Sql where, String text, boolean group, boolean artist, boolean year,
            boolean closeSpellings) {
        for (TextQuery.Word w : TextQuery.words(text)) {
            List<String> sets = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            boolean fuzzy = closeSpellings && !w.excluded() && closeSpelled(w);
            if (group) {
                sets.add("SELECT origin, release_group_id FROM herd.release_group_live x WHERE "
                        + String.format(GROUP_NAME_DOC, "x") + " @@ " + TextQuery.SQL
                        + (fuzzy ? " OR ? <% x.name" : ""));
                args.add(w.word());
                if (fuzzy) {
                    args.add(w.word());
                }
            }
            if (artist) {
                sets.add("SELECT c.origin, c.release_group_id FROM herd.artist_alias_live x"
                        + " JOIN herd.release_group_artist_live c ON c.origin = x.origin AND c.alias_id = x.alias_id WHERE "
                        + String.format(GROUP_NAME_DOC, "x") + " @@ " + TextQuery.SQL
                        + (fuzzy ? " OR ? <% x.name" : ""));
                args.add(w.word());
                if (fuzzy) {
                    args.add(w.word());
                }
            }
            if (year && w.word().matches("[12][0-9]{3}")) {
                sets.add("SELECT origin, release_group_id FROM herd.release_group_live x WHERE x.year = ?");
                args.add(Integer.parseInt(w.word()));
            }
            where.and("(g.origin, g.release_group_id) " + (w.excluded() ? "NOT IN" : "IN") + " ("
                    + String.join(" UNION ", sets) + ")", args.toArray());
        }
    }

    /**
     * Conditions that one release of the group must meet together, as Gazelle's torrent fields; a
     * group without releases never matches.
     */
    private static void releaseConditions(Sql where, SearchQuery q) {
        Sql r = new Sql();
        if (!q.formats().isEmpty()) {
            r.and("lower(r.format) = ANY (?)", (Object) lower(q.formats()));
        }
        if (!q.encodings().isEmpty()) {
            r.and("lower(r.encoding) = ANY (?)", (Object) lower(q.encodings()));
        }
        if (!q.media().isEmpty()) {
            r.and("lower(r.media) = ANY (?)", (Object) lower(q.media()));
        }
        if (q.hasLog() != null) {
            r.and("r.has_log = ?", q.hasLog());
        }
        if (q.hasCue() != null) {
            r.and("r.has_cue = ?", q.hasCue());
        }
        if (q.scene() != null) {
            r.and("r.scene = ?", q.scene());
        }
        if (q.freeleech() != null) {
            r.and("r.freeleech = ?", q.freeleech());
        }
        for (String[] text : new String[][] {{q.remasterTitle(), EDITION_DOC}, {q.fileList(), FILES_DOC}}) {
            for (TextQuery.Word w : TextQuery.words(text[0])) {
                r.and((w.excluded() ? "NOT coalesce(" : "(") + String.format(text[1], "r") + " @@ " + TextQuery.SQL
                        + (w.excluded() ? ", false)" : ")"), w.word());
            }
        }
        // Always at least one release: Gazelle's search indexes torrents, so a group without any is
        // never found. One set of the groups of the releases that meet every condition, so that the
        // planner reaches them through whichever index fits (a file or edition word's full text, or
        // releases by group, which holds the filter columns) and works out each condition once.
        where.and("(g.origin, g.release_group_id) IN (SELECT r.origin, r.release_group_id FROM herd.release_live r"
                + (r.conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", r.conditions)) + ")",
                r.args.toArray());
    }

    private static String[] lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    /**
     * The tags' conditions, on the groups' tags by tag id: the names are looked up first (one
     * statement for all of them), so that the planner estimates each tag from the statistics of
     * release_group_tag's tag ids, which know how common it is. Joined to the tag's name instead,
     * the planner guessed 250 groups for a tag that 36,411 of 100,000 groups have, and planned
     * probes from every one of them (236,000 buffers, against 11,600 with the id).
     */
    private static void tagConditions(Sql where, SearchQuery q, Map<String, List<TagId>> ids) {
        List<String> included = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (String typed : q.tags()) {
            boolean exclude = typed.startsWith("!") && typed.length() > 1;
            String name = tag(exclude ? typed.substring(1) : typed);
            if (!name.isEmpty()) {
                (exclude ? excluded : included).add(name);
            }
        }
        for (String name : excluded) {
            List<TagId> tags = ids.get(name);
            if (tags != null) {
                tagged(where, "NOT IN", tags);
            }
        }
        if (q.allTags()) {
            for (String name : included) {
                // A tag no group has: nothing has them all.
                tagged(where, "IN", ids.getOrDefault(name, List.of()));
            }
        } else if (!included.isEmpty()) {
            tagged(where, "IN", included.stream().distinct().flatMap(n -> ids.getOrDefault(n, List.of()).stream())
                    .toList());
        }
    }

    /**
     * The tags a search names, by name, each with its ids (one per origin that has it), in one
     * statement, once per search however often it runs; none for a tag no origin has.
     */
    private Map<String, List<TagId>> tagIds(SearchQuery q) {
        Map<String, List<TagId>> ids = new LinkedHashMap<>();
        String[] names = q.tags().stream().map(t -> tag(t.startsWith("!") ? t.substring(1) : t))
                .filter(n -> !n.isEmpty()).distinct().toArray(String[]::new);
        if (names.length > 0) {
            jdbc.query("SELECT name, origin, tag_id FROM herd.tag_live WHERE name = ANY (?)", rs -> {
                ids.computeIfAbsent(rs.getString(1), n -> new ArrayList<>())
                        .add(new TagId(rs.getString(2), rs.getLong(3)));
            }, (Object) names);
        }
        return ids;
    }

    /** A tag of one origin, as release_group_tag refers to it. */
    private record TagId(String origin, long id) {
    }

    /** The group has (IN) or has not (NOT IN) one of {@code tags}. */
    private static void tagged(Sql where, String in, List<TagId> tags) {
        if (tags.isEmpty()) {
            where.and("false");
            return;
        }
        List<Object> args = new ArrayList<>();
        StringBuilder pairs = new StringBuilder();
        for (TagId t : tags) {
            pairs.append(pairs.isEmpty() ? "(?, ?)" : ", (?, ?)");
            args.add(t.origin());
            args.add(t.id());
        }
        where.and("(g.origin, g.release_group_id) " + in + " (SELECT gt.origin, gt.release_group_id"
                + " FROM herd.release_group_tag_live gt WHERE (gt.origin, gt.tag_id) IN (" + pairs + "))",
                args.toArray());
    }

    /** A tag as Gazelle stores it: lower case, words joined by '.'. */
    public static String tag(String typed) {
        return typed.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", ".");
    }

    /** Conditions joined by AND, with their parameters in order. */
    private static final class Sql {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> args = new ArrayList<>();

        void and(String condition, Object... values) {
            conditions.add(condition);
            args.addAll(List.of(values));
        }

        String where() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }
}
