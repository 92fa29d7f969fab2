package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every action over real HTTP against a generated site copied into a mirror: the envelope, and
 * every member's presence and JSON type as the action's contract file (read from WhatCD's and OPS's
 * ajax code) says. Each action is asked about several rows of both origins, chosen so that the
 * members that appear only sometimes appear at least once.
 */
class ContractIT {

    private static ServeHarness serve;
    private static JdbcTemplate db;

    @BeforeAll
    static void start() {
        serve = ServeHarness.open();
        db = serve.db();
    }

    /** Asks each query, checks each answer is a success and the lot against the contract. */
    private static List<JsonNode> assertContract(String contract, List<String> queries) {
        assertThat(queries).as("queries for " + contract).isNotEmpty();
        Contract.Check check = Contract.load(contract).check();
        List<JsonNode> responses = new ArrayList<>();
        for (String q : queries) {
            JsonNode r = serve.ajax(q);
            assertThat(r.path("status").asString()).as(q + " answered " + r).isEqualTo("success");
            assertThat(r.propertyNames()).as(q + ": the envelope").containsExactly("status", "response");
            check.response(r.get("response"), q);
            responses.add(r.get("response"));
        }
        assertThat(check.problems()).as(contract).isEmpty();
        return responses;
    }

    private static List<String> ids(String sql, String format) {
        List<String> out = new ArrayList<>();
        db.query(sql, rs -> {
            out.add(String.format(format, rs.getString(1), rs.getLong(2)));
        });
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void index() {
        assertContract("index", List.of("action=index"));
    }

    @Test
    void artist() {
        List<String> queries = new ArrayList<>();
        // The most credited artists of each origin, artists with similar artists and with open requests.
        queries.addAll(ids("SELECT a.origin, a.artist_id FROM herd.artist_live a JOIN herd.artist_alias_live al"
                + " ON al.origin = a.origin AND al.artist_id = a.artist_id JOIN herd.release_group_artist_live c"
                + " ON c.origin = al.origin AND c.alias_id = al.alias_id GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 4",
                "action=artist&origin=%s&id=%d"));
        queries.addAll(ids("SELECT origin, artist_id FROM herd.artist_similarity_artist_live ORDER BY 1, 2 LIMIT 2",
                "action=artist&origin=%s&id=%d"));
        queries.addAll(ids("SELECT r.origin, coalesce(ra.artist_id, al.artist_id) FROM herd.request_live r"
                + " JOIN herd.request_artist_live ra ON ra.origin = r.origin AND ra.request_id = r.request_id"
                + " LEFT JOIN herd.artist_alias_live al ON al.origin = ra.origin AND al.alias_id = ra.alias_id"
                + " WHERE r.filled_release_id IS NULL ORDER BY 1, 2 LIMIT 2", "action=artist&origin=%s&id=%d"));
        String name = db.queryForObject("SELECT name FROM herd.artist_alias_live WHERE origin = 'whatcd'"
                + " ORDER BY alias_id LIMIT 1", String.class);
        queries.add("action=artist&origin=whatcd&artistname=" + enc(name.toUpperCase()));
        assertContract("artist", queries);
    }

    @Test
    void torrentgroup() {
        List<String> queries = new ArrayList<>();
        queries.addAll(ids("SELECT origin, release_group_id FROM herd.release_group_live ORDER BY release_group_id, origin"
                + " LIMIT 6", "action=torrentgroup&origin=%s&id=%d"));
        queries.addAll(ids("SELECT r.origin, r.release_group_id FROM herd.release_log_live l JOIN herd.release_live r"
                + " ON r.origin = l.origin AND r.release_id = l.release_id ORDER BY 1, 2 LIMIT 2",
                "action=torrentgroup&origin=%s&id=%d"));
        queries.addAll(ids("SELECT origin, release_group_id FROM herd.release_group_live WHERE category <> 'music'"
                + " ORDER BY 1, 2 LIMIT 2", "action=torrentgroup&origin=%s&id=%d"));
        assertContract("torrentgroup", queries);
    }

    @Test
    void torrent() {
        List<String> queries = new ArrayList<>();
        queries.addAll(ids("SELECT origin, release_id FROM herd.release_live ORDER BY release_id, origin LIMIT 6",
                "action=torrent&origin=%s&id=%d"));
        queries.addAll(ids("SELECT r.origin, r.release_id FROM herd.release_log_live l JOIN herd.release_live r"
                + " ON r.origin = l.origin AND r.release_id = l.release_id ORDER BY 1, 2 LIMIT 1",
                "action=torrent&origin=%s&id=%d"));
        List<JsonNode> answers = assertContract("torrent", queries);
        // The whatcd origin publishes info hashes; the ops origin does not.
        assertThat(answers.get(0).path("torrent").path("infoHash").asString()).matches("[0-9A-F]{40}|");
    }

    @Test
    void browse() {
        String word = db.queryForObject("SELECT split_part(name, ' ', 1) FROM herd.release_group_live"
                + " WHERE origin = 'whatcd' ORDER BY release_group_id LIMIT 1", String.class);
        assertContract("browse", List.of(
                "action=browse",
                "action=browse&page=2",
                "action=browse&searchstr=" + enc(word) + "&facets=1",
                "action=browse&group_results=0&origin=ops",
                "action=browse&filter_cat[2]=1",
                "action=browse&searchstr=zzqqxxnothing"));
    }

    @Test
    void browseSpansEveryOriginWithTheOriginAsFacet() {
        JsonNode all = serve.ajax("action=browse&facets=1").get("response");
        assertThat(all.path("facets").path("origin").findValues("value").stream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("whatcd", "ops");
        long total = all.path("facets").path("origin").findValues("count").stream().mapToLong(JsonNode::asLong).sum();
        assertThat(total).isEqualTo(db.queryForObject("SELECT count(*) FROM herd.release_group_live g WHERE EXISTS"
                + " (SELECT 1 FROM herd.release_live r WHERE r.origin = g.origin AND r.release_group_id = g.release_group_id)",
                Long.class));
        JsonNode ops = serve.ajax("action=browse&origin=ops&facets=1").get("response");
        assertThat(ops.path("results").findValues("origin").stream().map(JsonNode::asString)).containsOnly("ops");
        assertThat(ops.path("facets").path("origin").findValues("value").stream().map(JsonNode::asString))
                .containsExactly("ops");
    }

    /**
     * A listing without words, tags or facets is counted and paged apart from the search that keeps
     * its matches in order (Search); asked with facets=1 it takes the other way. Both must give the
     * same pages in the same order, for every order and direction, filtered or not.
     */
    @Test
    void aListingPagesAsTheSearchThatKeepsItsMatchesDoes() {
        int compared = 0;
        for (String filter : List.of("", "&format=FLAC", "&year=1990-2009&releasetype=1", "&origin=ops")) {
            for (String order : List.of("time", "year", "size")) {
                for (String way : List.of("desc", "asc")) {
                    for (int page : List.of(1, 2)) {
                        String q = "action=browse&order_by=" + order + "&order_way=" + way + "&page=" + page + filter;
                        JsonNode listing = serve.ajax(q);
                        JsonNode kept = serve.ajax(q + "&facets=1");
                        assertThat(kept.path("status").asString()).as(q).isEqualTo(listing.path("status").asString());
                        if (!listing.path("response").has("pages")) {
                            // Page 2 of a single page, refused both ways, or no match at all.
                            assertThat(listing.path("status").asString() + listing.path("error").asString()).as(q)
                                    .isIn("failurebad page parameter: page 2 is beyond the last page, 1", "success");
                            continue;
                        }
                        assertThat(kept.path("response").path("pages").asLong()).as(q)
                                .isEqualTo(listing.path("response").path("pages").asLong());
                        assertThat(hits(kept)).as(q).isEqualTo(hits(listing));
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).as("pages compared").isGreaterThan(30);
    }

    private static List<String> hits(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("response").path("results").forEach(r -> out.add(r.path("origin").asString() + "/"
                + r.path("groupId").asLong()));
        return out;
    }

    @Test
    void top10() {
        assertContract("top10", List.of("action=top10", "action=top10&type=torrents&details=overall&limit=100",
                "action=top10&details=day&origin=ops"));
        assertContract("top10-tags", List.of("action=top10&type=tags", "action=top10&type=tags&details=v"));
        assertContract("top10-users", List.of("action=top10&type=users"));
    }

    @Test
    void request() {
        List<String> queries = new ArrayList<>();
        queries.addAll(ids("SELECT origin, request_id FROM herd.request_live ORDER BY request_id, origin LIMIT 4",
                "action=request&origin=%s&id=%d"));
        queries.addAll(ids("SELECT origin, request_id FROM herd.request_live WHERE category <> 'music' ORDER BY 1, 2"
                + " LIMIT 1", "action=request&origin=%s&id=%d"));
        queries.addAll(ids("SELECT origin, request_id FROM herd.request_live WHERE filled_release_id IS NOT NULL"
                + " ORDER BY 1, 2 LIMIT 1", "action=request&origin=%s&id=%d"));
        queries.addAll(ids("SELECT origin, page_id FROM herd.comment_live WHERE page = 'request' ORDER BY 1, 2 LIMIT 2",
                "action=request&origin=%s&id=%d"));
        assertContract("request", queries);
    }

    @Test
    void requests() {
        String word = db.queryForObject("SELECT split_part(title, ' ', 1) FROM herd.request_live ORDER BY request_id"
                + " LIMIT 1", String.class);
        assertContract("requests", List.of("action=requests", "action=requests&show_filled=on&page=1",
                "action=requests&search=" + enc(word), "action=requests&search=zzqqxxnothing"));
    }

    @Test
    void collage() {
        List<String> queries = new ArrayList<>();
        queries.addAll(ids("SELECT origin, collage_id FROM herd.collage_live WHERE category <> 'artists'"
                + " ORDER BY collage_id, origin LIMIT 3", "action=collage&origin=%s&id=%d"));
        queries.addAll(ids("SELECT origin, collage_id FROM herd.collage_live WHERE category = 'artists'"
                + " ORDER BY collage_id, origin LIMIT 2", "action=collage&origin=%s&id=%d"));
        assertContract("collage", queries);
    }

    @Test
    void similarArtists() {
        assertContract("similar_artists", ids("SELECT origin, artist_id FROM herd.artist_similarity_artist_live"
                + " ORDER BY 1, 2 LIMIT 3", "action=similar_artists&origin=%s&id=%d&limit=5"));
    }

    @Test
    void tcomments() {
        List<String> queries = new ArrayList<>(ids("SELECT origin, page_id FROM herd.comment_live"
                + " WHERE page = 'release_group' ORDER BY 1, 2 LIMIT 3", "action=tcomments&origin=%s&id=%d"));
        queries.addAll(ids("SELECT origin, release_group_id FROM herd.release_group_live ORDER BY 2, 1 LIMIT 1",
                "action=tcomments&origin=%s&id=%d"));
        assertContract("tcomments", queries);
    }

    @Test
    void wikiArticlesAreNotPublished() {
        JsonNode r = serve.ajax("action=wiki&id=1");
        assertThat(r.path("status").asString()).isEqualTo("failure");
        assertThat(r.path("error").asString()).isEqualTo("article not found");
        assertThat(serve.ajax("action=wiki").path("error").asString()).isEqualTo("bad id parameter");
        // The contract records what Gazelle gives, and that a mirror gives none of it.
        assertThat(Contract.load("wiki").fields.values()).allMatch(f -> f.herd() == null);
    }

    @Test
    void forum() {
        assertContract("forum-main", List.of("action=forum", "action=forum&type=main&origin=ops"));
        assertContract("forum-viewforum", ids("SELECT origin, forum_id FROM herd.forum_live ORDER BY 1, 2",
                "action=forum&type=viewforum&origin=%s&forumid=%d"));
        List<String> threads = new ArrayList<>(ids("SELECT origin, forum_topic_id FROM herd.forum_topic_live"
                + " ORDER BY 2, 1 LIMIT 4", "action=forum&type=viewthread&origin=%s&threadid=%d"));
        threads.addAll(ids("SELECT origin, max(forum_post_id) FROM herd.forum_post_live GROUP BY 1 ORDER BY 1",
                "action=forum&type=viewthread&origin=%s&postid=%d"));
        assertContract("forum-viewthread", threads);
    }
}
