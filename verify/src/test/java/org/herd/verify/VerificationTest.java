package org.herd.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.FileEntry;
import org.herd.translator.OriginLookup;
import org.herd.translator.SourcePosition;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.UserReferences;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.Test;

/** Chunk hashing, re-checks and the report, on sides held in memory. */
class VerificationTest {

    private static final EntityType TAG = NeutralSchema.TAG;
    private static final EntityType USER = NeutralSchema.USER;
    private static final EntityType RELEASE = NeutralSchema.RELEASE;
    private static final Verification.Settings SETTINGS = new Verification.Settings(10, 2, Duration.ZERO, 2, 1000);

    /** A side held in memory; counts the reads it serves and can change between passes. */
    static final class MemorySide implements RowSource {
        final Map<String, Map<Map<String, Object>, Map<String, Object>>> rows = new TreeMap<>();
        final List<String> reads = new ArrayList<>();
        Runnable onPass = () -> { };
        int passes;

        MemorySide put(EntityType e, Map<String, Object> key, Map<String, Object> payload) {
            rows.computeIfAbsent(e.name(), n -> new LinkedHashMap<>()).put(key, payload);
            return this;
        }

        MemorySide remove(EntityType e, Map<String, Object> key) {
            rows.get(e.name()).remove(key);
            return this;
        }

        @Override
        public void beginPass() {
            if (passes++ > 0) {
                onPass.run();
            }
        }

        @Override
        public void rows(EntityType entity, Chunking.Range range, RowSink sink) {
            reads.add(entity.name() + (range == null ? " all" : " " + range.from() + ".." + range.to()));
            rows.getOrDefault(entity.name(), Map.of()).forEach((k, p) -> {
                long v = range == null ? 0 : ((Number) k.get(range.field())).longValue();
                if (range == null || v >= range.from() && v < range.to()) {
                    sink.row(k, p);
                }
            });
        }
    }

    private static Map<String, Object> tagKey(long id) {
        return Map.of("tag_id", id);
    }

    private static Map<String, Object> tag(String name, long uses) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("tag_type", "other");
        p.put("uses", uses);
        return p;
    }

    /** Origin and mirror with tags 1..50 equal, as Integer ids at the origin and Long in the mirror. */
    private static MemorySide[] equalSides() {
        MemorySide origin = new MemorySide();
        MemorySide mirror = new MemorySide();
        for (int i = 1; i <= 50; i++) {
            origin.put(TAG, Map.of("tag_id", i), tag("t" + i, i));
            mirror.put(TAG, tagKey(i), tag("t" + i, i));
        }
        return new MemorySide[] {origin, mirror};
    }

    private static Verification.Result verify(MemorySide origin, MemorySide mirror, Verification.Settings settings,
            AtomicInteger positionsRead) throws Exception {
        return new Verification(origin, mirror, List.of(TAG, USER), settings,
                () -> Optional.of(new SourcePosition("bin.000001", 100L * positionsRead.incrementAndGet(), 0, 0,
                        false, 0)),
                d -> { }).run();
    }

    @Test
    void equalSidesAreReadOnceAndNoChunkAgain() throws Exception {
        MemorySide[] s = equalSides();
        Verification.Result r = verify(s[0], s[1], SETTINGS, new AtomicInteger());
        assertThat(r.equal()).isTrue();
        assertThat(r.lost() + r.extra() + r.differing()).isZero();
        assertThat(r.rechecks()).isZero();
        assertThat(s[0].reads).containsExactly("tag all", "user all");
        assertThat(r.entities().get("tag").originRows()).isEqualTo(50);
        assertThat(r.entities().get("tag").chunks()).isEqualTo(6);
        assertThat(r.report("mirror")).contains("EQUAL: 0 missing, 0 extra, 0 differing")
                .containsPattern("tag +50 +50 +0 +0 +0 +equal").doesNotContain("DIFFERENT");
    }

    @Test
    void namesMissingExtraAndDifferingKeysReadingOnlyTheirChunksAgain() throws Exception {
        MemorySide[] s = equalSides();
        s[1].remove(TAG, tagKey(7));
        s[1].put(TAG, tagKey(23), tag("changed", 23));
        s[1].put(TAG, tagKey(99), tag("gone at the origin", 1));
        AtomicInteger positions = new AtomicInteger();
        Verification.Result r = verify(s[0], s[1], SETTINGS, positions);

        assertThat(r.equal()).isFalse();
        Verification.EntityResult tags = r.entities().get("tag");
        assertThat(tags.keys(Verification.Kind.MISSING)).containsExactly(tagKey(7));
        assertThat(tags.keys(Verification.Kind.EXTRA)).containsExactly(tagKey(99));
        assertThat(tags.keys(Verification.Kind.DIFFERING)).containsExactly(tagKey(23));
        assertThat(tags.differences()).filteredOn(d -> d.kind() == Verification.Kind.DIFFERING)
                .singleElement().extracting(Verification.Difference::detail).asString()
                .contains("name: origin 't23', mirror 'changed'").doesNotContain("uses");
        assertThat(r.lost()).isEqualTo(1);
        assertThat(r.extra()).isEqualTo(1);
        assertThat(r.differing()).isEqualTo(1);
        assertThat(tags.differingChunks()).isEqualTo(3);
        // Each entity whole, then its three differing chunks; then the same chunks per re-check.
        assertThat(s[0].reads).containsExactly("tag all", "tag 0..10", "tag 20..30", "tag 90..100", "user all",
                "tag 0..10", "tag 20..30", "tag 90..100", "tag 0..10", "tag 20..30", "tag 90..100");
        assertThat(r.rechecks()).isEqualTo(2);
        // The position read before the last re-check, the one that confirmed the extra row.
        assertThat(positions.get()).isEqualTo(3);
        assertThat(r.confirmedAt()).contains(new SourcePosition("bin.000001", 300, 0, 0, false, 0));
        assertThat(r.report("mirror")).contains("missing {tag_id=7}", "extra {tag_id=99}",
                "differing {tag_id=23} name: origin 't23', mirror 'changed'", "DIFFERENT: 1 missing, 1 extra, "
                        + "1 differing after 2 re-checks");
        // An entity with rows on neither side compares equal and empty.
        Verification.EntityResult users = r.entities().get("user");
        assertThat(users.equal()).isTrue();
        assertThat(users.originRows() + users.mirrorRows() + users.chunks()).isZero();
    }

    @Test
    void rowsInFlightAreNotDifferencesAndNewChangesDuringReChecksAreLeftOut() throws Exception {
        MemorySide[] s = equalSides();
        // The mirror lags: tag 51 arrives and tag 5's change lands before the first re-check.
        s[0].put(TAG, tagKey(51), tag("t51", 51));
        s[0].put(TAG, tagKey(5), tag("renamed", 5));
        s[1].onPass = () -> {
            s[1].put(TAG, tagKey(51), tag("t51", 51));
            s[1].put(TAG, tagKey(5), tag("renamed", 5));
            // A change in flight that the first pass never saw differ.
            s[0].put(TAG, tagKey(6), tag("t6 again", 6));
        };
        Verification.Result r = verify(s[0], s[1], SETTINGS, new AtomicInteger());
        assertThat(r.equal()).as(r.report("mirror")).isTrue();
        assertThat(r.rechecks()).isEqualTo(1);
    }

    @Test
    void aKeyThatChangesKindBetweenPassesIsReportedAsTheLastPassFoundIt() throws Exception {
        MemorySide[] s = equalSides();
        s[1].put(TAG, tagKey(8), tag("stale", 8));
        s[1].onPass = () -> s[1].remove(TAG, tagKey(8));
        Verification.Result r = verify(s[0], s[1], SETTINGS, new AtomicInteger());
        assertThat(r.entities().get("tag").keys(Verification.Kind.MISSING)).containsExactly(tagKey(8));
        assertThat(r.differing()).isZero();
    }

    @Test
    void entitiesWithoutAnIntegerKeyAreBucketedAndStillNamed() throws Exception {
        MemorySide origin = new MemorySide();
        MemorySide mirror = new MemorySide();
        for (int i = 1; i <= 20; i++) {
            origin.put(USER, Map.of("user_ref", "" + i), Map.of("username", "u" + i));
            mirror.put(USER, Map.of("user_ref", "" + i), Map.of("username", "u" + i));
        }
        mirror.put(USER, Map.of("user_ref", "21"), Map.of("username", "ghost"));
        Verification.Result r = verify(origin, mirror, new Verification.Settings(10, 0, Duration.ZERO, 20, 1000),
                new AtomicInteger());
        assertThat(r.entities().get("user").keys(Verification.Kind.EXTRA)).containsExactly(Map.of("user_ref", "21"));
        assertThat(origin.reads).containsExactly("tag all", "user all", "user all");
    }

    @Test
    void theReportNamesAtMostTheKeysShownAndCountsTheRest() throws Exception {
        MemorySide[] s = equalSides();
        for (int i = 1; i <= 5; i++) {
            s[1].remove(TAG, tagKey(i));
        }
        Verification.Result r = verify(s[0], s[1], SETTINGS, new AtomicInteger());
        String report = r.report("mirror");
        assertThat(report).contains("missing {tag_id=1}", "missing {tag_id=2}", "... and 3 more missing")
                .doesNotContain("missing {tag_id=3}");
        assertThat(report).containsPattern("tag +50 +45 +5 +0 +0 +DIFFERENT");
    }

    @Test
    void keysBeyondTheLimitAreCountedButNotHeld() throws Exception {
        MemorySide[] s = equalSides();
        for (int i = 1; i <= 5; i++) {
            s[1].remove(TAG, tagKey(i));
        }
        Verification.Result r = verify(s[0], s[1], new Verification.Settings(10, 1, Duration.ZERO, 20, 3),
                new AtomicInteger());
        assertThat(r.lost()).isEqualTo(5);
        assertThat(r.entities().get("tag").keys(Verification.Kind.MISSING)).hasSize(3);
        assertThat(r.report("mirror")).contains("2 more missing found once, over the limit of keys held");
    }

    @Test
    void fileListsCompareByTheirFilesInOrder() throws Exception {
        List<FileEntry> files = List.of(new FileEntry("01 - Intro.flac", 31_457_280L), new FileEntry("rip.log", 4096L));
        Map<String, Object> key = Map.of("release_id", 1L);
        Map<String, Object> atOrigin = new LinkedHashMap<>();
        atOrigin.put("files", files);
        // As the mirror side decodes the jsonb PostgreSQL returns.
        Map<String, Object> sameFiles = new LinkedHashMap<>();
        sameFiles.put("files", WireFormat.decodeFileList("[{\"path\": \"01 - Intro.flac\", \"size_bytes\": 31457280}, "
                + "{\"path\": \"rip.log\", \"size_bytes\": 4096}]"));
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("files", List.of(files.get(1), files.get(0)));

        Verification.Result same = new Verification(new MemorySide().put(RELEASE, key, atOrigin),
                new MemorySide().put(RELEASE, key, sameFiles), List.of(RELEASE), SETTINGS, Optional::empty, d -> { })
                .run();
        assertThat(same.equal()).as(same.report("mirror")).isTrue();

        Verification.Result differs = new Verification(new MemorySide().put(RELEASE, key, atOrigin),
                new MemorySide().put(RELEASE, key, reordered), List.of(RELEASE), SETTINGS, Optional::empty, d -> { })
                .run();
        assertThat(differs.entities().get("release").differences()).singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(Verification.Kind.DIFFERING))
                .extracting(Verification.Difference::detail).asString().startsWith("files: origin");
    }

    @Test
    void theComparedEntitiesLeaveOutThoseOnlyExcludedTablesPublish() {
        Translator translator = new Translator(new TranslatorSettings("o", GazelleVariant.WHATCD,
                UserReferences.none(), false));
        Set<String> tables = new HashSet<>(translator.capturedColumns().keySet());
        tables.remove("collages");
        List<String> entities = new Verification.Origin(translator, tables, () -> OriginLookup.NONE).entities()
                .stream().map(EntityType::name).toList();
        assertThat(entities).doesNotContain("collage").contains("release", "collage_release_group");
        assertThat(Verification.Origin.of(translator, () -> OriginLookup.NONE).entities()).hasSize(
                NeutralSchema.entities().size());
        assertThat(Verification.Origin.of(translator, () -> OriginLookup.NONE).name()).isEqualTo("o");
        assertThatThrownBy(() -> new Verification.Origin(translator, Set.of("users_main", "pm_messages"),
                () -> OriginLookup.NONE)).hasMessage("tables pm_messages, users_main are not ones the translator maps");
    }

    @Test
    void singlePassSettingsReadNoChunkAgain() throws Exception {
        MemorySide[] s = equalSides();
        s[1].remove(TAG, tagKey(3));
        Verification.Result r = verify(s[0], s[1], Verification.Settings.SINGLE_PASS, new AtomicInteger());
        assertThat(r.rechecks()).isZero();
        assertThat(r.lost()).isEqualTo(1);
        assertThat(Verification.Settings.SINGLE_PASS.chunkSize()).isEqualTo(Verification.Settings.DEFAULTS.chunkSize());
    }

    @Test
    void rowHashesAreCanonicalAndChunkSumsOrderIndependent() {
        Map<String, Object> p1 = new LinkedHashMap<>();
        p1.put("name", null);
        p1.put("tag_type", "other");
        p1.put("uses", 3L);
        Map<String, Object> p2 = new LinkedHashMap<>(p1);
        p2.put("name", "");
        assertThat(RowHash.of(TAG, Map.of("tag_id", 1), p1)).isEqualTo(RowHash.of(TAG, Map.of("tag_id", 1L), p1));
        assertThat(RowHash.of(TAG, tagKey(1), p1)).isNotEqualTo(RowHash.of(TAG, tagKey(1), p2));
        assertThat(RowHash.of(TAG, tagKey(1), p1)).isNotEqualTo(RowHash.of(TAG, tagKey(2), p1));
        RowHash.Hash a = RowHash.of(TAG, tagKey(1), p1);
        RowHash.Hash b = RowHash.of(TAG, tagKey(2), p2);
        assertThat(RowHash.Sum.EMPTY.plus(a).plus(b)).isEqualTo(RowHash.Sum.EMPTY.plus(b).plus(a));
        assertThat(RowHash.Sum.EMPTY.plus(a).plus(b).count()).isEqualTo(2);
        // Timestamps hash by their value, not by the object that carries it.
        EntityType forum = NeutralSchema.COLLAGE_ARTIST;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("sort", 1L);
        entry.put("added_at", LocalDateTime.of(2020, 1, 2, 3, 4, 5));
        Map<String, Object> later = new LinkedHashMap<>(entry);
        later.put("added_at", LocalDateTime.of(2020, 1, 2, 3, 4, 6));
        Map<String, Object> key = Map.of("collage_id", 1L, "artist_id", 2L);
        assertThat(RowHash.of(forum, key, entry)).isNotEqualTo(RowHash.of(forum, key, later));
    }

    @Test
    void chunksAreRangesOfTheFirstIntegerKeyField() {
        Chunking credits = Chunking.of(NeutralSchema.RELEASE_GROUP_ARTIST, 100);
        assertThat(credits.field()).isEqualTo("release_group_id");
        assertThat(credits.chunkOf(Map.of("release_group_id", 250L, "alias_id", 1L, "role", "main"))).isEqualTo(2);
        assertThat(credits.range(2)).isEqualTo(new Chunking.Range("release_group_id", 200, 300));
        assertThat(credits.chunkOf(Map.of("release_group_id", -1L, "alias_id", 1L, "role", "main"))).isEqualTo(-1);
        Chunking users = Chunking.of(USER, 100);
        assertThat(users.ranged()).isFalse();
        assertThat(users.chunkOf(Map.of("user_ref", "42"))).isBetween(0L, (long) Chunking.BUCKETS - 1);
        // Every entity but user has an integer key field to cut ranges by.
        assertThat(NeutralSchema.entities().stream().filter(e -> !Chunking.of(e, 10).ranged())
                .map(EntityType::name)).containsExactly("user");
    }
}
