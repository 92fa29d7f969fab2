package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.herd.testkit.TestRecords;
import org.herd.translator.NeutralRecord;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The apply loop overlaps the triage of the next poll with the apply of the one before; these are
 * the guarantees that overlap must not loosen, checked against real Kafka and PostgreSQL through a
 * store that records every batch it is given and fails one of them: batches reach PostgreSQL in
 * the order they were polled and one at a time; Kafka's committed offsets never run ahead of what
 * PostgreSQL holds; and a batch triaged while the one before it was failing is never applied (the
 * loop starts again from the offsets PostgreSQL holds, so the next batch applied begins exactly
 * where the failed one began).
 */
class ApplyPipelineIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The apply that fails: late enough for the loop to have polled ahead of it. */
    private static final int FAILING_APPLY = 5;

    private MirrorHarness harness;
    private MirrorApplier applier;

    @AfterEach
    void close() {
        if (applier != null) {
            applier.stop();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void batchesAreAppliedInPollOrderCommittedAfterPostgresAndNoneTriagedAfterAFailureIsApplied() throws Exception {
        MirrorHarness h = harness = new MirrorHarness("pipeline").withoutVerification().withTopics(2);
        FluentConfiguration flyway = Flyway.configure().dataSource(h.db);
        new MirrorConfiguration().herdMirrorFlywaySchema().customize(flyway);
        flyway.load().migrate();
        EntityType entity = NeutralSchema.entities().get(0);
        List<NeutralRecord> records = new ArrayList<>();
        long pos = 4;
        for (int round = 1; round <= 2; round++) {
            for (long id = 1; id <= 500; id++) {
                records.add(TestRecords.upsert(h.origin, entity, id, id * 10 + round, TestRecords.at(pos++)));
            }
        }
        h.send(records);

        MirrorProperties properties = new MirrorProperties(h.origin, h.prefix,
                new MirrorProperties.Kafka(h.kafka.bootstrapServers(), h.groupId, Map.of("metadata.max.age.ms", "500")),
                50, Duration.ofMillis(100), new MirrorProperties.EmbeddedPostgres(false, null, 0), List.of(),
                MirrorProperties.Trust.off());
        try (Admin admin = h.kafka.admin()) {
            RecordingStore store = new RecordingStore(new JdbcMirrorStore(h.db,
                    MirrorSql.forEntities(NeutralSchema.entities()), h.groupId, h.origin), admin, h.groupId,
                    "herd-mirror-" + MirrorApplier.name(properties));
            applier = new MirrorApplier(properties, store, new MirrorProgress(), MirrorVerification.off(h.origin));
            applier.start();

            await().atMost(PATIENCE).until(() -> h.count("SELECT coalesce(sum(next_offset), 0) FROM"
                    + " herd.consumer_offset WHERE group_id = ?", h.groupId) == records.size());
            applier.stop();
            applier = null;

            assertThat(store.violations).isEmpty();
            assertThat(store.failed).as("the injected failure happened while the loop had polled past it").isTrue();
            // In poll order, none skipped, none twice: each partition's batches follow on from each
            // other. A batch triaged after the failed one and applied anyway would begin past the
            // offset PostgreSQL held, leaving a gap here.
            Map<TopicPartition, Long> expected = new HashMap<>();
            for (Map<TopicPartition, long[]> batch : store.applied) {
                batch.forEach((tp, range) -> {
                    assertThat(range[0]).as("first offset of a batch of " + tp + " in " + store.applied.stream()
                            .map(ApplyPipelineIT::describe).toList()).isEqualTo(expected.getOrDefault(tp, 0L));
                    expected.put(tp, range[1]);
                });
            }
            assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(records.size());
            assertThat(h.count("SELECT count(*) FROM herd." + entity.name())).isEqualTo(500);
            assertThat(h.count("SELECT count(*) FROM herd." + entity.name() + " WHERE src_pos < ?", 504L)).isZero();
        }
    }

    private static String describe(Map<TopicPartition, long[]> batch) {
        List<String> parts = new ArrayList<>();
        batch.forEach((tp, r) -> parts.add(tp.partition() + ":" + r[0] + ".." + r[1]));
        Collections.sort(parts);
        return String.join(",", parts);
    }

    /**
     * A store that records what it applies and checks the loop at every apply. Before each apply it
     * waits until the loop's thread waits for it, i.e. until the loop has polled and triaged what
     * follows, so that the next batch is in hand when this one fails.
     */
    private static final class RecordingStore implements MirrorStore {

        private final MirrorStore delegate;
        private final Admin admin;
        private final String groupId;
        private final String loopThread;
        private final AtomicBoolean applying = new AtomicBoolean();
        private final AtomicInteger calls = new AtomicInteger();
        /** Per batch applied, per partition: its first offset and the offset after it. */
        final List<Map<TopicPartition, long[]>> applied = Collections.synchronizedList(new ArrayList<>());
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        volatile boolean failed;

        RecordingStore(MirrorStore delegate, Admin admin, String groupId, String loopThread) {
            this.delegate = delegate;
            this.admin = admin;
            this.groupId = groupId;
            this.loopThread = loopThread;
        }

        @Override
        public Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions) {
            return delegate.storedOffsets(partitions);
        }

        @Override
        public void epochsRetiredBelow(long epoch) {
            delegate.epochsRetiredBelow(epoch);
        }

        @Override
        public BatchResult apply(MirrorBatch batch) {
            if (!applying.compareAndSet(false, true)) {
                violations.add("two batches applied at once");
            }
            try {
                int call = calls.incrementAndGet();
                boolean loopAhead = awaitLoopWaitingForApply();
                checkCommittedNotAhead(call);
                if (call == FAILING_APPLY) {
                    failed = loopAhead;
                    throw new MirrorStoreException("failure injected into apply " + call, null);
                }
                BatchResult result = delegate.apply(batch);
                Map<TopicPartition, long[]> ranges = new HashMap<>();
                for (IncomingRecord r : batch.records()) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    long[] range = ranges.computeIfAbsent(tp, k -> new long[] {Long.MAX_VALUE, 0});
                    range[0] = Math.min(range[0], r.offset());
                }
                batch.nextOffsets().forEach((tp, next) -> ranges.computeIfAbsent(tp,
                        k -> new long[] {next, 0})[1] = next);
                applied.add(ranges);
                return result;
            } finally {
                applying.set(false);
            }
        }

        /**
         * Waits until the loop's thread waits for this apply; true once it does. A loop that
         * never waits for it is left to the assertions on what was applied.
         */
        private boolean awaitLoopWaitingForApply() {
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> {
                    for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
                        if (t.getKey().getName().equals(loopThread) && t.getKey().getState() == Thread.State.WAITING
                                && Arrays.stream(t.getValue()).anyMatch(
                                        f -> f.getClassName().equals(ApplyStage.class.getName()))) {
                            return true;
                        }
                    }
                    return false;
                });
                return true;
            } catch (ConditionTimeoutException e) {
                return false;
            }
        }

        /** Kafka's committed offsets, which the loop commits, must not be ahead of PostgreSQL's. */
        private void checkCommittedNotAhead(int call) {
            Map<TopicPartition, OffsetAndMetadata> committed;
            try {
                committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            Map<TopicPartition, Long> stored = delegate.storedOffsets(committed.keySet());
            committed.forEach((tp, o) -> {
                if (o != null && o.offset() > stored.getOrDefault(tp, 0L)) {
                    violations.add("before apply " + call + ": Kafka has offset " + o.offset() + " of " + tp
                            + " committed, PostgreSQL holds " + stored.getOrDefault(tp, 0L));
                }
            });
        }
    }
}
