package org.herd.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GazelleDataGeneratorTest {

    private static final Set<String> RELEASE_TYPES = Set.of("1", "3", "5", "6", "7", "9", "11", "13", "14", "15", "16", "21");
    private static final Map<String, Set<String>> ENCODINGS = Map.of(
            "FLAC", Set.of("Lossless", "24bit Lossless"),
            "MP3", Set.of("320", "V0 (VBR)", "V1 (VBR)", "V2 (VBR)", "256", "192", "APS (VBR)", "APX (VBR)"),
            "AAC", Set.of("256", "320"),
            "Ogg Vorbis", Set.of("q8.x (VBR)"),
            "", Set.of(""));
    private static final Set<String> MEDIA = Set.of("CD", "DVD", "Vinyl", "Soundboard", "SACD", "DAT", "Cassette", "WEB", "BD", "");

    private static GazelleDataGenerator generator;
    private static Generated data;

    @BeforeAll
    static void generate() {
        generator = new GazelleDataGenerator(new GeneratorSettings(42, 0.001));
        long started = System.nanoTime();
        data = Generated.of(generator);
        System.out.printf("generated %d rows at scale 0.001 in %d ms%n",
                data.counts().values().stream().mapToLong(Long::longValue).sum(), (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void plannedCountsFollowTheScaleAndMatchWhatIsGenerated() {
        GeneratedCounts planned = generator.plannedCounts();
        assertThat(planned.of("artists_group")).isEqualTo(400);
        assertThat(planned.of("torrents_group")).isEqualTo(1000);
        assertThat(planned.of("torrents")).isEqualTo(2500);
        assertThat(planned.of("torrents_tags")).isEqualTo(5000);
        assertThat(planned.of("tags")).isEqualTo(20);
        assertThat(planned.of("users_main")).isEqualTo(100);
        assertThat(planned.of("pm_conversations")).isEqualTo(100);
        assertThat(planned.of("pm_messages")).isEqualTo(200);
        assertThat(planned.of("artists_alias") / 400.0).isBetween(1.05, 1.16);
        assertThat(planned.of("torrents_artists") / 1000.0).isBetween(1.15, 1.45);
        assertThat(planned.of("wiki_torrents") / 1000.0).isBetween(0.6, 0.85);
        assertThat(planned.of("wiki_artists") / 400.0).isBetween(0.5, 0.7);
        assertThat(planned.rows().keySet()).containsExactlyElementsOf(GazelleDataGenerator.TABLES);
        assertThat(data.counts()).isEqualTo(planned.rows());
    }

    @Test
    void eachTorrentRowIsMadeOnceAndPlanningMakesNone() {
        GazelleDataGenerator g = new GazelleDataGenerator(new GeneratorSettings(42, 0.0005));
        // Planning which torrents have a rip log used to build every torrent row, file list and all.
        assertThat(g.torrentRowsMade()).isZero();
        long[] handed = {0};
        g.generate((table, row) -> handed[0] += table.equals("torrents") ? 1 : 0);
        assertThat(handed[0]).isEqualTo(g.plannedCounts().of("torrents")).isEqualTo(1250);
        assertThat(g.torrentRowsMade()).isEqualTo(1250);
        // What planning decides from the torrents' first draws, as generating them decided it before.
        assertThat(g.plannedCounts().of("torrents_logs_new")).isEqualTo(229);
        assertThat(g.plannedCounts().of("sphinx_delta")).isEqualTo(5);
    }

    @Test
    void tinyScalesStillPopulateEveryTable() {
        GazelleDataGenerator tiny = new GazelleDataGenerator(new GeneratorSettings(1, 0.00001));
        assertThat(tiny.plannedCounts().rows().values()).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(Generated.of(tiny).counts()).isEqualTo(tiny.plannedCounts().rows());
    }

    @Test
    void countsScaleLinearly() {
        GeneratedCounts big = new GazelleDataGenerator(new GeneratorSettings(42, 0.01)).plannedCounts();
        assertThat(big.of("torrents_group")).isEqualTo(10_000);
        assertThat(big.of("torrents")).isEqualTo(25_000);
        assertThat(big.of("torrents_tags")).isEqualTo(50_000);
        assertThat(big.of("artists_group")).isEqualTo(4_000);
        assertThat(big.of("tags")).isEqualTo(200);
    }

    @Test
    void sameSeedGivesTheSameRowsAndAnotherSeedDifferentOnes() {
        GazelleDataGenerator same = new GazelleDataGenerator(new GeneratorSettings(42, 0.001));
        GazelleDataGenerator other = new GazelleDataGenerator(new GeneratorSettings(43, 0.001));
        assertThat(same.plannedCounts()).isEqualTo(generator.plannedCounts());
        for (String table : List.of("torrents", "torrents_group", "artists_group", "users_main", "torrents_tags")) {
            List<Object[]> a = first(generator, table, 200);
            List<Object[]> b = first(same, table, 200);
            List<Object[]> c = first(other, table, 200);
            assertThat(a).hasSize(Math.min(200, (int) generator.plannedCounts().of(table)));
            for (int i = 0; i < a.size(); i++) {
                assertThat(Arrays.deepEquals(a.get(i), b.get(i))).as("%s row %d", table, i).isTrue();
            }
            long differing = 0;
            for (int i = 0; i < a.size(); i++) {
                differing += Arrays.deepEquals(a.get(i), c.get(i)) ? 0 : 1;
            }
            assertThat(differing).as("%s rows that differ under another seed", table).isGreaterThan(a.size() * 3L / 4);
        }
    }

    private static List<Object[]> first(GazelleDataGenerator g, String table, int n) {
        List<Object[]> rows = new ArrayList<>();
        g.generate((t, values) -> {
            if (t.equals(table) && rows.size() < n) {
                rows.add(values);
            }
        });
        return rows;
    }

    @Test
    void tagListCopiesTheGroupsTagNamesWithUnderscores() {
        Map<Integer, String> tagName = new HashMap<>();
        Map<Integer, Integer> uses = new HashMap<>();
        for (Object[] t : data.table("tags")) {
            tagName.put(data.integer("tags", t, "ID"), data.string("tags", t, "Name"));
        }
        Map<Integer, List<String>> byGroup = new HashMap<>();
        for (Object[] tt : data.table("torrents_tags")) {
            int tag = data.integer("torrents_tags", tt, "TagID");
            byGroup.computeIfAbsent(data.integer("torrents_tags", tt, "GroupID"), g -> new ArrayList<>()).add(tagName.get(tag));
            uses.merge(tag, 1, Integer::sum);
        }
        for (Object[] g : data.table("torrents_group")) {
            List<String> names = byGroup.get(data.integer("torrents_group", g, "ID"));
            assertThat(names).isNotEmpty();
            String expected = names.stream().sorted().map(n -> n.replace('.', '_')).collect(Collectors.joining(" "));
            assertThat(data.string("torrents_group", g, "TagList")).isEqualTo(expected).hasSizeLessThanOrEqualTo(500);
        }
        assertThat(tagName.values()).doesNotHaveDuplicates().allSatisfy(n -> assertThat(n).matches("[a-z0-9.]+"));
        for (Object[] t : data.table("tags")) {
            assertThat(data.integer("tags", t, "Uses")).as("Uses of tag %s", data.string("tags", t, "Name"))
                    .isEqualTo(uses.getOrDefault(data.integer("tags", t, "ID"), 0));
        }
        assertThat(ReleaseGroupsGenerator.tagList(List.of("rock", "hip.hop", "drum.and.bass")))
                .isEqualTo("drum_and_bass hip_hop rock");
    }

    @Test
    void groupWikiColumnsCopyTheLatestRevision() {
        Map<Integer, Object[]> latest = new HashMap<>();
        for (Object[] w : data.table("wiki_torrents")) {
            latest.merge(data.integer("wiki_torrents", w, "PageID"), w,
                    (a, b) -> data.integer("wiki_torrents", a, "RevisionID") > data.integer("wiki_torrents", b, "RevisionID") ? a : b);
        }
        int withWiki = 0;
        for (Object[] g : data.table("torrents_group")) {
            Object[] w = latest.get(data.integer("torrents_group", g, "ID"));
            if (w == null) {
                assertThat(data.value("torrents_group", g, "RevisionID")).isNull();
                assertThat(data.string("torrents_group", g, "WikiBody")).isEmpty();
                assertThat(data.string("torrents_group", g, "WikiImage")).isEmpty();
            } else {
                withWiki++;
                assertThat(data.value("torrents_group", g, "RevisionID")).isEqualTo(data.value("wiki_torrents", w, "RevisionID"));
                assertThat(data.value("torrents_group", g, "WikiBody")).isEqualTo(data.value("wiki_torrents", w, "Body"));
                assertThat(data.value("torrents_group", g, "WikiImage")).isEqualTo(data.value("wiki_torrents", w, "Image"));
            }
        }
        assertThat(withWiki / 1000.0).isBetween(0.5, 0.7);

        Map<Integer, Integer> latestArtist = new HashMap<>();
        for (Object[] w : data.table("wiki_artists")) {
            latestArtist.merge(data.integer("wiki_artists", w, "PageID"), data.integer("wiki_artists", w, "RevisionID"), Math::max);
        }
        for (Object[] a : data.table("artists_group")) {
            assertThat(data.value("artists_group", a, "RevisionID")).isEqualTo(latestArtist.get(data.integer("artists_group", a, "ArtistID")));
        }
    }

    @Test
    void fileListsAreInGazellesFormat() {
        int old = 0;
        for (Object[] t : data.table("torrents")) {
            String list = data.string("torrents", t, "FileList");
            String[] entries = list.split("\n", -1);
            assertThat(entries).hasSize(data.integer("torrents", t, "FileCount"));
            long size = 0;
            for (String e : entries) {
                assertThat(e).matches("\\.[^ ]* s\\d+s .+ (\u00F7|&divide;)");
                size += Long.parseLong(e.substring(e.indexOf(" s") + 2, e.indexOf("s ", e.indexOf(" s") + 2)));
                String name = e.substring(e.indexOf("s ", e.indexOf(" s") + 2) + 2, e.lastIndexOf(' '));
                int dot = name.lastIndexOf('.');
                assertThat(e).startsWith("." + (dot > 0 ? name.substring(dot + 1) : "") + " ");
            }
            assertThat(((Number) data.value("torrents", t, "Size")).longValue()).isEqualTo(size);
            old += list.contains("&divide;") ? 1 : 0;
            if (entries.length == 1) {
                assertThat(data.string("torrents", t, "FilePath")).isEmpty();
            }
        }
        assertThat(old).as("rows with the old delimiter").isBetween(1, 250);
        assertThat(FileLists.entry("01 - Intro.flac", 1234, false)).isEqualTo(".flac s1234s 01 - Intro.flac \u00F7");
        assertThat(FileLists.entry(".hidden", 5, true)).isEqualTo(". s5s .hidden &divide;");
        assertThat(FileLists.format(List.of("a.mp3", "CD2/b.mp3"), List.of(1L, 2L), false))
                .isEqualTo(".mp3 s1s a.mp3 \u00F7\n.mp3 s2s CD2/b.mp3 \u00F7");
    }

    @Test
    void releasesHaveValidFormatsAndConsistentLogs() {
        Set<ByteBuffer> hashes = new HashSet<>();
        int remastered = 0;
        int zeroTimes = 0;
        for (Object[] t : data.table("torrents")) {
            String media = data.string("torrents", t, "Media");
            String format = data.string("torrents", t, "Format");
            String encoding = data.string("torrents", t, "Encoding");
            assertThat(MEDIA).contains(media);
            assertThat(ENCODINGS).containsKey(format);
            assertThat(ENCODINGS.get(format)).as("encoding of %s", format).contains(encoding);
            if (data.string("torrents", t, "HasLog").equals("1")) {
                assertThat(media).isEqualTo("CD");
                assertThat(format).isEqualTo("FLAC");
                assertThat(data.integer("torrents", t, "LogScore")).isBetween(0, 100);
            } else {
                assertThat(data.integer("torrents", t, "LogScore")).isZero();
            }
            if (data.string("torrents", t, "Scene").equals("1")) {
                assertThat(data.string("torrents", t, "HasLog")).isEqualTo("0");
            }
            byte[] hash = (byte[]) data.value("torrents", t, "info_hash");
            assertThat(hash).hasSize(20);
            assertThat(hashes.add(ByteBuffer.wrap(hash))).isTrue();
            remastered += data.string("torrents", t, "Remastered").equals("1") ? 1 : 0;
            zeroTimes += data.string("torrents", t, "Time").equals(GazelleDataGenerator.ZERO_DATE) ? 1 : 0;
            assertThat(data.integer("torrents", t, "UserID")).isBetween(1, 100);
            assertThat(data.string("torrents", t, "FreeTorrent")).isIn("0", "1", "2");
        }
        assertThat(remastered / 2500.0).isBetween(0.2, 0.5);
        assertThat(zeroTimes / 2500.0).isBetween(0.005, 0.04);
    }

    @Test
    void groupsAndCreditsLookLikeWhatCd() {
        Map<Integer, Long> categories = new TreeMap<>();
        for (Object[] g : data.table("torrents_group")) {
            int category = data.integer("torrents_group", g, "CategoryID");
            categories.merge(category, 1L, Long::sum);
            if (category == 1) {
                assertThat(data.integer("torrents_group", g, "Year")).isBetween(1950, 2016);
                assertThat(RELEASE_TYPES).contains(String.valueOf(data.value("torrents_group", g, "ReleaseType")));
            }
        }
        assertThat(categories.get(1)).isGreaterThan(850);
        Map<String, Long> roles = new TreeMap<>();
        Set<String> keys = new HashSet<>();
        for (Object[] c : data.table("torrents_artists")) {
            roles.merge(data.string("torrents_artists", c, "Importance"), 1L, Long::sum);
            assertThat(keys.add(data.value("torrents_artists", c, "GroupID") + "/" + data.value("torrents_artists", c, "ArtistID")
                    + "/" + data.value("torrents_artists", c, "Importance"))).isTrue();
        }
        assertThat(roles.keySet()).allSatisfy(r -> assertThat(r).isIn("1", "2", "3", "4", "5", "6", "7"));
        long total = roles.values().stream().mapToLong(Long::longValue).sum();
        assertThat(roles.get("1") / (double) total).isGreaterThan(0.75);
        assertThat(roles.keySet()).hasSizeGreaterThan(3);
    }

    @Test
    void textStaysWithinTheBasicMultilingualPlane() {
        data.rows.forEach((table, rows) -> {
            for (Object[] row : rows) {
                for (Object v : row) {
                    if (v instanceof String s) {
                        assertThat(s.codePoints().allMatch(cp -> cp <= 0xFFFF)).as("%s value %s", table, s).isTrue();
                    }
                }
            }
        });
        boolean someNonAscii = data.table("artists_group").stream()
                .anyMatch(a -> data.string("artists_group", a, "Name").chars().anyMatch(ch -> ch > 0x7F));
        assertThat(someNonAscii).isTrue();
    }

    @Test
    void usersHaveRealisticSecrets() {
        for (Object[] u : data.table("users_main")) {
            assertThat(data.string("users_main", u, "PassHash")).matches("\\$2y\\$10\\$[./A-Za-z0-9]{53}");
            assertThat(data.string("users_main", u, "Secret")).matches("[a-z0-9]{32}");
            assertThat(data.string("users_main", u, "torrent_pass")).matches("[a-z0-9]{32}");
            assertThat(data.string("users_main", u, "Email")).contains("@");
            assertThat(data.string("users_main", u, "IP")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(data.string("users_main", u, "Username")).hasSizeLessThanOrEqualTo(20);
        }
    }

    @Test
    void rejectsNonsenseScales() {
        assertThatThrownBy(() -> new GeneratorSettings(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeneratorSettings(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GazelleDataGenerator.columns("users")).hasMessageContaining("users");
    }
}
