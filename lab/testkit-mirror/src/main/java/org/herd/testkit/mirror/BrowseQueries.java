package org.herd.testkit.mirror;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The kinds of {@code ajax.php?action=browse} searches a mirror's visitors make, with words taken
 * from the mirror's own release group and artist names and its tags, so that searches find
 * something. The one place for the query mix that both serve's latency test and the bench's
 * browse phase send.
 *
 * @param groupWords first words of release group names (letters only, at least four)
 * @param artistWords first words of artist names
 * @param tags       the most used tags
 * @param years      the years release groups have, least to greatest
 * @param groups     release groups with a release: what the unfiltered listing pages through
 */
public record BrowseQueries(List<String> groupWords, List<String> artistWords, List<String> tags,
        List<Integer> years, long groups) {

    /** Release groups on a page of browse's results (serve's page size). */
    static final int PAGE = 50;

    /** Release types by Gazelle's codes: album, EP, single, compilation. */
    private static final List<String> RELEASE_TYPES = List.of("1", "5", "9", "7");
    private static final List<String> FORMATS = List.of("FLAC", "MP3");
    private static final List<String> ORDERS = List.of("time", "year", "size", "relevance", "snatched");

    public BrowseQueries {
        if (groupWords.isEmpty() || artistWords.isEmpty()) {
            throw new IllegalArgumentException("the mirror has no release group or artist name of a word of four "
                    + "letters or more to search for");
        }
        groupWords = List.copyOf(groupWords);
        artistWords = List.copyOf(artistWords);
        tags = List.copyOf(tags);
        years = List.copyOf(years);
    }

    /** Up to {@code limit} of each kind of word from a mirror's database (schema {@code herd}). */
    public static BrowseQueries read(Connection mirror, int limit) throws SQLException {
        return new BrowseQueries(
                strings(mirror, "SELECT DISTINCT split_part(name, ' ', 1) w FROM herd.release_group_live"
                        + " WHERE name ~ '^[A-Za-z]{4,}' ORDER BY w LIMIT " + limit),
                strings(mirror, "SELECT DISTINCT split_part(name, ' ', 1) w FROM herd.artist_alias_live"
                        + " WHERE name ~ '^[A-Za-z]{4,}' ORDER BY w LIMIT " + limit),
                strings(mirror, "SELECT t.name FROM herd.tag_live t JOIN herd.release_group_tag_live g"
                        + " ON g.origin = t.origin AND g.tag_id = t.tag_id GROUP BY t.name"
                        + " ORDER BY count(*) DESC, t.name LIMIT " + limit),
                strings(mirror, "SELECT DISTINCT year::text FROM herd.release_group_live WHERE year > 0 ORDER BY 1")
                        .stream().map(Integer::valueOf).toList(),
                Long.parseLong(strings(mirror, "SELECT count(*) FROM (SELECT DISTINCT origin, release_group_id"
                        + " FROM herd.release_live) g").get(0)));
    }

    /**
     * One search of each kind, named, on the first words: what serve's latency test times one by
     * one.
     */
    public Map<String, String> kinds() {
        String word = groupWords.get(0);
        String artist = artistWords.get(0);
        String tag = tags.isEmpty() ? "rock" : tags.get(0);
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("everything, page 1", "action=browse");
        queries.put("everything, page 5", "action=browse&page=5");
        queries.put("one word", "action=browse&searchstr=" + enc(word));
        queries.put("two words, relevance", "action=browse&order_by=relevance&searchstr=" + enc(word + " " + artist));
        queries.put("artist name", "action=browse&artistname=" + enc(artist));
        queries.put("tag and filters", "action=browse&taglist=" + enc(tag) + "&format=FLAC&media=CD&haslog=1");
        queries.put("file name", "action=browse&filelist=interlude");
        queries.put("everything with facets", "action=browse&facets=1");
        queries.put("one word with facets", "action=browse&facets=1&searchstr=" + enc(word));
        return queries;
    }

    /**
     * {@code count} searches as visitors mix them, the same for the same seed: mostly a word or an
     * artist, some with a year range, release type, format or tag, ordered several ways, now and then
     * a later page of the unfiltered listing (never beyond its last page, which serve refuses) or the
     * landing page.
     */
    public List<String> mix(int count, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder q = new StringBuilder("action=browse");
            int kind = r.nextInt(10);
            long pages = groups / PAGE;
            if (kind == 9 && pages >= 2) {
                out.add(q.append("&page=").append(2 + r.nextInt((int) Math.min(4, pages - 1))).toString());
                continue;
            }
            if (kind < 4) {
                q.append("&searchstr=").append(enc(pick(r, groupWords)));
            } else if (kind < 6) {
                q.append("&artistname=").append(enc(pick(r, artistWords)));
            } else if (kind < 7) {
                q.append("&searchstr=").append(enc(pick(r, groupWords) + " " + pick(r, artistWords)));
            } else if (kind < 8 && !tags.isEmpty()) {
                q.append("&taglist=").append(enc(pick(r, tags)));
            }
            // kind 8, 9 (and 7 without tags): everything, filtered or not
            if (!years.isEmpty() && r.nextInt(4) == 0) {
                int from = pick(r, years);
                q.append("&year=").append(from).append('-').append(from + 1 + r.nextInt(10));
            }
            if (r.nextInt(5) == 0) {
                q.append("&releasetype=").append(pick(r, RELEASE_TYPES));
            }
            if (r.nextInt(5) == 0) {
                q.append("&format=").append(pick(r, FORMATS));
            }
            if (r.nextInt(3) == 0) {
                q.append("&order_by=").append(pick(r, ORDERS)).append("&order_way=").append(r.nextBoolean() ? "asc"
                        : "desc");
            }
            out.add(q.toString());
        }
        return out;
    }

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
