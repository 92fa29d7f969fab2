package org.herd.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated collages and requests, checked row by row in memory. */
class CollagesRequestsGeneratorTest {

    private static GazelleDataGenerator generator;
    private static Generated data;

    @BeforeAll
    static void generate() {
        generator = new GazelleDataGenerator(new GeneratorSettings(42, 0.01));
        data = Generated.of(generator);
    }

    @Test
    void scaleOneHasAboutThreeHundredThousandCollageEntries() {
        GeneratedCounts full = new GazelleDataGenerator(new GeneratorSettings(42, 1)).plannedCounts();
        long entries = full.of("collages_torrents") + full.of("collages_artists");
        assertThat(entries).isBetween(250_000L, 350_000L);
        assertThat(full.of("collages")).isEqualTo(25_000);
        assertThat(full.of("requests")).isEqualTo(100_000);
        assertThat(full.of("requests_votes") / 100_000.0).isBetween(2.0, 4.0);
        GeneratedCounts small = generator.plannedCounts();
        for (String table : CollagesRequestsGenerator.TABLES) {
            assertThat(small.of(table)).as(table).isEqualTo(data.table(table).size()).isPositive();
        }
    }

    @Test
    void collagesHoldTheirEntriesInSortOrderAndCountThem() {
        Map<Integer, Integer> category = new HashMap<>();
        Map<Integer, Integer> numTorrents = new HashMap<>();
        Map<Integer, String> updated = new HashMap<>();
        Set<String> names = new HashSet<>();
        int deleted = 0;
        for (Object[] c : data.table("collages")) {
            int id = data.integer("collages", c, "ID");
            category.put(id, data.integer("collages", c, "CategoryID"));
            numTorrents.put(id, data.integer("collages", c, "NumTorrents"));
            updated.put(id, data.string("collages", c, "updated"));
            assertThat(names.add(data.string("collages", c, "Name").toLowerCase(Locale.ROOT))).isTrue();
            assertThat(data.string("collages", c, "Name")).hasSizeLessThanOrEqualTo(100);
            assertThat(data.integer("collages", c, "CategoryID")).isBetween(0, 7);
            String flag = data.string("collages", c, "Deleted");
            assertThat(flag).isIn("0", "1");
            if (flag.equals("1")) {
                deleted++;
                // Gazelle deletes a personal collage outright instead of flagging it.
                assertThat(data.integer("collages", c, "CategoryID")).isNotZero();
            }
        }
        assertThat(deleted).isPositive();
        assertThat(category.values()).contains(CollagesRequestsGenerator.ARTISTS_CATEGORY, 0);

        Map<Integer, Integer> entries = new HashMap<>();
        Map<Integer, String> lastAdded = new HashMap<>();
        for (String table : List.of("collages_torrents", "collages_artists")) {
            Map<Integer, Integer> lastSort = new HashMap<>();
            Set<String> keys = new HashSet<>();
            for (Object[] e : data.table(table)) {
                int collage = data.integer(table, e, "CollageID");
                boolean artistList = category.get(collage) == CollagesRequestsGenerator.ARTISTS_CATEGORY;
                assertThat(artistList).as("%s of collage %d", table, collage).isEqualTo(table.equals("collages_artists"));
                assertThat(keys.add(collage + "/" + data.value(table, e, table.equals("collages_artists") ? "ArtistID" : "GroupID")))
                        .isTrue();
                int sort = data.integer(table, e, "Sort");
                assertThat(sort).isEqualTo(lastSort.getOrDefault(collage, 0) + 10);
                lastSort.put(collage, sort);
                entries.merge(collage, 1, Integer::sum);
                String added = data.string(table, e, "AddedOn");
                if (!added.equals(GazelleDataGenerator.ZERO_DATE)) {
                    lastAdded.put(collage, added);
                }
            }
        }
        numTorrents.forEach((id, n) -> assertThat(entries.get(id)).as("entries of collage %d", id).isEqualTo(n));
        updated.forEach((id, u) -> assertThat(u).as("updated of collage %d", id)
                .isEqualTo(lastAdded.getOrDefault(id, GazelleDataGenerator.ZERO_DATE)));
    }

    @Test
    void requestsAreHiddenFilledAndVotedOnLikeWhatCds() {
        Map<Integer, Integer> requester = new HashMap<>();
        Map<Integer, Boolean> music = new HashMap<>();
        int hidden = 0;
        int filled = 0;
        for (Object[] q : data.table("requests")) {
            int id = data.integer("requests", q, "ID");
            requester.put(id, data.integer("requests", q, "UserID"));
            music.put(id, data.integer("requests", q, "CategoryID") == 1);
            assertThat(data.string("requests", q, "Visible")).isIn("0", "1");
            hidden += data.string("requests", q, "Visible").equals("0") ? 1 : 0;
            boolean isFilled = data.integer("requests", q, "TorrentID") > 0;
            filled += isFilled ? 1 : 0;
            assertThat(data.integer("requests", q, "FillerID") > 0).isEqualTo(isFilled);
            assertThat(data.string("requests", q, "TimeFilled").equals(GazelleDataGenerator.ZERO_DATE)).isEqualTo(!isFilled);
            assertThat(data.string("requests", q, "LastVote")).isGreaterThanOrEqualTo(data.string("requests", q, "TimeAdded"));
            if (music.get(id)) {
                for (String list : List.of("BitrateList", "FormatList", "MediaList")) {
                    assertThat(data.string("requests", q, list)).as(list).matches("Any|[^|]+(\\|[^|]+)*");
                }
            } else {
                assertThat(data.value("requests", q, "ReleaseType")).isNull();
                assertThat(data.value("requests", q, "FormatList")).isNull();
            }
        }
        assertThat(hidden).isPositive();
        assertThat(filled / (double) requester.size()).isBetween(0.4, 0.7);

        Map<Integer, Long> bounty = new HashMap<>();
        Set<String> voters = new HashSet<>();
        Map<Integer, Boolean> requesterVoted = new HashMap<>();
        for (Object[] v : data.table("requests_votes")) {
            int request = data.integer("requests_votes", v, "RequestID");
            int user = data.integer("requests_votes", v, "UserID");
            long b = ((Number) data.value("requests_votes", v, "Bounty")).longValue();
            assertThat(b).isGreaterThanOrEqualTo(CollagesRequestsGenerator.MIN_BOUNTY);
            assertThat(voters.add(request + "/" + user)).isTrue();
            bounty.merge(request, b, Long::sum);
            if (user == requester.get(request)) {
                requesterVoted.put(request, true);
            }
        }
        assertThat(requesterVoted.keySet()).as("every request carries its requester's vote")
                .isEqualTo(requester.keySet());
        assertThat(bounty.values().stream().distinct().count()).isGreaterThan(5);

        Set<String> credits = new HashSet<>();
        for (Object[] a : data.table("requests_artists")) {
            int request = data.integer("requests_artists", a, "RequestID");
            assertThat(music.get(request)).as("artists only on music requests").isTrue();
            assertThat(credits.add(request + "/" + data.value("requests_artists", a, "AliasID"))).isTrue();
            assertThat(data.string("requests_artists", a, "Importance")).isIn("1", "2");
        }
        assertThat(data.table("requests_tags")).allSatisfy(t ->
                assertThat(requester).containsKey(data.integer("requests_tags", t, "RequestID")));
    }
}
