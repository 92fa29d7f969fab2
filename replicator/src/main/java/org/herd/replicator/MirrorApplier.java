package org.herd.replicator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The apply loop: one thread that polls the mirror's topics and triages each poll, and one that
 * hands it to the {@link MirrorStore} as one transaction ({@link ApplyStage}). The two overlap: while
 * PostgreSQL writes one poll, the loop decodes and verifies the next. Batches are applied in the
 * order they were polled, one at a time, and one triaged after a batch that failed is dropped. On a
 * mirror that verifies, the same consumer reads the origin's trust roots ({@link TrustRootFollower})
 * and checkpoints ({@link CheckpointWatch}), and every record is verified before it can be applied
 * ({@link RecordTriage}).
 *
 * <p>PostgreSQL holds the resume point. When partitions are assigned, and after every failure,
 * each partition is positioned at the offset stored in PostgreSQL, or at its beginning if nothing
 * was ever applied from it (a fresh database must see the whole topic, whatever the Kafka group
 * has committed). Offsets are committed to Kafka as well, after PostgreSQL, for monitoring only.
 *
 * <p>A failure (PostgreSQL or Kafka unreachable) is logged in one line; the loop pauses its
 * partitions, backs off, and resumes from the stored offsets: a record is never skipped.
 */
public final class MirrorApplier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MirrorApplier.class);

    /** How long a poll waits for records while the loop is caught up and a batch is still being applied. */
    static final Duration CAUGHT_UP_POLL = Duration.ofMillis(10);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
    static final Duration KAFKA_UNREACHABLE_REPORT = Duration.ofSeconds(10);
    static final Duration FAILURE_REMINDER = Duration.ofMinutes(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final MirrorProperties properties;
    private final MirrorTopics topics;
    private final RecordTriage triage;
    private final MirrorStore store;
    private final MirrorProgress progress;
    private final MirrorVerification verification;
    private final DeferredIndexes deferredIndexes;
    /** Origin and group: several mirrors of one origin may share a JVM and its log. */
    private final String name;

    private final Object lifecycle = new Object();
    private Thread thread;
    private volatile boolean stopping;
    private volatile CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile Consumer<byte[], byte[]> consumer;

    public MirrorApplier(MirrorProperties properties, MirrorStore store, MirrorProgress progress,
            MirrorVerification verification) {
        this(properties, store, progress, verification, DeferredIndexes.none());
    }

    /** The loop of a mirror whose first copy may have deferred its indexes: it builds them when that copy is complete. */
    public MirrorApplier(MirrorProperties properties, MirrorStore store, MirrorProgress progress,
            MirrorVerification verification, DeferredIndexes deferredIndexes) {
        this.deferredIndexes = deferredIndexes;
        this.properties = properties;
        this.topics = new MirrorTopics(properties.topicPrefix());
        this.triage = new RecordTriage(properties.origin(), topics, verification.trust());
        this.store = store;
        this.progress = progress;
        this.verification = verification;
        this.name = name(properties);
    }

    /** How a mirror names itself in its log: origin and consumer group. */
    static String name(MirrorProperties properties) {
        return properties.origin() + "/" + properties.kafka().groupId();
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (thread != null) {
                return;
            }
            stopping = false;
            stopSignal = new CountDownLatch(1);
            thread = new Thread(this::run, "herd-mirror-" + name);
            thread.setDaemon(false);
            thread.start();
        }
    }

    /**
     * Stops the loop: a batch being applied is committed first, a poll in progress is woken up.
     * Returns when the loop has closed its consumer.
     */
    @Override
    public void stop() {
        Thread running;
        synchronized (lifecycle) {
            running = thread;
            if (running == null) {
                return;
            }
            stopping = true;
            stopSignal.countDown();
            Consumer<byte[], byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }
        try {
            running.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            log.warn("mirror {}: apply loop did not stop within {} s", name,
                    STOP_TIMEOUT.toSeconds());
        }
        synchronized (lifecycle) {
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lifecycle) {
            return thread != null;
        }
    }

    private void run() {
        log.info("mirror {}: consuming {} from {}", name, topics.describe(),
                properties.kafka().connection().describe());
        Failures failures = new Failures();
        while (!stopping) {
            Consumer<byte[], byte[]> c = null;
            try {
                c = new KafkaConsumer<>(consumerProperties());
                consumer = c;
                if (!stopping) {
                    new Loop(c, failures).run();
                }
            } catch (WakeupException e) {
                // stop() woke the consumer up; the loop condition ends the thread.
            } catch (RuntimeException e) {
                // Reached only when the consumer itself cannot be created or used, or on an
                // unexpected error: a new consumer starts over from the stored offsets.
                pause(failures.record("Kafka consumer failed (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + ")"));
            } finally {
                consumer = null;
                if (c != null) {
                    closeQuietly(c);
                }
            }
        }
        log.info("mirror {}: stopped; {}", name, progress.snapshot().describe());
    }

    /** The consumer's fetch.max.bytes unless the extra properties say otherwise. */
    static final int FETCH_MAX_BYTES = 8 * 1024 * 1024;
    /** The consumer's fetch.max.wait.ms unless the extra properties say otherwise. */
    static final int FETCH_MAX_WAIT_MS = 100;

    Properties consumerProperties() {
        Properties p = new Properties();
        // Defaults that the extra properties may override, e.g. to read topics discovered sooner.
        // A replicator that was killed comes back as a new group member; its partitions are handed
        // on only once the old member's session has expired. Kafka Connect's 10 s rather than the
        // consumer's 45 s keeps that pause short; the heartbeat stays at a third of it.
        // A fetch response is read whole into the heap, through a temporary direct buffer as large
        // that the JDK keeps for the thread: with the consumer's 50 MiB a late mirror reading a
        // backlog held about 100 MB of them. 8 MiB still holds a few batches.
        // A broker answers one request of a connection at a time, and holds a fetch that finds
        // nothing for fetch.max.wait.ms: the listing of the topics that tells whether the mirror has
        // passed a checkpoint waited behind it, half a second with the consumer's 500 ms, at the end
        // of every first copy. With data to read the broker answers at once, whatever the setting.
        Map<String, Object> defaults = Map.of(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "30000",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000",
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000",
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(FETCH_MAX_BYTES),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(FETCH_MAX_WAIT_MS));
        // The loop commits offsets in PostgreSQL with the rows (KafkaConnection turns Kafka's
        // commits off); these settings are not negotiable either.
        Map<String, Object> loop = Map.of(ConsumerConfig.GROUP_ID_CONFIG, properties.kafka().groupId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(properties.batchSize()));
        p.putAll(properties.kafka().connection().consumer(defaults, loop));
        return p;
    }

    static Duration backoff(int failures) {
        long ms = FIRST_BACKOFF.toMillis() << Math.min(Math.max(failures - 1, 0), 10);
        return Duration.ofMillis(Math.min(ms, MAX_BACKOFF.toMillis()));
    }

    /** Waits, returning early when the mirror is being stopped. */
    private void pause(Duration wait) {
        try {
            stopSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /**
     * One poll, triaged on the loop's thread and handed to the apply thread.
     *
     * @param batch       the entity records, verified and decoded; null when the poll held none
     * @param checkpoints the poll's checkpoints, read once the batch is applied
     * @param commit      the offsets after the poll, committed to Kafka once it is applied
     */
    private record Job(MirrorBatch batch, List<ConsumerRecord<byte[], byte[]>> checkpoints,
            Map<TopicPartition, OffsetAndMetadata> commit) {
    }

    /** A job applied, and what PostgreSQL did with its batch (null when it had none). */
    private record Applied(Job job, BatchResult result) {
    }

    /** One consumer's lifetime. */
    private final class Loop implements ConsumerRebalanceListener {

        private final Consumer<byte[], byte[]> consumer;
        private final Failures failures;
        /** Assigned partitions not yet positioned from PostgreSQL; paused until they are. */
        private final Set<TopicPartition> unpositioned = new HashSet<>();
        private MirrorProgress.Snapshot lastLogged = progress.snapshot();
        private long lastKafkaCheckMs;
        /** Since when the consumer has had no connection to any broker, or -1. */
        private long kafkaUnreachableSinceMs = -1;
        private boolean kafkaUnreachableReported;
        /** Whether the refused records a newer root may lift were checked since the mirror started. */
        private boolean startChecked;
        private final RejectLog rejectLog = new RejectLog();
        /** Applies the batches this loop triages, one at a time, while it polls and triages the next. */
        private final ApplyStage<Job, Applied> stage;
        /** Whether the last poll came back short of a full batch: the loop has read what its topics hold. */
        private boolean caughtUp;
        /** A failure of the batch in flight found while partitions changed hands; thrown once the poll returns. */
        private RuntimeException rebalanceFailure;

        Loop(Consumer<byte[], byte[]> consumer, Failures failures) {
            this.consumer = consumer;
            this.failures = failures;
            this.stage = new ApplyStage<>("herd-apply-" + name, this::apply);
        }

        void run() {
            try {
                consumer.subscribe(topics.pattern(verification.verifying()), this);
                while (!stopping) {
                    try {
                        checkRefusedAtStart();
                        positionFromStore();
                        // Caught up with a batch still being applied: a short poll, so that what
                        // waits for the batch (the first copy's indexes, the checkpoints) does not
                        // also wait out a poll that finds nothing.
                        ConsumerRecords<byte[], byte[]> polled = consumer.poll(
                                caughtUp && stage.busy() ? CAUGHT_UP_POLL : properties.pollTimeout());
                        throwIfRebalanceFoundAFailure();
                        caughtUp = polled.count() < properties.batchSize();
                        Job next = polled.isEmpty() ? null : prepare(polled);
                        settle();
                        afterApplied(next == null);
                        if (next != null && !stopping) {
                            stage.submit(next);
                        }
                        watchKafka();
                    } catch (WakeupException e) {
                        if (!stopping) {
                            throw e;
                        }
                    } catch (MirrorStoreException | org.apache.kafka.common.KafkaException e) {
                        // What was triaged since is dropped; the batch in flight, if any, ends first, so
                        // that the stored offsets read when positioning again are final.
                        settleQuietly();
                        Duration wait = failures.record(e.getMessage());
                        Set<TopicPartition> assigned = consumer.assignment();
                        consumer.pause(assigned);
                        unpositioned.addAll(assigned);
                        pause(wait);
                    }
                }
            } finally {
                // A batch being applied is committed (or rolled back) before the consumer closes.
                settleQuietly();
                stage.close();
            }
        }

        /**
         * Runs once the batches handed over so far are applied, before the next is: what reads the
         * mirror to decide (checkpoints, deferred indexes, the progress line) sees every batch
         * polled before it, as it would if nothing overlapped.
         *
         * @param idle whether the poll just made found nothing: the mirror holds every record polled
         */
        private void afterApplied(boolean idle) {
            if (verification.verifying() && unpositioned.isEmpty()) {
                verification.checkpoints().evaluateIfDue(consumer);
                deferredIndexes.buildIfFirstCopyComplete(verification.checkpoints(), consumer, idle);
            }
            if (unpositioned.isEmpty()) {
                failures.succeeded();
            }
            logProgressIfDue();
        }

        /**
         * Records the trust roots a newer root may have lifted, once after start-up: a root accepted
         * just before a stop, or pinned from a newer file, has not been applied to them yet.
         */
        private void checkRefusedAtStart() {
            if (startChecked || !verification.verifying()) {
                return;
            }
            verification.roots().warnIfExpiring(true);
            verification.retriage().run();
            startChecked = true;
        }

        /**
         * Sorts a poll and triages its entity records, on the loop's thread. Trust roots first, so
         * that records signed by a key a root of the same poll names verify; they are followed once
         * the batch in flight is applied, since a newly accepted root checks again the records
         * refused so far, that batch's included. Checkpoints go with the batch: they describe what
         * was published before them, so they are read after it is applied.
         */
        private Job prepare(ConsumerRecords<byte[], byte[]> polled) {
            List<ConsumerRecord<byte[], byte[]>> roots = new ArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> checkpoints = new ArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> entities = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> cr : polled) {
                commit.merge(new TopicPartition(cr.topic(), cr.partition()), new OffsetAndMetadata(cr.offset() + 1),
                        (a, b) -> a.offset() >= b.offset() ? a : b);
                if (verification.verifying() && cr.topic().equals(topics.trustTopic())) {
                    roots.add(cr);
                } else if (verification.verifying() && cr.topic().equals(topics.checkpointsTopic())) {
                    checkpoints.add(cr);
                } else {
                    entities.add(cr);
                }
            }
            if (!roots.isEmpty()) {
                settle();
                verification.roots().follow(roots);
            }
            MirrorBatch batch = entities.isEmpty() ? null : triage.triage(entities);
            return new Job(batch, checkpoints, commit);
        }

        /**
         * Applies one triaged poll, on the apply thread: the entity records in one transaction, then
         * the checkpoints. Touches nothing of the consumer.
         */
        private Applied apply(Job job) {
            BatchResult result = null;
            if (job.batch() != null) {
                progress.recordVerification(job.batch().verifyCpuNanos());
                result = store.apply(job.batch());
                progress.record(result);
            }
            if (!job.checkpoints().isEmpty()) {
                verification.checkpoints().read(job.checkpoints());
            }
            return new Applied(job, result);
        }

        /**
         * Waits for the batch in flight, if any; once it is in PostgreSQL, says what it refused and
         * commits its offsets to Kafka (for monitoring: PostgreSQL holds the resume point).
         *
         * @throws MirrorStoreException the batch's failure: nothing of it was committed
         */
        private void settle() {
            Applied done;
            try {
                done = stage.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
                throw new WakeupException();
            }
            if (done == null) {
                return;
            }
            if (done.job().batch() != null) {
                for (QuarantinedRecord q : done.job().batch().quarantined()) {
                    log.warn("mirror {}: quarantined: {}", name, q.reason());
                }
                done.result().rejected().forEach(rejectLog::log);
            }
            consumer.commitAsync(done.job().commit(), (offsets, e) -> {
                if (e != null) {
                    log.debug("mirror {}: Kafka offset commit failed (PostgreSQL holds the resume point): {}",
                            name, e.toString());
                }
            });
        }

        /** {@link #settle}, where a failure is already being handled or the loop is ending. */
        private void settleQuietly() {
            try {
                settle();
            } catch (RuntimeException e) {
                log.debug("mirror {}: the batch in flight was not applied: {}", name, e.toString());
            }
        }

        /**
         * Waits for the batch in flight before partitions change hands, so that their stored offsets
         * are final; a failure is kept for the loop, which handles it once the poll returns (a
         * rebalance callback's exception would surface from poll wrapped in Kafka's words).
         */
        private void settleForRebalance() {
            try {
                settle();
            } catch (MirrorStoreException | org.apache.kafka.common.KafkaException e) {
                if (rebalanceFailure == null) {
                    rebalanceFailure = e;
                }
            }
        }

        private void throwIfRebalanceFoundAFailure() {
            RuntimeException e = rebalanceFailure;
            if (e != null) {
                rebalanceFailure = null;
                throw e;
            }
        }

        private void positionFromStore() {
            if (unpositioned.isEmpty()) {
                return;
            }
            settle();
            Set<TopicPartition> partitions = new HashSet<>(unpositioned);
            partitions.retainAll(consumer.assignment());
            Map<TopicPartition, Long> stored = store.storedOffsets(partitions);
            List<TopicPartition> fresh = partitions.stream().filter(tp -> !stored.containsKey(tp)).toList();
            stored.forEach(consumer::seek);
            if (!fresh.isEmpty()) {
                consumer.seekToBeginning(fresh);
            }
            consumer.resume(partitions);
            unpositioned.clear();
            log.debug("mirror {}: positioned {} from PostgreSQL, {} from the beginning", name,
                    stored, fresh);
        }

        /**
         * A consumer whose brokers are gone just returns empty polls while its client logs a
         * warning per reconnect attempt; this says it once, in the mirror's words, and once more
         * when Kafka is back.
         */
        private void watchKafka() {
            long now = System.currentTimeMillis();
            if (now - lastKafkaCheckMs < 1_000) {
                return;
            }
            lastKafkaCheckMs = now;
            if (connectionCount() > 0) {
                if (kafkaUnreachableReported) {
                    log.info("mirror {}: Kafka reachable again after {} s", name,
                            (now - kafkaUnreachableSinceMs) / 1000);
                }
                kafkaUnreachableSinceMs = -1;
                kafkaUnreachableReported = false;
            } else if (kafkaUnreachableSinceMs < 0) {
                kafkaUnreachableSinceMs = now;
            } else if (!kafkaUnreachableReported && now - kafkaUnreachableSinceMs >= KAFKA_UNREACHABLE_REPORT.toMillis()) {
                kafkaUnreachableReported = true;
                progress.recordFailure();
                log.warn("mirror {}: Kafka at {} unreachable for {} s; waiting for it, nothing is skipped", name,
                        properties.kafka().bootstrapServers(), KAFKA_UNREACHABLE_REPORT.toSeconds());
            }
        }

        private double connectionCount() {
            for (Map.Entry<MetricName, ? extends Metric> m : consumer.metrics().entrySet()) {
                MetricName n = m.getKey();
                if ("connection-count".equals(n.name()) && "consumer-metrics".equals(n.group())
                        && m.getValue().metricValue() instanceof Number count) {
                    return count.doubleValue();
                }
            }
            // Without the metric there is nothing to judge by; assume connected rather than cry wolf.
            return 1;
        }

        private void logProgressIfDue() {
            MirrorProgress.Snapshot now = progress.snapshot();
            if (now.atMs() - lastLogged.atMs() >= PROGRESS_INTERVAL.toMillis()) {
                log.info("mirror {}: {}", name, now.describeSince(lastLogged));
                lastLogged = now;
                rejectLog.nextInterval();
                if (verification.verifying()) {
                    verification.roots().warnIfExpiring(false);
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            settleForRebalance();
            unpositioned.addAll(partitions);
            try {
                positionFromStore();
            } catch (MirrorStoreException e) {
                // The loop positions them once PostgreSQL answers; until then they must not be read.
                consumer.pause(partitions);
                failures.record(e.getMessage() + "; partitions " + partitions + " wait for PostgreSQL");
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            settleForRebalance();
            unpositioned.removeAll(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            settleForRebalance();
            unpositioned.removeAll(partitions);
        }
    }

    /**
     * Consecutive failed attempts. The first is logged as a warning, a persisting failure once a
     * minute, the recovery once: an outage of hours does not flood the log.
     */
    private final class Failures {

        private int count;
        private long firstMs;
        private long lastWarnedMs;

        /** Counts a failure and returns how long to wait before the next attempt. */
        Duration record(String what) {
            count++;
            progress.recordFailure();
            Duration wait = backoff(count);
            long now = System.currentTimeMillis();
            if (count == 1) {
                firstMs = now;
                lastWarnedMs = now;
                log.warn("mirror {}: {}; retrying from the stored offsets in {} ms", name, what, wait.toMillis());
            } else if (now - lastWarnedMs >= FAILURE_REMINDER.toMillis()) {
                lastWarnedMs = now;
                log.warn("mirror {}: still failing after {} attempts in {} s: {}; retrying every {} s", name, count,
                        (now - firstMs) / 1000, what, wait.toSeconds());
            } else {
                log.debug("mirror {}: attempt {} failed: {}", name, count, what);
            }
            return wait;
        }

        void succeeded() {
            if (count > 0) {
                log.info("mirror {}: recovered after {} failed attempts in {} s", name, count,
                        (System.currentTimeMillis() - firstMs) / 1000);
                count = 0;
            }
        }
    }

    /**
     * Logs refused records one by one, but at most {@value #MAX_LOGGED} per progress interval: a relay
     * that sends a flood of forgeries must not flood the log. The progress line counts them all.
     */
    private final class RejectLog {

        static final int MAX_LOGGED = 20;
        private int logged;
        private int unlogged;

        void log(RejectedRecord r) {
            if (logged < MAX_LOGGED) {
                logged++;
                MirrorApplier.log.warn("mirror {}: rejected {}", name, r.describe());
            } else {
                unlogged++;
            }
        }

        void nextInterval() {
            if (unlogged > 0) {
                MirrorApplier.log.warn("mirror {}: {} more records rejected in the last {} s and not logged one by one; "
                        + "herd.reject holds them all", name, unlogged, PROGRESS_INTERVAL.toSeconds());
            }
            logged = 0;
            unlogged = 0;
        }
    }

    /** Closes a consumer; a short timeout keeps shutdown quick when Kafka is unreachable. */
    private void closeQuietly(Consumer<byte[], byte[]> c) {
        try {
            c.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            log.debug("mirror {}: closing the Kafka consumer failed: {}", name, e.toString());
        }
    }
}
