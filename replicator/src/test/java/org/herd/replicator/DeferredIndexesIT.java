package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.herd.embedded.EmbeddedKafka;
import org.herd.embedded.EmbeddedPostgres;
import org.herd.testkit.TestRecords;
import org.herd.translator.NeutralRecord;
import org.herd.translator.schema.NeutralSchema;
import org.herd.trust.BinlogPosition;
import org.herd.trust.Checkpoint;
import org.herd.trust.OriginSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first copy's deferred indexes ({@link DeferredIndexes}) on a real PostgreSQL: dropped and
 * recorded when the mirror starts empty, kept when it holds rows or the property says so, and
 * built again, exactly as they were, once the mirror has passed a checkpoint the origin issued
 * after its snapshot was complete, by the same replicator or by one started again.
 */
class DeferredIndexesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private final List<MirrorHarness> mirrors = new ArrayList<>();

    @BeforeAll
    static void servers() {
        EmbeddedKafka.shared();
        EmbeddedPostgres.shared();
    }

    @AfterEach
    void closeMirrors() {
        mirrors.forEach(MirrorHarness::close);
    }

    private MirrorHarness mirror(String name) {
        MirrorHarness h = new MirrorHarness(EmbeddedKafka.shared(), EmbeddedPostgres.shared(), name);
        mirrors.add(h);
        h.withTopics(1).withTrust(SignedTestRecords.write(dir, h.origin + "-root.json",
                SignedTestRecords.rootV1(h.origin)));
        return h;
    }

    /** Every index of the entity tables, by name, with its definition. */
    private static Map<String, String> indexes(MirrorHarness h) {
        Map<String, String> out = new TreeMap<>();
        String tables = NeutralSchema.entities().stream().map(e -> "'" + e.name() + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        for (Map<String, Object> row : h.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'herd'"
                + " AND tablename IN (" + tables + ")")) {
            out.put((String) row.get("indexname"), (String) row.get("indexdef"));
        }
        return out;
    }

    private static Map<String, String> deferred(MirrorHarness h) {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> row : h.query("SELECT name, definition FROM herd.deferred_index")) {
            out.put((String) row.get("name"), (String) row.get("definition"));
        }
        return out;
    }

    /** Entity tables whose autovacuum is off, as their storage parameters say. */
    private static List<String> autovacuumOff(MirrorHarness h) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> row : h.query("SELECT c.relname FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = 'herd' AND c.relkind = 'r'"
                + " AND 'autovacuum_enabled=false' = ANY (coalesce(c.reloptions, '{}')) ORDER BY c.relname")) {
            out.add((String) row.get("relname"));
        }
        return out;
    }

    private static List<String> entityTables() {
        return NeutralSchema.entities().stream().map(e -> e.name()).sorted().toList();
    }

    private static List<NeutralRecord> artists(MirrorHarness h, int from, int to) {
        List<NeutralRecord> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(TestRecords.artist(h.origin, i, "Artist " + i, TestRecords.at(i)));
        }
        return out;
    }

    /**
     * A checkpoint at {@code pos}: one the origin issues while its snapshot runs, or, with
     * {@code afterSnapshot}, one of those it issues after the checkpoint that closed its snapshot
     * (the only kind a late mirror reading the compacted topic may see), which supersedes earlier
     * epochs and does not say snapshot_complete.
     */
    private static void sendCheckpoint(MirrorHarness h, OriginSigner signer, long pos, boolean afterSnapshot) {
        Checkpoint cp = new Checkpoint(h.origin, 1, new BinlogPosition(TestRecords.BINLOG, pos, 0, 0),
                false, 1_700_000_000_000L + pos, new TreeMap<>(), afterSnapshot);
        h.sendSigned(SignedTestRecords.checkpoint(h.prefix + "._checkpoints", signer, cp));
    }

    private static long results(MirrorHarness h) {
        return h.count("SELECT count(*) FROM herd.checkpoint_result");
    }

    @Test
    void deferredOnAnEmptyMirrorAndBuiltAsTheyWereOnceTheFirstCopyIsComplete() throws Exception {
        // What a mirror keeping its indexes holds: the reference.
        MirrorHarness kept = mirror("keptidx").withProperty("herd.mirror.first-copy.defer-indexes=false");
        kept.startMirror();
        Map<String, String> reference = indexes(kept);
        assertThat(deferred(kept)).isEmpty();
        assertThat(reference).containsKeys("release_files_fts", "release_group_browse_key", "artist_pkey");

        MirrorHarness h = mirror("defer");
        h.startMirror();
        Map<String, String> deferred = deferred(h);
        Map<String, String> left = indexes(h);
        assertThat(deferred).containsKeys("release_files_fts", "release_group_name_trgm", "release_group_browse_key",
                "release_browse_group", "comment_page");
        // Primary keys stay: the upsert's ON CONFLICT and COPY's unique violation need them.
        assertThat(left).isNotEmpty().allSatisfy((name, def) -> assertThat(def).startsWith("CREATE UNIQUE INDEX"));
        assertThat(left.keySet()).doesNotContainAnyElementsOf(deferred.keySet());
        Map<String, String> together = new TreeMap<>(left);
        together.putAll(deferred);
        assertThat(together).isEqualTo(reference);
        assertThat(MirrorStatus.deferredIndexes(h.db)).isEqualTo(deferred.size());
        assertThat(h.startedMirror().getBean(DeferredIndexes.class).deferred()).isEqualTo(deferred.size());
        // Autovacuum is off for every entity table while the first copy fills them, and recorded.
        assertThat(autovacuumOff(h)).isEqualTo(entityTables());
        assertThat(h.count("SELECT count(*) FROM herd.paused_autovacuum")).isEqualTo(entityTables().size());
        assertThat(autovacuumOff(kept)).isEmpty();

        // Rows and a checkpoint taken while the origin's snapshot was still running: not complete.
        OriginSigner signer = SignedTestRecords.signer(h.origin, 1);
        h.sendSigned(SignedTestRecords.sign(h.prefix, signer, artists(h, 1, 100)));
        sendCheckpoint(h, signer, 100, false);
        await().atMost(PATIENCE).until(() -> results(h) == 1);
        h.stopMirror();
        assertThat(deferred(h)).isEqualTo(deferred);
        assertThat(h.count("SELECT count(*) FROM herd.artist")).isEqualTo(100);
        assertThat(autovacuumOff(h)).isEqualTo(entityTables());

        // Started again on a mirror holding rows, with indexes deferred: still deferred, and built
        // once it has passed a checkpoint issued after the snapshot was complete.
        h.startMirror();
        assertThat(h.startedMirror().getBean(DeferredIndexes.class).deferred()).isEqualTo(deferred.size());
        h.sendSigned(SignedTestRecords.sign(h.prefix, signer, artists(h, 101, 200)));
        sendCheckpoint(h, signer, 200, true);
        await().atMost(PATIENCE).until(() -> deferred(h).isEmpty());
        assertThat(indexes(h)).isEqualTo(reference);
        await().atMost(PATIENCE).until(() -> h.startedMirror().getBean(DeferredIndexes.class).deferred() == 0);
        assertThat(MirrorStatus.deferredIndexes(h.db)).isZero();
        // Turned on again in the transaction that found no index left to build.
        assertThat(autovacuumOff(h)).isEmpty();
        assertThat(h.count("SELECT count(*) FROM herd.paused_autovacuum")).isZero();
        assertThat(h.count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'herd' AND c.relname = 'release' AND c.reloptions IS NOT NULL")).isZero();
        // The tables the first copy filled were analysed by the replicator, not left to autovacuum
        // (last_analyze is set by ANALYZE only; autovacuum's goes to last_autoanalyze).
        await().atMost(PATIENCE).until(() -> h.count("SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = 'herd'"
                + " AND relname = 'artist' AND last_analyze IS NOT NULL") == 1);

        // The mirror goes on applying with its indexes back.
        h.sendSigned(SignedTestRecords.sign(h.prefix, signer, artists(h, 201, 210)));
        await().atMost(PATIENCE).until(() -> h.count("SELECT count(*) FROM herd.artist") == 210);
        assertThat(indexes(h)).isEqualTo(reference);
    }

    @Test
    void theGinIndexesAreBuiltBeforeTheBTrees() {
        MirrorHarness h = mirror("ginfirst");
        h.startMirror();
        Map<String, String> deferred = deferred(h);
        h.stopMirror();
        assertThat(deferred.values()).anyMatch(d -> d.contains(" USING gin ")).anyMatch(d -> d.contains(" USING btree "));

        DeferredIndexes.build(h.db, "ginfirst", 1, tables -> { });

        // PostgreSQL numbers the indexes it creates in the order it creates them.
        String names = deferred.keySet().stream().map(n -> "'" + n + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        List<String> methods = new ArrayList<>();
        for (Map<String, Object> row : h.query("SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'herd' AND c.relname IN (" + names
                + ") ORDER BY c.oid")) {
            methods.add((String) row.get("amname"));
        }
        assertThat(methods).hasSize(deferred.size());
        int firstBTree = methods.indexOf("btree");
        assertThat(methods.subList(0, firstBTree)).isNotEmpty().containsOnly("gin");
        assertThat(methods.subList(firstBTree, methods.size())).containsOnly("btree");
    }

    @Test
    void restartedAfterPassingACompleteSnapshotBuildsAtOnce() {
        MirrorHarness h = mirror("atonce");
        h.startMirror();
        int deferred = deferred(h).size();
        assertThat(deferred).isPositive();
        h.stopMirror();
        // As a replicator stopped between comparing a complete snapshot's checkpoint and building
        // the indexes leaves it.
        h.execute("INSERT INTO herd.checkpoint_result (origin, checkpoint_position, snapshot_complete, issued_at,"
                + " result, summary) VALUES ('" + h.origin + "', 'e1:mysql-bin.000001:5/0#0', true, now(), 'complete',"
                + " 'complete at e1:mysql-bin.000001:5/0#0')");
        h.startMirror();
        await().atMost(PATIENCE).until(() -> deferred(h).isEmpty());
        assertThat(indexes(h)).containsKeys("release_files_fts", "release_group_browse_key");
    }

    @Test
    void nothingDeferredOnAMirrorHoldingRowsOrWhenThePropertySaysSo() {
        MirrorHarness h = mirror("holding").withProperty("herd.mirror.first-copy.defer-indexes=false");
        h.startMirror();
        assertThat(deferred(h)).isEmpty();
        OriginSigner signer = SignedTestRecords.signer(h.origin, 1);
        h.sendSigned(SignedTestRecords.sign(h.prefix, signer, artists(h, 1, 3)));
        await().atMost(PATIENCE).until(() -> h.count("SELECT count(*) FROM herd.artist") == 3);
        Map<String, String> before = indexes(h);
        h.stopMirror();

        // Default property, but the mirror holds rows: a first copy is over, nothing is dropped.
        MirrorHarness again = h.withoutProperty("herd.mirror.first-copy.defer-indexes=false");
        again.startMirror();
        assertThat(deferred(h)).isEmpty();
        assertThat(autovacuumOff(h)).isEmpty();
        assertThat(indexes(h)).isEqualTo(before);
        assertThat(h.startedMirror().getBean(DeferredIndexes.class).deferred()).isZero();
    }

    @Test
    void anAutovacuumSettingChosenBeforeTheFirstCopyIsLeftAsItWas() {
        MirrorHarness h = mirror("ownvacuum").withProperty("herd.mirror.first-copy.defer-indexes=false");
        h.startMirror();
        h.stopMirror();
        h.execute("ALTER TABLE herd.forum_post SET (autovacuum_enabled = true)");

        // Still empty: this start defers, and pauses autovacuum for every table but that one.
        MirrorHarness again = h.withoutProperty("herd.mirror.first-copy.defer-indexes=false");
        again.startMirror();
        assertThat(deferred(h)).isNotEmpty();
        List<String> others = new ArrayList<>(entityTables());
        others.remove("forum_post");
        assertThat(autovacuumOff(h)).isEqualTo(others);

        OriginSigner signer = SignedTestRecords.signer(h.origin, 1);
        h.sendSigned(SignedTestRecords.sign(h.prefix, signer, artists(h, 1, 3)));
        sendCheckpoint(h, signer, 3, true);
        await().atMost(PATIENCE).until(() -> deferred(h).isEmpty());
        await().atMost(PATIENCE).until(() -> autovacuumOff(h).isEmpty());
        assertThat(h.count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'herd' AND c.relname = 'forum_post'"
                + " AND c.reloptions = '{autovacuum_enabled=true}'")).isEqualTo(1);
    }

    @Test
    void aReplicatorStoppedRightAfterItsFirstCopyLeavesItsTablesAnalysed() {
        MirrorHarness h = mirror("stopanalysed");
        h.startMirror();
        // Rows of another origin, written behind the replicator's back, so that analysing the
        // table takes long enough to be under way when the replicator is stopped.
        h.execute("INSERT INTO herd.artist (origin, artist_id, name, src_file_seq, src_pos, src_event, src_row)"
                + " SELECT 'elsewhere', i, repeat(md5(i::text), 16), 1, i, 0, 0 FROM generate_series(1, 200000) AS i");
        OriginSigner signer = SignedTestRecords.signer(h.origin, 1);
        h.sendSigned(SignedTestRecords.sign(h.prefix, signer, artists(h, 1, 3)));
        sendCheckpoint(h, signer, 3, true);
        // Autovacuum is turned on again in the transaction that finds every index built, just
        // before the statistics are gathered on a thread of their own: stopped at once, the
        // replicator waits for them.
        await().atMost(PATIENCE).until(() -> autovacuumOff(h).isEmpty());
        h.stopMirror();
        assertThat(h.query("SELECT relname FROM pg_stat_user_tables WHERE schemaname = 'herd'"
                + " AND last_analyze IS NOT NULL ORDER BY relname").stream().map(r -> (String) r.get("relname"))
                .filter(entityTables()::contains).toList()).isEqualTo(entityTables());
    }

    @Test
    void aPendingMigrationFindsTheDeferredIndexesBuilt() {
        MirrorHarness h = mirror("migrate");
        h.startMirror();
        Map<String, String> deferred = deferred(h);
        assertThat(deferred).containsKey("release_files_fts");
        OriginSigner signer = SignedTestRecords.signer(h.origin, 1);
        h.sendSigned(SignedTestRecords.sign(h.prefix, signer, artists(h, 1, 3)));
        await().atMost(PATIENCE).until(() -> h.count("SELECT count(*) FROM herd.artist") == 3);
        h.stopMirror();

        // A later migration that names a deferred index (db/deferred-test/V1000__names_an_index.sql).
        h.withProperty("spring.flyway.locations=classpath:db/migration,classpath:db/deferred-test");
        h.startMirror();
        assertThat(h.count("SELECT count(*) FROM herd.flyway_schema_history WHERE version = '1000' AND success"))
                .isEqualTo(1);
        assertThat(deferred(h)).isEmpty();
        assertThat(indexes(h)).containsKeys(deferred.keySet().toArray(String[]::new));
        assertThat(indexes(h).get("release_files_fts")).isEqualTo(deferred.get("release_files_fts"));
    }
}
