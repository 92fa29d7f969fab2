package org.herd.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rows around the catalogue's core, generated at scale 0.001. */
class CatalogueExtrasGeneratorTest {

    private static GazelleDataGenerator generator;
    private static Generated data;

    @BeforeAll
    static void generate() {
        generator = new GazelleDataGenerator(new GeneratorSettings(42, 0.001));
        data = Generated.of(generator);
    }

    @Test
    void everyExtraTableIsPlannedFilledAndHasOneValuePerColumn() {
        for (String table : CatalogueExtrasGenerator.TABLES) {
            assertThat(data.table(table)).as(table).isNotEmpty().hasSize((int) generator.plannedCounts().of(table));
            int columns = GazelleDataGenerator.columns(table).size();
            assertThat(data.table(table)).as(table).allSatisfy(row -> assertThat(row).hasSize(columns));
        }
    }

    @Test
    void everyUserHasAProfileWithSecretsShapedAsGazellesAndSomeSessions() {
        Set<Integer> users = new HashSet<>();
        int avatars = 0;
        int escaped = 0;
        for (Object[] u : data.table("users_info")) {
            users.add(data.integer("users_info", u, "UserID"));
            assertThat(data.string("users_info", u, "AuthKey")).matches("[a-z0-9]{32}");
            assertThat(data.string("users_info", u, "ResetKey")).matches("|[a-z0-9]{32}");
            Object bitcoin = data.value("users_info", u, "BitcoinAddress");
            assertThat(bitcoin == null || ((String) bitcoin).matches("1[1-9A-HJ-NP-Za-km-z]{33}")).isTrue();
            String avatar = data.string("users_info", u, "Avatar");
            avatars += avatar.isEmpty() ? 0 : 1;
            escaped += avatar.contains("&amp;") ? 1 : 0;
            assertThat(avatar.replace("&amp;", "")).doesNotContain("&");
            assertThat(data.string("users_info", u, "JoinDate")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(data.value("users_info", u, "AdminComment")).isNotNull();
        }
        assertThat(users).hasSize((int) generator.plannedCounts().of("users_main"));
        assertThat(avatars).isPositive();
        assertThat(escaped).isPositive();

        Set<String> sessions = new HashSet<>();
        for (Object[] s : data.table("users_sessions")) {
            int user = data.integer("users_sessions", s, "UserID");
            assertThat(users).contains(user);
            String id = data.string("users_sessions", s, "SessionID");
            assertThat(id).matches("[a-z0-9]{32}");
            assertThat(sessions.add(user + "/" + id)).isTrue();
            assertThat(data.string("users_sessions", s, "IP")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        }
    }

    @Test
    void everyTorrentWithALogHasOneScoredAsItsLogScore() {
        Map<Integer, Object[]> torrents = new HashMap<>();
        for (Object[] t : data.table("torrents")) {
            if ("1".equals(data.string("torrents", t, "HasLog"))) {
                torrents.put(data.integer("torrents", t, "ID"), t);
            }
        }
        List<Integer> logIds = new ArrayList<>();
        Set<Integer> logged = new HashSet<>();
        for (Object[] l : data.table("torrents_logs_new")) {
            logIds.add(data.integer("torrents_logs_new", l, "LogID"));
            int torrentId = data.integer("torrents_logs_new", l, "TorrentID");
            assertThat(logged.add(torrentId)).isTrue();
            Object[] t = torrents.get(torrentId);
            assertThat(t).as("torrent %s has HasLog = '1'", torrentId).isNotNull();
            int score = data.integer("torrents_logs_new", l, "Score");
            assertThat(score).isEqualTo(data.integer("torrents", t, "LogScore"));
            assertThat(data.string("torrents_logs_new", l, "Details").isEmpty()).isEqualTo(score == 100);
            String log = data.string("torrents_logs_new", l, "Log");
            assertThat(log).startsWith("Exact Audio Copy").contains("Track  1").endsWith("End of status report");
            String firstFile = data.string("torrents", t, "FileList").split("\n")[0];
            String track = firstFile.substring(firstFile.indexOf("s ", 1) + 2, firstFile.lastIndexOf(".flac "));
            assertThat(log).contains(track.substring(track.lastIndexOf('/') + 1) + ".wav");
            assertThat(data.string("torrents_logs_new", l, "Adjusted")).isIn("0", "1");
        }
        assertThat(logged).isEqualTo(torrents.keySet());
        assertThat(logIds).isEqualTo(java.util.stream.IntStream.rangeClosed(1, logIds.size()).boxed().toList());
    }

    @Test
    void aSimilarityIsTwoDifferentArtistsWithAPositiveScoreAndTheProposersVote() {
        int artists = (int) generator.plannedCounts().of("artists_group");
        Map<Integer, List<Integer>> members = new HashMap<>();
        for (Object[] m : data.table("artists_similar")) {
            members.computeIfAbsent(data.integer("artists_similar", m, "SimilarID"), s -> new ArrayList<>())
                    .add(data.integer("artists_similar", m, "ArtistID"));
        }
        Set<String> pairs = new HashSet<>();
        for (Object[] s : data.table("artists_similar_scores")) {
            int id = data.integer("artists_similar_scores", s, "SimilarID");
            assertThat(data.integer("artists_similar_scores", s, "Score")).isPositive();
            List<Integer> two = members.get(id);
            assertThat(two).hasSize(2).doesNotHaveDuplicates().allSatisfy(a -> assertThat(a).isBetween(1, artists));
            assertThat(pairs.add(Math.min(two.get(0), two.get(1)) + "/" + Math.max(two.get(0), two.get(1)))).isTrue();
        }
        assertThat(members).hasSameSizeAs(data.table("artists_similar_scores"));
        Map<Integer, Integer> ups = new HashMap<>();
        Set<String> votes = new HashSet<>();
        for (Object[] v : data.table("artists_similar_votes")) {
            int id = data.integer("artists_similar_votes", v, "SimilarID");
            String way = data.string("artists_similar_votes", v, "Way");
            assertThat(way).isIn("up", "down");
            assertThat(votes.add(id + "/" + data.value("artists_similar_votes", v, "UserID"))).isTrue();
            ups.merge(id, way.equals("up") ? 1 : 0, Integer::sum);
        }
        assertThat(ups.keySet()).isEqualTo(members.keySet());
        assertThat(ups.values()).allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    void albumVoteCountsAreTheCountsOfWhoVoted() {
        Map<Integer, int[]> counted = new HashMap<>();
        Set<String> voters = new HashSet<>();
        for (Object[] v : data.table("users_votes")) {
            int group = data.integer("users_votes", v, "GroupID");
            assertThat(voters.add(data.value("users_votes", v, "UserID") + "/" + group)).isTrue();
            int[] c = counted.computeIfAbsent(group, g -> new int[2]);
            c[0] += "Up".equals(data.string("users_votes", v, "Type")) ? 1 : 0;
            c[1]++;
        }
        assertThat(data.table("torrents_votes")).hasSize(counted.size());
        for (Object[] t : data.table("torrents_votes")) {
            int[] c = counted.get(data.integer("torrents_votes", t, "GroupID"));
            int ups = data.integer("torrents_votes", t, "Ups");
            int total = data.integer("torrents_votes", t, "Total");
            assertThat(new int[] {ups, total}).isEqualTo(c);
            assertThat((Double) data.value("torrents_votes", t, "Score"))
                    .isEqualTo(CatalogueExtrasGenerator.binomialScore(ups, total));
        }
        // binomial_ci as WhatCD defines it (9 of 10 computed from its SQL): 0 for no votes,
        // rising with the share of up votes.
        assertThat(CatalogueExtrasGenerator.binomialScore(0, 0)).isZero();
        assertThat(CatalogueExtrasGenerator.binomialScore(9, 10)).isCloseTo(0.6522, within(0.0001));
        assertThat(CatalogueExtrasGenerator.binomialScore(90, 100)).isGreaterThan(CatalogueExtrasGenerator.binomialScore(9, 10));
    }

    @Test
    void theSearchQueueHoldsTheNewestGroupsTorrentsFlattened() {
        Map<Integer, Object[]> torrents = new HashMap<>();
        data.table("torrents").forEach(t -> torrents.put(data.integer("torrents", t, "ID"), t));
        Set<Integer> queued = new HashSet<>();
        int newestFrom = Integer.MAX_VALUE;
        for (Object[] s : data.table("sphinx_delta")) {
            Object[] t = torrents.get(data.integer("sphinx_delta", s, "ID"));
            assertThat(t).isNotNull();
            queued.add(data.integer("sphinx_delta", s, "ID"));
            assertThat(data.value("sphinx_delta", s, "GroupID")).isEqualTo(data.value("torrents", t, "GroupID"));
            assertThat(data.value("sphinx_delta", s, "Size")).isEqualTo(data.value("torrents", t, "Size"));
            assertThat(data.string("sphinx_delta", s, "FileList")).doesNotContain("_", "/")
                    .hasSameSizeAs(data.string("torrents", t, "FileList"));
            newestFrom = Math.min(newestFrom, data.integer("sphinx_delta", s, "GroupID"));
        }
        for (Object[] t : data.table("torrents")) {
            if (data.integer("torrents", t, "GroupID") >= newestFrom) {
                assertThat(queued).contains(data.integer("torrents", t, "ID"));
            }
        }
    }

    @Test
    void sameSeedSameRowsOtherSeedOtherRows() {
        Generated same = Generated.of(new GazelleDataGenerator(new GeneratorSettings(42, 0.001)));
        Generated other = Generated.of(new GazelleDataGenerator(new GeneratorSettings(43, 0.001)));
        for (String table : CatalogueExtrasGenerator.TABLES) {
            List<Object[]> a = data.table(table);
            List<Object[]> b = same.table(table);
            assertThat(b).as(table).hasSameSizeAs(a);
            for (int i = 0; i < a.size(); i++) {
                assertThat(Arrays.deepEquals(a.get(i), b.get(i))).as("%s row %d", table, i).isTrue();
            }
            List<Object[]> c = other.table(table);
            long differing = 0;
            for (int i = 0; i < Math.min(a.size(), c.size()); i++) {
                differing += Arrays.deepEquals(a.get(i), c.get(i)) ? 0 : 1;
            }
            assertThat(differing).as("%s rows that differ under another seed", table).isPositive();
        }
    }
}
