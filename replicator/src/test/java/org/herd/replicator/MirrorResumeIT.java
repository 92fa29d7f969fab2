package org.herd.replicator;

import org.herd.testkit.Jdbc;
import org.herd.testkit.TestRecords;
import org.herd.embedded.EmbeddedPostgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping and starting a mirror, losing its database connection or its Kafka offsets: the final
 * state is always the origin's, every row exactly once.
 */
class MirrorResumeIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final List<EntityType> ENTITIES =
            List.of(NeutralSchema.ARTIST, NeutralSchema.RELEASE, NeutralSchema.RELEASE_GROUP_TAG);

    private MirrorHarness mirror;

    @AfterEach
    void closeMirror() {
        if (mirror != null) {
            mirror.close();
        }
    }

    /**
     * A history of {@code keys} rows per entity: every row inserted, updated once, a tenth of them
     * deleted, in one binlog order; sent shuffled across partitions as Kafka may deliver them.
     */
    private static List<NeutralRecord> history(String origin, int keys, long seed) {
        List<NeutralRecord> records = new ArrayList<>();
        long pos = 4;
        for (int round = 1; round <= 3; round++) {
            for (EntityType e : ENTITIES) {
                for (long id = 1; id <= keys; id++) {
                    if (round < 3) {
                        records.add(TestRecords.upsert(origin, e, id, id * 10 + round, TestRecords.at(pos++)));
                    } else if (id % 10 == 0) {
                        records.add(TestRecords.delete(origin, e, id, TestRecords.at(pos++)));
                    }
                }
            }
        }
        Collections.shuffle(records, new Random(seed));
        return records;
    }

    /** What the mirror must end with: per entity and key, the record with the highest position. */
    private static Map<String, Map<List<Object>, NeutralRecord>> finalState(List<NeutralRecord> records) {
        Map<String, Map<List<Object>, NeutralRecord>> state = new LinkedHashMap<>();
        for (NeutralRecord r : records) {
            state.computeIfAbsent(r.entity(), e -> new LinkedHashMap<>())
                    .merge(new ArrayList<>(r.key().values()), r,
                            (a, b) -> b.position().isAfter(a.position()) ? b : a);
        }
        return state;
    }

    private static void assertMirrorHolds(MirrorHarness h, List<NeutralRecord> records) {
        Map<String, Map<List<Object>, NeutralRecord>> expected = finalState(records);
        for (EntityType e : ENTITIES) {
            Map<List<Object>, Map<String, Object>> rows = h.rows(e);
            Map<List<Object>, NeutralRecord> want = expected.get(e.name());
            assertThat(h.count("SELECT count(*) FROM herd." + e.name())).as(e.name()).isEqualTo(want.size());
            assertThat(rows.keySet()).as(e.name()).containsExactlyInAnyOrderElementsOf(want.keySet());
            want.forEach((key, r) -> {
                Map<String, Object> row = rows.get(key);
                assertThat(row.get("src_pos")).as(r.describe()).isEqualTo(r.position().pos());
                assertThat(row.get("deleted")).as(r.describe()).isEqualTo(r.op() == Operation.DELETE);
                e.payloadFields().forEach(f -> assertThat(row.get(f.name())).as(r.describe() + " " + f.name())
                        .isEqualTo(r.op() == Operation.DELETE ? null : r.payload().get(f.name())));
            });
        }
    }

    private static boolean offsetsCoverEverything(MirrorHarness h, int sent) {
        return h.count("SELECT coalesce(sum(next_offset), 0) FROM herd.consumer_offset WHERE group_id = ?",
                h.groupId) == sent;
    }

    @Test
    void stoppedMidStreamAndStartedAgainEndsInTheOriginsState() {
        MirrorHarness h = mirror = new MirrorHarness("restart")
                .withTopics(3)
                .withProperty("herd.mirror.batch-size=200");
        List<NeutralRecord> records = history(h.origin, 2_000, 1);
        int third = records.size() / 3;
        h.send(records.subList(0, third));

        h.startMirror();
        await().atMost(PATIENCE).until(() -> h.progress().applied() >= 1_000);
        // Stop while records keep arriving: most likely with a batch in flight, certainly before the end.
        h.send(records.subList(third, 2 * third));
        h.stopMirror();
        h.send(records.subList(2 * third, records.size()));
        assertThat(offsetsCoverEverything(h, records.size())).as("stopped before the end").isFalse();

        h.startMirror();
        await().atMost(PATIENCE).until(() -> offsetsCoverEverything(h, records.size()));

        assertMirrorHolds(h, records);
    }

    @Test
    void postgresNotKafkaHoldsTheResumePoint() throws Exception {
        MirrorHarness h = mirror = new MirrorHarness("offsets")
                .withTopics(2);
        List<NeutralRecord> records = history(h.origin, 300, 2);
        h.send(records);
        h.startMirror();
        await().atMost(PATIENCE).until(() -> offsetsCoverEverything(h, records.size()));
        h.stopMirror();
        try (Admin admin = h.kafka.admin()) {
            admin.deleteConsumerGroups(List.of(h.groupId)).all().get();
        }

        h.startMirror();
        NeutralRecord marker = TestRecords.artist(h.origin, 1_000_000, "marker", TestRecords.at(1_000_000));
        h.send(marker);
        await().atMost(PATIENCE).until(() -> h.progress().applied() == 1);

        // Had the mirror resumed from the (deleted) Kafka offsets it would have re-read everything
        // from the beginning: every record would have been counted as not newer.
        assertThat(h.progress().notNewer()).isZero();
        assertThat(h.progress().quarantined()).isZero();
        List<NeutralRecord> all = new ArrayList<>(records);
        all.add(marker);
        assertMirrorHolds(h, all);
    }

    @Test
    void freshDatabaseReadsEverythingWhateverKafkaCommitted() {
        MirrorHarness h = mirror = new MirrorHarness("fresh").withTopics(2);
        List<NeutralRecord> records = history(h.origin, 100, 3);
        h.send(records);
        h.startMirror();
        await().atMost(PATIENCE).until(() -> offsetsCoverEverything(h, records.size()));
        h.stopMirror();

        // The operator wipes the mirror's tables; the Kafka group still has its committed offsets.
        for (EntityType e : ENTITIES) {
            h.execute("TRUNCATE herd." + e.name());
        }
        h.execute("TRUNCATE herd.consumer_offset");

        h.startMirror();
        await().atMost(PATIENCE).until(() -> offsetsCoverEverything(h, records.size()));
        assertMirrorHolds(h, records);
    }

    @Test
    void postgresOutageIsWaitedOutWithoutLosingAnything() {
        MirrorHarness h = mirror = new MirrorHarness("outage")
                .withTopics(2)
                .withProperty("herd.mirror.batch-size=100")
                .withProperty("spring.datasource.hikari.connection-timeout=1000");
        List<NeutralRecord> records = history(h.origin, 500, 4);
        List<NeutralRecord> first = records.subList(0, records.size() / 2);
        List<NeutralRecord> second = records.subList(records.size() / 2, records.size());
        h.send(first);
        h.startMirror();
        await().atMost(PATIENCE).until(() -> offsetsCoverEverything(h, first.size()));

        postgresAdmin("ALTER DATABASE " + h.database + " ALLOW_CONNECTIONS false");
        postgresAdmin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + h.database + "'");
        h.send(second);
        await().atMost(PATIENCE).until(() -> h.progress().failures() >= 2);
        postgresAdmin("ALTER DATABASE " + h.database + " ALLOW_CONNECTIONS true");

        await().atMost(PATIENCE).until(() -> offsetsCoverEverything(h, records.size()));
        assertMirrorHolds(h, records);
    }

    /** Runs a statement as the superuser in the maintenance database, e.g. to cut a mirror off. */
    private static void postgresAdmin(String sql) {
        Jdbc.execute(EmbeddedPostgres.shared().dataSource("postgres"), sql);
    }
}
