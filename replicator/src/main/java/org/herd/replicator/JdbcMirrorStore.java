package org.herd.replicator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies batches with one multi-row upsert per entity (arrays unnested into rows), one
 * transaction per batch, position-guarded.
 *
 * <p>Rows the mirror does not hold yet (a first copy) are written with COPY instead ({@link CopyLoad},
 * which falls back to the upsert as soon as one of them exists).
 *
 * <p>Within a batch, only the newest record per row is sent: the others could not win the
 * position guard anyway. If PostgreSQL rejects the batch because of a record's content, the batch
 * is rolled back and applied again record by record under savepoints, and the rejected records
 * are quarantined; this slow path runs only when such a record exists.
 *
 * <p>A record the guard does not apply is a duplicate when the row holds its very position (a
 * record read twice: at-least-once delivery) and is refused as {@value RejectedRecord#STALE} when
 * the row holds a newer one: a version older than the row, arriving after it, is a replay. Only
 * for such records is the held position read, so the common path costs nothing more.
 */
public final class JdbcMirrorStore implements MirrorStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcMirrorStore.class);

    private final DataSource dataSource;
    private final MirrorSql sql;
    private final String groupId;
    private final CopyLoad copyLoad = new CopyLoad();
    private final MirrorStatusWriter status;
    private final String origin;
    /**
     * Records of epochs below this one are replays from before a succession (see
     * {@link CheckpointWatch}); -1 until read from herd.epoch_retirement.
     */
    private volatile long retiredBelow = -1;

    /**
     * @param groupId the consumer group whose offsets it stores
     * @param origin  the origin the mirror follows, under which it records what it refused
     */
    public JdbcMirrorStore(DataSource dataSource, MirrorSql sql, String groupId, String origin) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.groupId = groupId;
        this.origin = origin;
        this.status = new MirrorStatusWriter(groupId, java.time.Clock.systemUTC());
    }

    /** Rows written by COPY since this store was created (the first copy's fast path). */
    public long copiedRows() {
        return copyLoad.copiedRows();
    }

    @Override
    public Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions) {
        Set<TopicPartition> wanted = new HashSet<>(partitions);
        Map<TopicPartition, Long> found = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(MirrorSql.SELECT_OFFSETS)) {
            ps.setString(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TopicPartition tp = new TopicPartition(rs.getString(1), rs.getInt(2));
                    if (wanted.contains(tp)) {
                        found.put(tp, rs.getLong(3));
                    }
                }
            }
        } catch (SQLException e) {
            throw new MirrorStoreException("cannot read the stored offsets of group " + groupId + ": "
                    + SqlErrors.describe(e), e);
        }
        return found;
    }

    @Override
    public void epochsRetiredBelow(long epoch) {
        retiredBelow = Math.max(retiredBelow, epoch);
    }

    /** The highest epoch a succession retired the earlier ones below, read once from the database. */
    private long retiredBelow() {
        if (retiredBelow < 0) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT coalesce(max(epoch), 0) FROM herd.epoch_retirement WHERE origin = ?"
                            + " AND retired_at IS NOT NULL")) {
                ps.setString(1, origin);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    epochsRetiredBelow(rs.getLong(1));
                }
            } catch (SQLException e) {
                throw new MirrorStoreException("cannot read herd.epoch_retirement: " + SqlErrors.describe(e), e);
            }
        }
        return retiredBelow;
    }

    @Override
    public BatchResult apply(MirrorBatch batch) {
        List<IncomingRecord> current = batch.records();
        List<RejectedRecord> superseded = new ArrayList<>();
        long below = current.isEmpty() ? 0 : retiredBelow();
        boolean anyRetired = false;
        for (IncomingRecord r : current) {
            anyRetired |= r.record().position().epoch() < below;
        }
        if (anyRetired) {
            current = new ArrayList<>();
            for (IncomingRecord r : batch.records()) {
                if (r.record().position().epoch() < below) {
                    superseded.add(r.reject(RejectedRecord.STALE, "of epoch " + r.record().position().epoch()
                            + ", which the origin's snapshot under epoch " + below + " superseded: a replay of a"
                            + " record from before the succession (" + r.describe() + ")", keyIdOf(r)));
                } else {
                    current.add(r);
                }
            }
        }
        Newest newest = newestPerRow(current);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Applied applied;
                try {
                    applied = applyBatched(c, newest.records());
                } catch (SQLException e) {
                    if (!SqlErrors.isContentRejection(e)) {
                        throw e;
                    }
                    c.rollback();
                    log.warn("PostgreSQL rejected a record of a batch of {} ({}); applying it record by record to "
                            + "quarantine the rejected ones", newest.records().size(), SqlErrors.describe(e));
                    applied = applyOneByOne(c, newest.records());
                }
                List<RejectedRecord> rejected = new ArrayList<>(batch.rejected());
                rejected.addAll(superseded);
                rejected.addAll(newest.stale());
                int duplicates = sortUnapplied(c, applied.unapplied(), rejected);
                List<QuarantinedRecord> quarantined = new ArrayList<>(batch.quarantined());
                quarantined.addAll(applied.rejected());
                insertQuarantine(c, quarantined);
                insertRejects(c, origin, rejected);
                storeOffsets(c, groupId, batch.nextOffsets());
                status.write(c, applied.rows());
                c.commit();
                return new BatchResult(applied.rows(), newest.superseded() + duplicates, quarantined, rejected);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                status.rolledBack();
                throw e;
            }
        } catch (SQLException e) {
            throw new MirrorStoreException("cannot apply a batch of " + batch.records().size() + " records ("
                    + describe(batch) + "): " + SqlErrors.describe(e), e);
        }
    }

    /**
     * The records to send, the newest per row in the order rows were first seen; how many were
     * superseded by a newer record later in the batch; and the records refused as stale because
     * an older version came after a newer one of the same row.
     */
    private record Newest(List<IncomingRecord> records, int superseded, List<RejectedRecord> stale) {
    }

    /** The newest record per (entity, key), in the order the rows were first seen. */
    private static Newest newestPerRow(List<IncomingRecord> records) {
        Map<RowId, IncomingRecord> newest = new LinkedHashMap<>();
        int superseded = 0;
        List<RejectedRecord> stale = new ArrayList<>();
        for (IncomingRecord r : records) {
            NeutralRecord n = r.record();
            RowId id = new RowId(n.entity(), n.origin(), n.key());
            IncomingRecord held = newest.get(id);
            if (held == null || r.record().position().isAfter(held.record().position())) {
                newest.put(id, r);
                superseded += held == null ? 0 : 1;
            } else if (held.record().position().isAfter(r.record().position())) {
                // Records of one row share a partition and come in its order: an older one after a
                // newer one was published again.
                stale.add(stale(r, held.record().position().toString()));
            } else {
                superseded++;
            }
        }
        return new Newest(new ArrayList<>(newest.values()), superseded, stale);
    }

    private static RejectedRecord stale(IncomingRecord r, String held) {
        return r.reject(RejectedRecord.STALE, "older than the row the mirror holds, at " + held
                + ": a replay of an old version; the newer row stays (" + r.describe() + ")", keyIdOf(r));
    }

    private static String keyIdOf(IncomingRecord r) {
        return r.signature() == null ? null : StoredSignature.keyId(r.signature()).hex();
    }

    private record RowId(String entity, String origin, Map<String, Object> key) {
    }

    /**
     * @param rows      records that changed a row
     * @param unapplied records the position guard did not apply: duplicates or stale
     * @param rejected  records PostgreSQL refused for their content
     */
    private record Applied(List<NeutralRecord> rows, List<IncomingRecord> unapplied, List<QuarantinedRecord> rejected) {
    }

    private Applied applyBatched(Connection c, List<IncomingRecord> records) throws SQLException {
        Map<String, List<IncomingRecord>> byEntity = new LinkedHashMap<>();
        for (IncomingRecord r : records) {
            byEntity.computeIfAbsent(r.record().entity(), e -> new ArrayList<>()).add(r);
        }
        List<NeutralRecord> rows = new ArrayList<>();
        List<IncomingRecord> unapplied = new ArrayList<>();
        for (Map.Entry<String, List<IncomingRecord>> e : byEntity.entrySet()) {
            MirrorSql.EntityStatement statement = sql.statement(e.getKey());
            if (copyLoad.tryCopy(c, statement, e.getValue())) {
                e.getValue().forEach(r -> rows.add(r.record()));
                continue;
            }
            Set<List<String>> changed = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(statement.bulkUpsert())) {
                statement.bindBulk(ps, e.getValue());
                try (ResultSet rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> id = new ArrayList<>(columns);
                        for (int i = 1; i <= columns; i++) {
                            id.add(rs.getString(i));
                        }
                        changed.add(id);
                    }
                }
            }
            for (IncomingRecord r : e.getValue()) {
                if (changed.contains(rowId(statement, r.record()))) {
                    rows.add(r.record());
                } else {
                    unapplied.add(r);
                }
            }
        }
        return new Applied(rows, unapplied, List.of());
    }

    /** Origin and key values as PostgreSQL prints them, to match the rows RETURNING names. */
    private static List<String> rowId(MirrorSql.EntityStatement statement, NeutralRecord r) {
        List<String> id = new ArrayList<>();
        id.add(r.origin());
        for (var f : statement.entity().keyFields()) {
            Object v = r.key().get(f.name());
            id.add(v == null ? null : v instanceof Number n ? Long.toString(n.longValue()) : v.toString());
        }
        return id;
    }

    /**
     * Sorts the records the guard did not apply: those whose row holds a newer position are added to
     * {@code rejected} as stale; returns how many were duplicates of the row's own position.
     */
    private int sortUnapplied(Connection c, List<IncomingRecord> unapplied, List<RejectedRecord> rejected)
            throws SQLException {
        if (unapplied.isEmpty()) {
            return 0;
        }
        Map<String, List<IncomingRecord>> byEntity = new LinkedHashMap<>();
        for (IncomingRecord r : unapplied) {
            byEntity.computeIfAbsent(r.record().entity(), e -> new ArrayList<>()).add(r);
        }
        int duplicates = 0;
        for (Map.Entry<String, List<IncomingRecord>> e : byEntity.entrySet()) {
            MirrorSql.EntityStatement statement = sql.statement(e.getKey());
            int keys = statement.entity().keyFields().size();
            Map<List<String>, long[]> held = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(statement.heldPositions())) {
                statement.bindHeldPositions(ps, e.getValue());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> id = new ArrayList<>(keys + 1);
                        for (int i = 1; i <= keys + 1; i++) {
                            id.add(rs.getString(i));
                        }
                        int p = keys + 2;
                        held.put(id, new long[] {rs.getLong(p), rs.getLong(p + 1), rs.getLong(p + 2),
                            rs.getLong(p + 3), rs.getInt(p + 4)});
                    }
                }
            }
            for (IncomingRecord r : e.getValue()) {
                long[] h = held.get(rowId(statement, r.record()));
                SourcePosition mine = r.record().position();
                long[] m = {mine.epoch(), mine.fileSequence(), mine.pos(), mine.event(), mine.row()};
                if (h != null && Arrays.compare(h, m) > 0) {
                    // The table keeps the binlog file's sequence, not its name.
                    rejected.add(stale(r, "epoch " + h[0] + ", binlog file no. " + h[1] + ", " + h[2] + "/" + h[3]
                            + "#" + h[4]));
                } else {
                    duplicates++;
                }
            }
        }
        return duplicates;
    }

    private Applied applyOneByOne(Connection c, List<IncomingRecord> records) throws SQLException {
        List<NeutralRecord> rows = new ArrayList<>();
        List<QuarantinedRecord> rejected = new ArrayList<>();
        List<IncomingRecord> unapplied = new ArrayList<>();
        Map<String, PreparedStatement> statements = new HashMap<>();
        try {
            for (IncomingRecord r : records) {
                MirrorSql.EntityStatement statement = sql.statement(r.record().entity());
                PreparedStatement ps = statements.get(statement.entity().name());
                if (ps == null) {
                    ps = c.prepareStatement(statement.upsert());
                    statements.put(statement.entity().name(), ps);
                }
                Savepoint savepoint = c.setSavepoint();
                try {
                    statement.bind(ps, r);
                    if (ps.executeUpdate() > 0) {
                        rows.add(r.record());
                    } else {
                        unapplied.add(r);
                    }
                    c.releaseSavepoint(savepoint);
                } catch (SQLException e) {
                    if (!SqlErrors.isContentRejection(e)) {
                        throw e;
                    }
                    c.rollback(savepoint);
                    String reason = "PostgreSQL rejected " + r.describe() + ": " + SqlErrors.describe(e);
                    log.warn("quarantined: {}", reason);
                    rejected.add(r.quarantine(QuarantinedRecord.REJECTED, reason));
                }
            }
        } finally {
            for (PreparedStatement ps : statements.values()) {
                ps.close();
            }
        }
        return new Applied(rows, unapplied, rejected);
    }

    /**
     * The outcome of applying one record outside the stream (a quarantine replay).
     *
     * @param applied  whether it changed the mirror's row; false when the row is as new or newer
     * @param rejected the record set aside again when PostgreSQL still rejects it, else null
     */
    public record Replayed(boolean applied, QuarantinedRecord rejected) {
    }

    /**
     * Applies one record on the caller's transaction, under a savepoint, with the same
     * position-guarded upsert as the stream: a record older than the mirror's row changes nothing.
     * Offsets are not touched. A record PostgreSQL rejects for its content comes back with the
     * reason; any other failure is thrown.
     */
    public Replayed applyRecord(Connection c, IncomingRecord r) throws SQLException {
        MirrorSql.EntityStatement statement = sql.statement(r.record().entity());
        Savepoint savepoint = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(statement.upsert())) {
            statement.bind(ps, r);
            boolean applied = ps.executeUpdate() > 0;
            c.releaseSavepoint(savepoint);
            return new Replayed(applied, null);
        } catch (SQLException e) {
            if (!SqlErrors.isContentRejection(e)) {
                throw e;
            }
            c.rollback(savepoint);
            return new Replayed(false, r.quarantine(QuarantinedRecord.REJECTED, "PostgreSQL rejected "
                    + r.describe() + ": " + SqlErrors.describe(e)));
        }
    }

    static void insertQuarantine(Connection c, List<QuarantinedRecord> quarantined) throws SQLException {
        if (quarantined.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(MirrorSql.INSERT_QUARANTINE)) {
            for (QuarantinedRecord q : quarantined) {
                ps.setString(1, q.topic());
                ps.setInt(2, q.partition());
                ps.setLong(3, q.offset());
                ps.setBytes(4, q.key());
                ps.setBytes(5, q.value());
                ps.setString(6, q.reason());
                ps.setString(7, q.kind());
                ps.setString(8, q.entity());
                ps.setString(9, q.entityKey());
                ps.setString(10, q.position());
                ps.setBytes(11, q.signature());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Writes what the mirror refused, under the origin it follows. */
    static void insertRejects(Connection c, String origin, List<RejectedRecord> rejected) throws SQLException {
        if (rejected.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(MirrorSql.INSERT_REJECT)) {
            for (RejectedRecord r : rejected) {
                ps.setString(1, origin);
                ps.setString(2, r.subject());
                ps.setString(3, r.topic());
                ps.setInt(4, r.partition());
                ps.setLong(5, r.offset());
                ps.setString(6, r.reason());
                ps.setString(7, r.detail());
                ps.setString(8, r.entity());
                ps.setString(9, r.entityKey());
                ps.setString(10, r.position());
                ps.setString(11, r.keyId());
                ps.setBytes(12, r.key());
                ps.setBytes(13, r.value());
                ps.setBytes(14, r.signature());
                ps.setInt(15, r.valueLength());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Writes the resume offsets of a consumer group, in the caller's transaction. */
    static void storeOffsets(Connection c, String groupId, Map<TopicPartition, Long> nextOffsets) throws SQLException {
        if (nextOffsets.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(MirrorSql.UPSERT_OFFSET)) {
            for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
                ps.setString(1, groupId);
                ps.setString(2, e.getKey().topic());
                ps.setInt(3, e.getKey().partition());
                ps.setLong(4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed, the connection is likely gone: {}", SqlErrors.describe(e));
        }
    }

    /** Kafka coordinates of a batch, for error messages. */
    private static String describe(MirrorBatch batch) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<TopicPartition, Long> e : batch.nextOffsets().entrySet()) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(" up to offset ").append(e.getValue() - 1);
        }
        return sb.isEmpty() ? "no partitions" : sb.toString();
    }
}
