package org.herd.replicator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.trust.Checkpoint;
import org.herd.trust.CheckpointVerification;
import org.herd.trust.EntityDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code <prefix>._checkpoints} and compares the mirror with the latest checkpoint it has
 * passed. This is how a mirror learns that a relay withheld records, which signatures alone cannot
 * show: every record it holds is genuine, but some may be missing or old.
 *
 * <p>Each checkpoint's signature is verified against the current trust root; one that fails is
 * refused with its reason (subject {@value RejectedRecord#CHECKPOINT} in {@code herd.reject}) and
 * never believed. The latest verified one per origin is kept in {@code herd.checkpoint}.
 *
 * <p>The mirror has passed a checkpoint when every partition of its entity topics has been applied
 * to its end as it stood after the checkpoint was read (the origin publishes a checkpoint only once
 * Kafka has acknowledged every record up to its position, so they are all below those ends). The
 * offsets compared are those stored in PostgreSQL with the rows, for every partition, so that the
 * test holds however many replicators share the mirror's consumer group. Then each entity is
 * compared ({@link CheckpointComparison}): one that holds a row newer than the checkpoint has moved
 * past it and is not compared. The result is kept in {@code herd.checkpoint_result} and logged.
 * Each comparison reads every live row's fingerprint, so it runs at most once per
 * herd.mirror.trust.checkpoint-interval, on the apply loop's thread.
 *
 * <p>Succession: a verified checkpoint that supersedes earlier epochs (the snapshot under its
 * epoch has published every row the origin holds) is noted in {@code herd.epoch_retirement}. Once
 * the mirror has passed it, the rows whose latest record is of an earlier epoch are retired in one
 * transaction ({@link MirrorSql#retireSql}), before the comparison, so that a mirror that followed
 * the origin before it was succeeded ends equal to the successor without being rebuilt.
 */
public final class CheckpointWatch {

    private static final Logger log = LoggerFactory.getLogger(CheckpointWatch.class);

    /** Results kept per origin. */
    static final int RESULTS_KEPT = 100;
    private static final int FETCH_SIZE = 10_000;

    private final DataSource dataSource;
    private final String origin;
    private final MirrorTopics topics;
    private final MirrorTrust trust;
    private final MirrorStore store;
    private final MirrorProgress progress;
    private final Clock clock;
    private final Duration interval;
    private final String groupId;
    private final String name;
    /** Verified checkpoints kept; written on the apply thread, read on the loop's. */
    private final AtomicLong kept = new AtomicLong();
    private Instant lastAttempt = Instant.EPOCH;
    /**
     * The checkpoint the last comparison found different, and how many records the mirror had
     * applied then: it is compared again only once more have been applied (the withheld records,
     * read from an honest source), not at every interval.
     */
    private String differingPosition;
    private long appliedWhenDiffering;

    public CheckpointWatch(DataSource dataSource, String origin, MirrorTopics topics, MirrorTrust trust,
            MirrorStore store, MirrorProgress progress, Clock clock, Duration interval, String groupId, String name) {
        this.dataSource = dataSource;
        this.origin = origin;
        this.topics = topics;
        this.trust = trust;
        this.store = store;
        this.progress = progress;
        this.clock = clock;
        this.interval = interval;
        this.groupId = groupId;
        this.name = name;
    }

    /**
     * How many verified checkpoints this watch has kept since the mirror started: a change tells
     * the loop there may be news without reading the mirror.
     */
    long kept() {
        return kept.get();
    }

    /** Verifies and keeps the checkpoints of one poll, each in one transaction with its offset. */
    public void read(List<ConsumerRecord<byte[], byte[]>> records) {
        for (ConsumerRecord<byte[], byte[]> cr : records) {
            Map<TopicPartition, Long> offset = Map.of(new TopicPartition(cr.topic(), cr.partition()), cr.offset() + 1);
            CheckpointVerification v = trust.verifier().verifyCheckpoint(cr.value(),
                    StoredSignature.collect(cr.headers()));
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    RejectedRecord refused = null;
                    if (!v.verified()) {
                        refused = RejectedRecord.of(RejectedRecord.CHECKPOINT, cr.topic(), cr.partition(), cr.offset(),
                                v.reason().wireName(), v.detail(), null, null,
                                v.checkpoint() == null ? null : CheckpointComparison.position(v.checkpoint()),
                                v.keyId() == null ? null : v.keyId().hex(), cr.key(), cr.value(),
                                checkpointSignature(cr), false);
                        JdbcMirrorStore.insertRejects(c, origin, List.of(refused));
                    } else {
                        keepIfNewer(c, v, cr);
                        if (v.checkpoint().supersedesEarlierEpochs()) {
                            noteSuccession(c, v.checkpoint());
                        }
                    }
                    JdbcMirrorStore.storeOffsets(c, groupId, offset);
                    c.commit();
                    if (refused == null) {
                        kept.incrementAndGet();
                    } else {
                        progress.recordRejected(refused);
                        log.warn("mirror {}: checkpoint refused, never believed: {}", name, refused.describe());
                    }
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new MirrorStoreException("cannot keep the checkpoint at " + cr.topic() + " partition "
                        + cr.partition() + " offset " + cr.offset() + ": " + SqlErrors.describe(e), e);
            }
        }
    }

    /** A checkpoint's headers in the stored layout: key id and signature, no proof. */
    private static byte[] checkpointSignature(ConsumerRecord<byte[], byte[]> cr) {
        byte[] keyId = null;
        byte[] sig = null;
        for (var h : cr.headers()) {
            if (h.key().equals(org.herd.trust.SignatureHeaders.KEY_ID)) {
                keyId = h.value();
            } else if (h.key().equals(org.herd.trust.SignatureHeaders.SIGNATURE)) {
                sig = h.value();
            }
        }
        if (keyId == null || sig == null) {
            return null;
        }
        return StoredSignature.of(List.of(
                new org.apache.kafka.common.header.internals.RecordHeader(org.herd.trust.SignatureHeaders.KEY_ID, keyId),
                new org.apache.kafka.common.header.internals.RecordHeader(org.herd.trust.SignatureHeaders.SIGNATURE, sig),
                new org.apache.kafka.common.header.internals.RecordHeader(org.herd.trust.SignatureHeaders.PROOF,
                        new byte[0])));
    }

    private void keepIfNewer(Connection c, CheckpointVerification v, ConsumerRecord<byte[], byte[]> cr)
            throws SQLException {
        Checkpoint cp = v.checkpoint();
        long fileSeq;
        try {
            fileSeq = new SourcePosition(cp.epoch(), cp.position().file(), cp.position().pos(), cp.position().event(),
                    cp.position().row(), false, 0).fileSequence();
        } catch (IllegalArgumentException e) {
            log.warn("mirror {}: checkpoint at {} offset {} names binlog file '{}', which has no sequence number; "
                    + "not kept", name, cr.topic(), cr.offset(), cp.position().file());
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO herd.checkpoint AS t (origin, epoch, file, pos, event,"
                + " \"row\", snapshot_complete, issued_at, checkpoint, signature, key_id, topic, \"partition\","
                + " \"offset\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (origin) DO UPDATE SET epoch = EXCLUDED.epoch, file = EXCLUDED.file, pos = EXCLUDED.pos,"
                + " event = EXCLUDED.event, \"row\" = EXCLUDED.\"row\", snapshot_complete = EXCLUDED.snapshot_complete,"
                + " issued_at = EXCLUDED.issued_at, checkpoint = EXCLUDED.checkpoint, signature = EXCLUDED.signature,"
                + " key_id = EXCLUDED.key_id, topic = EXCLUDED.topic, \"partition\" = EXCLUDED.\"partition\","
                + " \"offset\" = EXCLUDED.\"offset\", received_at = now(), evaluated_at = NULL"
                // A checkpoint older than the one held, published again, is not newer news.
                + " WHERE (t.epoch, " + fileSeqSql("t.file") + ", t.pos, t.event,"
                + " t.\"row\", t.issued_at) < (EXCLUDED.epoch, ?, EXCLUDED.pos, EXCLUDED.event,"
                + " EXCLUDED.\"row\", EXCLUDED.issued_at)")) {
            int i = 1;
            ps.setString(i++, origin);
            ps.setLong(i++, cp.epoch());
            ps.setString(i++, cp.position().file());
            ps.setLong(i++, cp.position().pos());
            ps.setLong(i++, cp.position().event());
            ps.setInt(i++, cp.position().row());
            ps.setBoolean(i++, cp.snapshotComplete());
            ps.setTimestamp(i++, Timestamp.from(Instant.ofEpochMilli(cp.issuedAtMs())));
            ps.setBytes(i++, cr.value());
            ps.setBytes(i++, checkpointSignature(cr));
            ps.setString(i++, v.keyId().hex());
            ps.setString(i++, cr.topic());
            ps.setInt(i++, cr.partition());
            ps.setLong(i++, cr.offset());
            ps.setLong(i, fileSeq);
            if (ps.executeUpdate() > 0) {
                log.debug("mirror {}: {}", name, cp);
            }
        }
    }

    /** Notes that the checkpoint's epoch superseded the earlier ones, once per epoch. */
    private void noteSuccession(Connection c, Checkpoint cp) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO herd.epoch_retirement (origin, epoch,"
                + " checkpoint_position) VALUES (?, ?, ?) ON CONFLICT (origin, epoch) DO NOTHING")) {
            ps.setString(1, origin);
            ps.setLong(2, cp.epoch());
            ps.setString(3, CheckpointComparison.position(cp));
            if (ps.executeUpdate() > 0) {
                log.info("mirror {}: the origin's snapshot under epoch {} is complete ({}); rows of earlier epochs it "
                        + "did not publish again are retired once the mirror has applied everything before it", name,
                        cp.epoch(), CheckpointComparison.position(cp));
            }
        }
    }

    /** The binlog file's sequence number, in SQL: the digits after its last dot. */
    private static String fileSeqSql(String column) {
        return "CAST(substring(" + column + " from '\\.([0-9]+)$') AS bigint)";
    }

    /**
     * Compares the mirror with the latest checkpoint if one waits, herd.mirror.trust.checkpoint-interval
     * has passed since the last attempt, and the mirror has passed it.
     *
     * @param consumer the apply loop's consumer, for the ends of the entity topics' partitions
     * @return the result, when a comparison ran
     */
    public Optional<CheckpointComparison.Result> evaluateIfDue(Consumer<byte[], byte[]> consumer) {
        Instant now = clock.instant();
        if (Duration.between(lastAttempt, now).compareTo(interval) < 0) {
            return Optional.empty();
        }
        lastAttempt = now;
        Succession succession = pendingSuccession();
        Pending pending = pending();
        if (pending != null && pending.position().equals(differingPosition)
                && progress.applied() == appliedWhenDiffering) {
            pending = null;
        }
        if (pending == null && succession == null) {
            return Optional.empty();
        }
        String behind = behind(consumer);
        if (behind != null) {
            log.debug("mirror {}: not yet at the checkpoint at {}: {}", name,
                    pending != null ? pending.position() : succession.position(), behind);
            return Optional.empty();
        }
        if (succession != null) {
            retire(succession);
        }
        if (pending == null) {
            return Optional.empty();
        }
        long applied = progress.applied();
        CheckpointComparison.Result result = evaluate(pending);
        if (CheckpointComparison.DIFFERS.equals(result.result())) {
            differingPosition = pending.position();
            appliedWhenDiffering = applied;
            log.warn("mirror {}: {}", name, result.summary());
        } else {
            log.info("mirror {}: {}", name, result.summary());
        }
        return Optional.of(result);
    }

    /** A superseding epoch noted and not yet retired: the highest one. */
    private record Succession(long epoch, String position) {
    }

    private Succession pendingSuccession() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT epoch, checkpoint_position FROM herd.epoch_retirement WHERE origin = ? AND retired_at IS NULL"
                        + " ORDER BY epoch DESC LIMIT 1")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Succession(rs.getLong(1), rs.getString(2)) : null;
            }
        } catch (SQLException e) {
            throw new MirrorStoreException("cannot read herd.epoch_retirement: " + SqlErrors.describe(e), e);
        }
    }

    /**
     * Retires, in one transaction, the rows of earlier epochs than the succession's, live rows and
     * tombstones alike (a tombstone's old position would let a replay of its epoch in again), and
     * marks every noted epoch up to it retired.
     */
    private void retire(Succession succession) {
        Map<String, Long> retired = new java.util.TreeMap<>();
        long total = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (EntityType e : NeutralSchema.entities()) {
                    try (PreparedStatement ps = c.prepareStatement(MirrorSql.retireSql(e))) {
                        for (boolean live : new boolean[] {true, false}) {
                            ps.setLong(1, succession.epoch());
                            ps.setString(2, origin);
                            ps.setLong(3, succession.epoch());
                            ps.setBoolean(4, live);
                            int n = ps.executeUpdate();
                            if (live && n > 0) {
                                retired.put(e.name(), (long) n);
                                total += n;
                            }
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE herd.epoch_retirement SET retired_at = now(),"
                        + " rows_retired = CASE WHEN epoch = ? THEN ? ELSE 0 END"
                        + " WHERE origin = ? AND epoch <= ? AND retired_at IS NULL")) {
                    ps.setLong(1, succession.epoch());
                    ps.setLong(2, total);
                    ps.setString(3, origin);
                    ps.setLong(4, succession.epoch());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new MirrorStoreException("cannot retire the rows of epochs before " + succession.epoch()
                    + " (checkpoint at " + succession.position() + "): " + SqlErrors.describe(e), e);
        }
        store.epochsRetiredBelow(succession.epoch());
        log.info("mirror {}: epoch {} superseded the earlier ones (checkpoint at {}): retired {} rows the origin no "
                + "longer holds{}", name, succession.epoch(), succession.position(), total,
                retired.isEmpty() ? "" : " " + retired);
    }

    /** The latest verified checkpoint not compared yet, or found different when last compared. */
    private record Pending(Checkpoint checkpoint, String position, long fileSequence) {
    }

    private Pending pending() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT checkpoint FROM herd.checkpoint WHERE origin = ? AND evaluated_at IS NULL")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                // Verified when it was kept; read again from the mirror's own table.
                Checkpoint cp = Checkpoint.decode(rs.getBytes(1));
                long seq = new SourcePosition(cp.epoch(), cp.position().file(), 0, 0, 0, false, 0).fileSequence();
                return new Pending(cp, CheckpointComparison.position(cp), seq);
            }
        } catch (SQLException e) {
            throw new MirrorStoreException("cannot read herd.checkpoint: " + SqlErrors.describe(e), e);
        }
    }

    /**
     * Whether the mirror has passed the checkpoints read so far: every partition of every entity
     * topic applied to its end as it stands now (which is after they were read).
     */
    boolean passed(Consumer<byte[], byte[]> consumer) {
        return behind(consumer) == null;
    }

    /**
     * Null when every partition of every entity topic has been applied to its end, else the first
     * partition that has not, with its stored and end offsets.
     */
    private String behind(Consumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<String, List<PartitionInfo>> t : consumer.listTopics().entrySet()) {
            if (topics.entityOf(t.getKey()).isPresent()) {
                t.getValue().forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> stored = store.storedOffsets(partitions);
        for (TopicPartition tp : partitions) {
            long end = ends.getOrDefault(tp, 0L);
            long at = stored.getOrDefault(tp, 0L);
            if (at < end) {
                return tp + " applied up to offset " + at + " of " + end;
            }
        }
        return null;
    }

    private CheckpointComparison.Result evaluate(Pending pending) {
        Checkpoint cp = pending.checkpoint();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // One snapshot of every table: the comparison is of one moment.
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Map<String, CheckpointComparison.Found> found = new HashMap<>();
                for (EntityType e : NeutralSchema.entities()) {
                    found.put(e.name(), found(c, e, cp, pending.fileSequence()));
                }
                CheckpointComparison.Result result = CheckpointComparison.compare(cp, pending.position(), found);
                keep(c, cp, result);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        } catch (SQLException e) {
            throw new MirrorStoreException("cannot compare the mirror with the checkpoint at " + pending.position()
                    + ": " + SqlErrors.describe(e), e);
        }
    }

    private CheckpointComparison.Found found(Connection c, EntityType e, Checkpoint cp, long fileSeq)
            throws SQLException {
        String table = MirrorSql.SCHEMA + "." + MirrorSql.quote(e.name());
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE origin = ?"
                + " AND (src_epoch, src_file_seq, src_pos, src_event, src_row) > (?, ?, ?, ?, ?))")) {
            ps.setString(1, origin);
            ps.setLong(2, cp.epoch());
            ps.setLong(3, fileSeq);
            ps.setLong(4, cp.position().pos());
            ps.setLong(5, cp.position().event());
            ps.setInt(6, cp.position().row());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new CheckpointComparison.Found(true, 0, null, 0);
                }
            }
        }
        EntityDigest digest = new EntityDigest(e.name());
        long rows = 0;
        long without = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT src_fp FROM " + table
                + " WHERE origin = ? AND NOT deleted")) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    long fp = rs.getLong(1);
                    if (rs.wasNull()) {
                        without++;
                    } else {
                        digest.add(fp);
                    }
                }
            }
        }
        return new CheckpointComparison.Found(false, rows, digest.hex(), without);
    }

    private void keep(Connection c, Checkpoint cp, CheckpointComparison.Result result) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO herd.checkpoint_result (origin, checkpoint_position,"
                + " snapshot_complete, issued_at, result, summary) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, origin);
            ps.setString(2, result.position());
            ps.setBoolean(3, cp.snapshotComplete());
            ps.setTimestamp(4, Timestamp.from(Instant.ofEpochMilli(cp.issuedAtMs())));
            ps.setString(5, result.result());
            ps.setString(6, RejectedRecord.printable(result.summary(), 4000));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO herd.checkpoint_entity_result (result_id, entity,"
                + " outcome, expected_rows, found_rows, expected_digest, found_digest, without_fingerprint)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (CheckpointComparison.EntityResult e : result.entities()) {
                ps.setLong(1, id);
                ps.setString(2, RejectedRecord.printable(e.entity(), 100));
                ps.setString(3, e.outcome());
                ps.setLong(4, e.expectedRows());
                ps.setObject(5, e.foundRows());
                ps.setString(6, e.expectedDigest());
                ps.setString(7, e.foundDigest());
                ps.setLong(8, e.withoutFingerprint());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // A checkpoint the mirror differs from stays pending: once the records it lacks arrive (from
        // another relay, say), the next comparison can find it complete without a newer checkpoint.
        if (!CheckpointComparison.DIFFERS.equals(result.result())) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE herd.checkpoint SET evaluated_at = now() WHERE origin = ?")) {
                ps.setString(1, origin);
                ps.executeUpdate();
            }
        }
        // Keep the last results; entity lines go with their result (there are no foreign keys).
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM herd.checkpoint_result WHERE origin = ? AND id <="
                + " (SELECT id FROM herd.checkpoint_result WHERE origin = ? ORDER BY id DESC OFFSET " + RESULTS_KEPT
                + " LIMIT 1)")) {
            ps.setString(1, origin);
            ps.setString(2, origin);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM herd.checkpoint_entity_result e WHERE NOT EXISTS"
                + " (SELECT 1 FROM herd.checkpoint_result r WHERE r.id = e.result_id)")) {
            ps.executeUpdate();
        }
    }
}
