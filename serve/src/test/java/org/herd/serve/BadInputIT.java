package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Bad input gets Gazelle's failure envelope, {@code {"status":"failure","error":...}}, never a
 * stack trace or an SQL error; hostile text is searched for as text; paging is 50 a page and never
 * beyond the last page.
 */
class BadInputIT {

    private static ServeHarness serve;
    private static JdbcTemplate db;

    @BeforeAll
    static void start() {
        serve = ServeHarness.open();
        db = serve.db();
    }

    /** The answer is Gazelle's failure envelope with an error saying {@code error}, and nothing else. */
    private static void assertFailure(String query, String error) {
        HttpResponse<String> r = serve.get("ajax.php?" + query);
        assertThat(r.headers().firstValue("Content-Type")).as(query).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        JsonNode body = Contract.JSON.readTree(r.body());
        assertThat(body.propertyNames()).as(query + " -> " + r.body()).containsExactly("status", "error");
        assertThat(body.path("status").asString()).isEqualTo("failure");
        assertThat(body.path("error").asString()).as(query).contains(error);
        assertThat(r.body()).as(query).doesNotContain("Exception", "SQL", "at org.", "herd.");
    }

    private static JsonNode success(String query) {
        JsonNode body = serve.ajax(query);
        assertThat(body.path("status").asString()).as(query + " -> " + body).isEqualTo("success");
        return body.get("response");
    }

    @Test
    void unknownAction() {
        assertFailure("action=nosuchaction", "unknown action");
        assertFailure("action=inbox", "unknown action");
        assertFailure("", "no action");
    }

    @Test
    void missingId() {
        for (String action : List.of("artist", "torrentgroup", "torrent", "request", "collage", "similar_artists",
                "tcomments")) {
            assertFailure("action=" + action, "bad");
        }
        assertFailure("action=forum&type=viewforum", "bad forumid parameter");
        assertFailure("action=forum&type=viewthread", "no post or thread id");
    }

    @Test
    void nonNumericId() {
        for (String id : List.of("abc", "1.5", "-3", "0", "1e3", "99999999999999999999999", "%27%3B")) {
            assertFailure("action=torrentgroup&origin=whatcd&id=" + id, "bad id parameter");
            assertFailure("action=artist&origin=whatcd&id=" + id, "bad id parameter");
        }
    }

    @Test
    void idThatDoesNotExist() {
        assertFailure("action=torrentgroup&id=987654321", "bad id parameter");
        assertFailure("action=torrent&origin=ops&id=987654321", "bad id parameter");
        assertFailure("action=artist&id=987654321", "bad id parameter");
        assertFailure("action=artist&artistname=no%20such%20artist%20anywhere", "bad artistname parameter");
        assertFailure("action=request&id=987654321", "bad id parameter");
        assertFailure("action=collage&id=987654321", "bad parameters");
        assertFailure("action=forum&type=viewforum&forumid=987654321", "bad forumid parameter");
        assertFailure("action=forum&type=viewthread&threadid=987654321", "no such thread exists");
    }

    @Test
    void unknownOriginAndAnIdInSeveralOrigins() {
        assertFailure("action=torrentgroup&origin=nosuchsite&id=1", "unknown origin");
        // Both generated sites number their groups from 1.
        assertFailure("action=torrentgroup&id=1", "several origins (ops, whatcd)");
        assertThat(success("action=torrentgroup&origin=ops&id=1").path("group").path("id").asLong()).isEqualTo(1);
    }

    @Test
    void bothIdAndNameOrHash() {
        assertFailure("action=artist&id=1&artistname=x", "bad parameters");
        assertFailure("action=torrentgroup&hash=ABCDEF", "bad hash parameter");
    }

    @Test
    void pagesAreFiftyAndNumberedFromOne() {
        long groups = db.queryForObject("SELECT count(*) FROM herd.release_group_live g WHERE origin = 'whatcd'"
                + " AND EXISTS (SELECT 1 FROM herd.release_live r WHERE r.origin = g.origin"
                + " AND r.release_group_id = g.release_group_id)", Long.class);
        long pages = (groups + 49) / 50;
        assertThat(pages).as("the generated site fills several pages").isGreaterThan(2);
        JsonNode first = success("action=browse&origin=whatcd");
        assertThat(first.path("currentPage").asInt()).isEqualTo(1);
        assertThat(first.path("pages").asLong()).isEqualTo(pages);
        assertThat(first.path("results")).hasSize(50);
        JsonNode last = success("action=browse&origin=whatcd&page=" + pages);
        assertThat(last.path("currentPage").asLong()).isEqualTo(pages);
        assertThat(last.path("results")).hasSize((int) (groups - 50 * (pages - 1)));
        // Pages do not overlap.
        JsonNode second = success("action=browse&origin=whatcd&page=2");
        assertThat(second.path("results").get(0).path("groupId").asLong())
                .isNotIn(first.path("results").findValues("groupId").stream().map(JsonNode::asLong).toList());

        assertFailure("action=browse&origin=whatcd&page=" + (pages + 1), "beyond the last page");
        assertFailure("action=browse&page=0", "bad page parameter");
        assertFailure("action=browse&page=-1", "bad page parameter");
        assertFailure("action=browse&page=abc", "bad page parameter");
        assertFailure("action=browse&page=99999999999999999999999999", "bad page parameter");
        assertFailure("action=browse&page=100000", "bad page parameter");
        assertFailure("action=requests&page=100000", "bad page parameter");
        assertFailure("action=tcomments&origin=whatcd&id=1&page=999", "beyond the last page");
        assertFailure("action=forum&type=viewthread&origin=whatcd&threadid=1&page=99999", "beyond the last page");
    }

    @Test
    void hugeSearchText() {
        String huge = "a".repeat(100 * 1024);
        assertFailure("action=browse&searchstr=" + huge, "searchstr is longer than");
        assertFailure("action=requests&search=" + huge, "search is longer than");
        assertFailure("action=artist&artistname=" + huge, "artistname is longer than");
    }

    @Test
    void sqlMetaCharactersAndFullTextOperatorsAreText() {
        List<String> hostile = List.of("'; DROP TABLE herd.release_group; --", "foo & !bar | (", "%", "_", "\\",
                "\\\\'", "a:*", "''", "\"", "(((", "!", "&&&", "<-> <2>", "Robert'); DELETE FROM x;--", "*",
                "$1", "?", ":name");
        for (String h : hostile) {
            String e = java.net.URLEncoder.encode(h, java.nio.charset.StandardCharsets.UTF_8);
            for (String param : List.of("searchstr", "artistname", "groupname", "recordlabel", "remastertitle",
                    "filelist", "taglist", "format", "encoding", "media")) {
                JsonNode r = success("action=browse&" + param + "=" + e);
                assertThat(r.has("results")).as(param + "=" + h).isTrue();
            }
            assertThat(success("action=requests&search=" + e).has("results")).isTrue();
            assertThat(serve.ajax("action=artist&artistname=" + e).path("status").asString()).isEqualTo("failure");
            assertThat(serve.ajax("action=browse&year=" + e).path("status").asString()).isEqualTo("failure");
        }
        // Still there.
        assertThat(db.queryForObject("SELECT count(*) FROM herd.release_group", Long.class)).isPositive();
    }

    @Test
    void fullTextFindsWordsAndPrefixes() {
        String name = db.queryForObject("SELECT name FROM herd.release_group_live WHERE origin = 'whatcd'"
                + " AND name ~ '^[A-Za-z]{4,} ' ORDER BY release_group_id LIMIT 1", String.class);
        String word = name.substring(0, name.indexOf(' '));
        JsonNode r = success("action=browse&origin=whatcd&order_by=relevance&groupname=" + word.substring(0, 4));
        assertThat(r.path("results").findValues("groupName").stream().map(JsonNode::asString))
                .as("groups named with a word starting " + word.substring(0, 4)).contains(name);
        // An operator-laden variant of the same text still finds it.
        JsonNode ops = success("action=browse&origin=whatcd&groupname=" + word + "%20%26%20%7C%20(");
        assertThat(ops.path("results").findValues("groupName").stream().map(JsonNode::asString)).contains(name);
        // Excluding the word finds none of them.
        JsonNode excluded = success("action=browse&origin=whatcd&groupname=!" + word);
        assertThat(excluded.path("results").findValues("groupName").stream().map(JsonNode::asString))
                .doesNotContain(name);
    }

    /**
     * A word as typed matches names with a word starting with it, and only those; a misspelt word
     * that matches no name so finds the name by its close spelling (trigram similarity).
     */
    @Test
    void closeSpellingsWhenTheWordsAsTypedFindNothing() {
        List<String> names = db.queryForList("SELECT name FROM herd.release_group_live g WHERE origin = 'whatcd'"
                + " AND name ~ '^[A-Za-z]{7,} ' AND EXISTS (SELECT 1 FROM herd.release_live r WHERE r.origin = g.origin"
                + " AND r.release_group_id = g.release_group_id) ORDER BY release_group_id", String.class);
        String found = null;
        for (String name : names) {
            String word = name.substring(0, name.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
            // The last letter wrong: close enough for trigram similarity, and (checked below) a
            // spelling no name has a word starting with.
            String typo = word.substring(0, word.length() - 1) + (word.endsWith("q") ? "z" : "q");
            long typed = db.queryForObject("SELECT count(*) FROM herd.release_group_live WHERE"
                    + " to_tsvector('simple', name) @@ to_tsquery('simple', ? || ':*')", Long.class, typo);
            if (typo.equals(word) || typed > 0) {
                continue;
            }
            JsonNode r = success("action=browse&origin=whatcd&groupname=" + typo);
            assertThat(r.path("results").findValues("groupName").stream().map(JsonNode::asString))
                    .as("close spellings of " + typo).contains(name);
            JsonNode exact = success("action=browse&origin=whatcd&groupname=" + word);
            assertThat(exact.path("results").findValues("groupName").stream().map(JsonNode::asString))
                    .as("names with a word starting " + word).isNotEmpty()
                    .allMatch(n -> n.toLowerCase(java.util.Locale.ROOT).matches("(?s)(.*[^\\p{L}\\p{N}])?" + word + ".*"));
            found = name;
            break;
        }
        assertThat(found).as("a group name whose misspelling no name has").isNotNull();
    }

    /**
     * taglist as Gazelle filters it, checked against the mirror's own rows: every tag (tags_type=1,
     * the default) or any of them (tags_type=0), {@code !tag} excluding, a tag no group has
     * matching nothing (and excluding nothing).
     */
    @Test
    void tagsFilterAsGazelleDoes() {
        List<String> tags = db.queryForList("SELECT t.name FROM herd.tag_live t JOIN herd.release_group_tag_live gt"
                + " ON gt.origin = t.origin AND gt.tag_id = t.tag_id WHERE t.origin = 'whatcd' GROUP BY t.name"
                + " ORDER BY count(*) DESC, t.name LIMIT 2", String.class);
        String a = tags.get(0);
        String b = tags.get(1);
        String groups = "SELECT count(*) FROM herd.release_group_live g WHERE g.origin = 'whatcd' AND EXISTS"
                + " (SELECT 1 FROM herd.release_live r WHERE r.origin = g.origin AND r.release_group_id = g.release_group_id)";
        String tagged = " EXISTS (SELECT 1 FROM herd.release_group_tag_live gt JOIN herd.tag_live t ON t.origin = gt.origin"
                + " AND t.tag_id = gt.tag_id WHERE gt.origin = g.origin AND gt.release_group_id = g.release_group_id"
                + " AND t.name = ?)";
        long all = db.queryForObject(groups, Long.class);
        long withA = db.queryForObject(groups + " AND" + tagged, Long.class, a);
        long withBoth = db.queryForObject(groups + " AND" + tagged + " AND" + tagged, Long.class, a, b);
        long withEither = db.queryForObject(groups + " AND (" + tagged + " OR" + tagged + ")", Long.class, a, b);
        long aNotB = db.queryForObject(groups + " AND" + tagged + " AND NOT" + tagged, Long.class, a, b);
        assertThat(List.of(withBoth, aNotB, withA, all)).as("the generated site tells these filters apart")
                .doesNotHaveDuplicates().allMatch(n -> n > 0 && n <= 1000);

        assertThat(total("taglist=" + a)).isEqualTo(withA);
        assertThat(total("taglist=" + a + "," + b)).isEqualTo(withBoth);
        assertThat(total("taglist=" + a + "," + b + "&tags_type=0")).isEqualTo(withEither);
        assertThat(total("taglist=" + a + ",!" + b)).isEqualTo(aNotB);
        assertThat(total("taglist=no.such.tag")).isZero();
        assertThat(total("taglist=" + a + ",no.such.tag")).isZero();
        assertThat(total("taglist=" + a + ",no.such.tag&tags_type=0")).isEqualTo(withA);
        assertThat(total("taglist=" + a + ",!no.such.tag")).isEqualTo(withA);
        assertThat(total("taglist=!no.such.tag")).isEqualTo(all);
    }

    /** The matches of a browse on origin whatcd, counted through its pages. */
    private static long total(String query) {
        JsonNode first = success("action=browse&origin=whatcd&" + query);
        long pages = first.path("pages").asLong();
        if (pages == 0) {
            return 0;
        }
        JsonNode last = success("action=browse&origin=whatcd&" + query + "&page=" + pages);
        return 50 * (pages - 1) + last.path("results").size();
    }

    @Test
    void invalidUtf8AndNul() {
        assertFailure("action=browse&searchstr=%C3%28", "not UTF-8");
        assertFailure("action=browse&searchstr=%FF%FE", "not UTF-8");
        assertFailure("action=browse&searchstr=%ED%A0%80", "not UTF-8");
        assertFailure("action=browse&searchstr=a%00b", "NUL");
        for (String bad : List.of("action=browse&searchstr=%zz", "action=browse&searchstr=%E")) {
            ServeHarness.Raw r = serve.raw("ajax.php?" + bad);
            JsonNode body = Contract.JSON.readTree(r.body());
            assertThat(body.path("status").asString()).as(bad).isEqualTo("failure");
            assertThat(body.path("error").asString()).as(bad).contains("malformed query string");
        }
        // Valid UTF-8 beyond ASCII is text like any other.
        assertThat(success("action=browse&searchstr=%E6%97%A5%E6%9C%AC%20%F0%9F%8E%B5").has("results")).isTrue();
    }

    @Test
    void malformedFiltersAreRefused() {
        assertFailure("action=browse&year=nineteen", "bad year parameter");
        assertFailure("action=browse&releasetype=999", "bad releasetype parameter");
        assertFailure("action=browse&filter_cat[99]=1", "bad filter_cat parameter");
        assertFailure("action=browse&haslog=maybe", "bad haslog parameter");
        assertFailure("action=browse&freetorrent=7", "bad freetorrent parameter");
        assertFailure("action=top10&type=nonsense", "bad type parameter");
        assertFailure("action=top10&details=nonsense", "bad details parameter");
        assertFailure("action=forum&type=nonsense", "bad type parameter");
    }

    /**
     * The server's own connections: read-only, under the statement timeout, and planned for many
     * small searches at once (no parallel workers, a custom plan for every search's values).
     */
    @Test
    void searchConnectionsAreReadOnlyAndPlannedPerSearch() {
        JdbcTemplate own = new JdbcTemplate(serve.context.getBean(javax.sql.DataSource.class));
        assertThat(own.queryForObject("SHOW transaction_read_only", String.class)).isEqualTo("on");
        assertThat(own.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("5s");
        assertThat(own.queryForObject("SHOW max_parallel_workers_per_gather", String.class)).isEqualTo("0");
        assertThat(own.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
        assertThat(db.queryForObject("SHOW plan_cache_mode", String.class)).as("another client of the database")
                .isEqualTo("auto");
    }
}
