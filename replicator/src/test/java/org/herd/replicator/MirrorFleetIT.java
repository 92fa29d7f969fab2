package org.herd.replicator;

import org.herd.testkit.Jdbc;
import org.herd.testkit.TestRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.herd.embedded.EmbeddedKafka;
import org.herd.translator.NeutralRecord;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.Test;

/**
 * Mirrors as the demo runs them: several in one JVM following one origin, a Kafka restart under
 * their feet, and a larger stream whose apply rate is printed.
 */
class MirrorFleetIT {

    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private static List<NeutralRecord> catalogue(String origin, int rows, long seed) {
        List<NeutralRecord> records = new ArrayList<>();
        long pos = 4;
        List<EntityType> entities = List.of(NeutralSchema.RELEASE_GROUP, NeutralSchema.RELEASE, NeutralSchema.TAG);
        for (int version = 1; version <= 2; version++) {
            for (EntityType e : entities) {
                for (long id = 1; id <= rows; id++) {
                    records.add(TestRecords.upsert(origin, e, id, id * 10 + version, TestRecords.at(pos++)));
                }
            }
        }
        Collections.shuffle(records, new Random(seed));
        return records;
    }

    private static boolean caughtUp(MirrorHarness h, int sent) {
        return h.count("SELECT coalesce(sum(next_offset), 0) FROM herd.consumer_offset") == sent;
    }

    /** Everything but applied_at, in key order, bytes as hex, so that two mirrors can be compared. */
    private static List<Map<String, Object>> content(MirrorHarness h, String table) {
        List<Map<String, Object>> rows = h.query("SELECT * FROM herd." + table + " ORDER BY 1, 2");
        rows.forEach(r -> {
            r.remove("applied_at");
            r.replaceAll((column, v) -> v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v);
        });
        return rows;
    }

    @Test
    void twoMirrorsInOneJvmFollowTheSameOriginToTheSameState() {
        MirrorHarness a = new MirrorHarness(ItServers.kafka(), ItServers.postgres(), "twinA").withTopics(3);
        MirrorHarness b = a.sibling("twinB");
        try (a; b) {
            List<NeutralRecord> records = catalogue(a.origin, 1_000, 5);
            a.startMirror();
            b.startMirror();
            a.send(records.subList(0, 3_000));
            b.stopMirror();
            a.send(records.subList(3_000, records.size()));
            b.startMirror();

            await().atMost(PATIENCE).until(() -> caughtUp(a, records.size()) && caughtUp(b, records.size()));
            for (String table : List.of("release_group", "release", "tag")) {
                assertThat(content(b, table)).as(table).hasSize(1_000).isEqualTo(content(a, table));
            }
        }
    }

    @Test
    void kafkaOutageIsWaitedOut() {
        // A broker of its own: restarting the shared one would disturb other tests.
        EmbeddedKafka kafka = EmbeddedKafka.start(null);
        try (MirrorHarness h = new MirrorHarness(kafka, ItServers.postgres(), "kafkaRestart").withTopics(2)
                .withProperty("herd.mirror.batch-size=100")) {
            List<NeutralRecord> records = catalogue(h.origin, 500, 6);
            List<NeutralRecord> first = records.subList(0, records.size() / 2);
            h.send(first);
            h.startMirror();
            await().atMost(PATIENCE).until(() -> caughtUp(h, first.size()));

            kafka.stop();
            // The mirror says once that Kafka is gone (counted as a failure) and keeps waiting.
            await().atMost(PATIENCE).until(() -> h.progress().failures() >= 1);
            kafka.restart();
            h.send(records.subList(first.size(), records.size()));

            await().atMost(PATIENCE).until(() -> caughtUp(h, records.size()));
            // Every row at its second version: integer payload fields hold id * 10 + version.
            assertThat(h.count("SELECT count(*) FROM herd.release_group WHERE year = release_group_id * 10 + 2"))
                    .isEqualTo(500);
            assertThat(h.count("SELECT count(*) FROM herd.release WHERE file_count = release_id * 10 + 2"))
                    .isEqualTo(500);
            assertThat(h.count("SELECT count(*) FROM herd.tag WHERE uses = tag_id * 10 + 2")).isEqualTo(500);
            for (String table : List.of("release_group", "release", "tag")) {
                assertThat(h.count("SELECT count(*) FROM herd." + table)).as(table).isEqualTo(500);
            }
        } finally {
            kafka.close();
        }
    }

    @Test
    void applyRate() {
        int rows = 20_000;
        MirrorHarness h = new MirrorHarness(ItServers.kafka(), ItServers.postgres(), "rate").withTopics(3);
        try (h) {
            List<NeutralRecord> records = catalogue(h.origin, rows, 7);
            h.send(records);

            long started = System.nanoTime();
            h.startMirror();
            await().atMost(PATIENCE).until(() -> caughtUp(h, records.size()));
            double seconds = (System.nanoTime() - started) / 1e9;

            MirrorProgress p = h.progress();
            System.out.printf("herd-mirror apply rate: %d records (%d applied, %d not newer) in %.1f s including "
                    + "start-up = %.0f records/s%n", records.size(), p.applied(), p.notNewer(), seconds,
                    records.size() / seconds);
            // The shuffle puts half the first versions after their row's second: those are refused as stale.
            assertThat(p.applied() + p.notNewer() + p.rejected()).isEqualTo(records.size());
            assertThat(p.rejectedByReason().keySet()).containsOnly("stale");
            assertThat(h.count("SELECT count(*) FROM herd.release")).isEqualTo(rows);
        }
    }
}
