package org.herd.sidecar.trust;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.herd.kafka.KafkaConnection;
import org.herd.kafka.KafkaTopicReader;
import org.herd.sidecar.publish.Acknowledgements;
import org.herd.sidecar.publish.EncodedRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.trust.Checkpoint;
import org.herd.trust.DigestIndex;
import org.herd.trust.OriginSigner;
import org.herd.trust.RecordStatement;
import org.herd.trust.SignedCheckpoint;
import org.herd.trust.TrustFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the origin's signed checkpoints ({@link Checkpoint}) to {@code <prefix>._checkpoints}:
 * the highest position published and, per entity, the live rows and their digest.
 *
 * <p>It keeps one {@link DigestIndex} per entity (16 to 43 bytes a live row), updated with every
 * record once Kafka acknowledged the Debezium batch it belongs to ({@link Acknowledgements}), so
 * that a checkpoint states only records the topics hold, and its position is the highest of them.
 * Before capture starts, it rebuilds the indexes by reading its own entity topics to their end
 * ({@link #rebuild}): the origin's cluster is trusted by the sidecar as it trusts the Debezium
 * offsets stored there. Positions of the current epoch set the checkpoint's position.
 *
 * <p>Rows of an earlier epoch (a predecessor origin's, or this origin's under its previous key)
 * count until the snapshot of every table under the current epoch completes. Then every row the
 * origin holds has a record of this epoch, so a row whose latest record is older is one it no longer
 * holds: it leaves the digests, and from then on each checkpoint says
 * {@code supersedes_earlier_epochs}, which is how mirrors learn to retire such rows. A sidecar that
 * starts after that snapshot completed leaves those rows out while it rebuilds.
 *
 * <p>A checkpoint is published every {@code herd.sidecar.trust.checkpoint-interval} when anything
 * was published since the last one, at once when a snapshot completes (with
 * {@code snapshot_complete} true), and when the sidecar stops. The capture thread updates the
 * indexes and a timer thread publishes; both hold this object's lock only to update or to copy the
 * digests, never while waiting for Kafka.
 */
public final class Checkpointer implements Acknowledgements, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final OriginSigner signer;
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, DigestIndex> indexes = new LinkedHashMap<>();
    /**
     * Per entity, the live rows whose latest record is of an earlier epoch, until this epoch's
     * snapshot completes and they are retired.
     */
    private final Map<String, DigestIndex> earlier = new LinkedHashMap<>();
    /** Whether this epoch's snapshot of every table has completed: checkpoints supersede earlier epochs. */
    private boolean supersedes;
    /** Serialises publishing, so that checkpoints reach the topic in the order they were taken. */
    private final Object publishing = new Object();
    private SourcePosition highest;
    private boolean changed;
    private boolean snapshotPending;
    private ScheduledExecutorService timer;

    /**
     * @param signing     a signing sidecar's signing
     * @param topicPrefix the sidecar's topic prefix
     */
    public Checkpointer(SidecarSigning signing, Producer<byte[], byte[]> producer, String topicPrefix, Clock clock) {
        this.signer = signing.signer().orElseThrow(() -> new IllegalArgumentException(
                "an unsigned sidecar publishes no checkpoints"));
        this.producer = producer;
        this.topic = TopicNames.checkpointsTopic(topicPrefix);
        this.interval = signing.checkpointInterval();
        this.clock = clock;
        for (EntityType e : NeutralSchema.entities()) {
            indexes.put(e.name(), new DigestIndex(e.name()));
            earlier.put(e.name(), new DigestIndex(e.name()));
        }
    }

    /**
     * Reads the entity topics of {@code topicPrefix} from their beginning to their end now, and
     * rebuilds the indexes from them; logs how many records and rows, and how long it took.
     *
     * @param epochSnapshotDone whether the snapshot of every table under this epoch completed on an
     *                          earlier start: rows of earlier epochs are then left out
     */
    public void rebuild(KafkaConnection kafka, String topicPrefix, boolean epochSnapshotDone) {
        epochSnapshotDone(epochSnapshotDone);
        long started = System.nanoTime();
        Map<String, String> entityOfTopic = new LinkedHashMap<>();
        for (EntityType e : NeutralSchema.entities()) {
            entityOfTopic.put(TopicNames.entityTopic(topicPrefix, e), e.name());
        }
        long read = KafkaTopicReader.forEach(kafka, entityOfTopic.keySet(),
                Duration.ofHours(6), r -> replay(entityOfTopic.get(r.topic()), r));
        long rows;
        long older;
        synchronized (this) {
            rows = indexes.values().stream().mapToLong(DigestIndex::size).sum();
            older = earlier.values().stream().mapToLong(DigestIndex::size).sum();
        }
        log.info("Checkpoints: read {} records of the entity topics {}.* in {} ms; {} live rows, highest position of "
                + "epoch {}: {}", read, topicPrefix, (System.nanoTime() - started) / 1_000_000, rows, signer.epoch(),
                highest == null ? "none yet" : highest);
        if (older > 0) {
            log.info("Checkpoints: {} of these rows are of earlier epochs; those that the snapshot under epoch {} does "
                    + "not publish again leave the checkpoints when it completes", older, signer.epoch());
        }
    }

    /** Before the topics are read back: whether this epoch's snapshot of every table completed. */
    synchronized void epochSnapshotDone(boolean done) {
        supersedes = done;
    }

    /** One record read back from an entity topic, in the topic's order per key. */
    synchronized void replay(String entity, ConsumerRecord<byte[], byte[]> r) {
        if (r.key() == null || r.value() == null) {
            return; // a Kafka tombstone: not a Herd record (Herd's deletes are records)
        }
        RecordStatement s;
        try {
            s = RecordStatement.read(r.key(), r.value());
        } catch (TrustFormatException e) {
            log.warn("Checkpoints: {} partition {} offset {} is not a Herd record ({}); left out of the digests",
                    r.topic(), r.partition(), r.offset(), e.getMessage());
            return;
        }
        if (!s.entity().equals(entity)) {
            log.warn("Checkpoints: {} partition {} offset {} is a record of {}; left out of the digests", r.topic(),
                    r.partition(), r.offset(), s.entity());
            return;
        }
        if (s.epoch() < signer.epoch()) {
            if (supersedes) {
                return; // retired when this epoch's snapshot completed, on an earlier start
            }
            earlier.get(entity).apply(s);
        } else {
            earlier.get(entity).applyDelete(s.keyHash());
        }
        indexes.get(entity).apply(s);
        if (s.epoch() == signer.epoch()) {
            advance(new SourcePosition(s.epoch(), s.position().file(), s.position().pos(), s.position().event(),
                    s.position().row(), false, 0));
        }
    }

    @Override
    public synchronized void acknowledged(List<EncodedRecord> records) {
        for (EncodedRecord r : records) {
            RecordStatement s = r.statement();
            if (s == null) {
                continue;
            }
            indexes.get(s.entity()).apply(s);
            earlier.get(s.entity()).applyDelete(s.keyHash());
            advance(r.facts().position());
            changed = true;
        }
    }

    private void advance(SourcePosition p) {
        if (highest == null || p.isAfter(highest)) {
            highest = p;
        }
    }

    /**
     * Retires the rows of earlier epochs that the snapshot did not publish again, and publishes a
     * checkpoint closing the snapshot now; on failure the timer tries again. Called once every
     * record of the snapshot has been acknowledged.
     */
    @Override
    public void snapshotCompleted() {
        synchronized (this) {
            long retired = 0;
            for (Map.Entry<String, DigestIndex> e : earlier.entrySet()) {
                DigestIndex live = indexes.get(e.getKey());
                long[] count = {0};
                e.getValue().forEachKeyHash(k -> count[0] += live.applyDelete(k) ? 1 : 0);
                retired += count[0];
                e.setValue(new DigestIndex(e.getKey()));
            }
            if (!supersedes || retired > 0) {
                log.info("Checkpoints: the snapshot under epoch {} is complete; {} rows of earlier epochs that it did not "
                        + "publish again are retired, and checkpoints now say so", signer.epoch(), retired);
            }
            supersedes = true;
            snapshotPending = true;
        }
        publishQuietly();
    }

    /** Starts publishing a checkpoint every interval in which something was published. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herd-checkpoints");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::publishQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void publishQuietly() {
        try {
            publishIfChanged();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not publish a checkpoint to {}: {}; trying again in {}", topic, e.getMessage(), interval);
        }
    }

    /**
     * Publishes a checkpoint of the indexes now, if anything was published since the last one or a
     * snapshot completed, and waits for Kafka's acknowledgement.
     *
     * @return the checkpoint published; empty when there was nothing new, or no position of this
     *         epoch yet
     * @throws IllegalStateException when Kafka did not take it (it is tried again next time)
     */
    public Optional<Checkpoint> publishIfChanged() throws InterruptedException {
        synchronized (publishing) {
            Checkpoint checkpoint;
            synchronized (this) {
                if (!changed && !snapshotPending || highest == null) {
                    return Optional.empty();
                }
                checkpoint = Checkpoint.of(signer.origin(), signer.epoch(), SidecarSigning.binlogPosition(highest),
                        snapshotPending, clock.millis(), indexes.values(), supersedes);
                changed = false;
                snapshotPending = false;
            }
            try {
                send(checkpoint);
            } catch (RuntimeException e) {
                synchronized (this) {
                    changed = true;
                    snapshotPending |= checkpoint.snapshotComplete();
                }
                throw e;
            }
            log.debug("Published {}", checkpoint);
            return Optional.of(checkpoint);
        }
    }

    private void send(Checkpoint checkpoint) throws InterruptedException {
        SignedCheckpoint signed = signer.signCheckpoint(checkpoint);
        List<Header> headers = new ArrayList<>(2);
        signed.headers().forEach((name, value) -> headers.add(new RecordHeader(name, value)));
        try {
            var ack = producer.send(new ProducerRecord<>(topic, null, signer.origin().getBytes(StandardCharsets.UTF_8),
                    signed.value(), headers));
            producer.flush();
            ack.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Kafka did not acknowledge " + checkpoint + ": " + cause, cause);
        }
    }

    /** The entity's rows and digest now; for tests and logs. */
    public synchronized org.herd.trust.RowsDigest digest(String entity) {
        return indexes.get(entity).value();
    }

    /** The highest position of this epoch published so far. */
    public synchronized Optional<SourcePosition> highest() {
        return Optional.ofNullable(highest);
    }

    /** Stops the timer and publishes what was published since the last checkpoint. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timer;
            timer = null;
        }
        if (t != null) {
            t.shutdownNow();
            try {
                t.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        publishQuietly();
    }
}
