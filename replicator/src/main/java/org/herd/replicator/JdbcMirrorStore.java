package org.herd.replicator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
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
 */
public final class JdbcMirrorStore implements MirrorStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcMirrorStore.class);

    private final DataSource dataSource;
    private final MirrorSql sql;
    private final String groupId;
    private final CopyLoad copyLoad = new CopyLoad();
    private final MirrorStatusWriter status;

    public JdbcMirrorStore(DataSource dataSource, MirrorSql sql, String groupId) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.groupId = groupId;
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
    public BatchResult apply(MirrorBatch batch) {
        List<IncomingRecord> newest = new ArrayList<>(newestPerRow(batch.records()).values());
        int superseded = batch.records().size() - newest.size();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Applied applied;
                try {
                    applied = applyBatched(c, newest);
                } catch (SQLException e) {
                    if (!SqlErrors.isContentRejection(e)) {
                        throw e;
                    }
                    c.rollback();
                    log.warn("PostgreSQL rejected a record of a batch of {} ({}); applying it record by record to "
                            + "quarantine the rejected ones", newest.size(), SqlErrors.describe(e));
                    applied = applyOneByOne(c, newest);
                }
                List<QuarantinedRecord> quarantined = new ArrayList<>(batch.quarantined());
                quarantined.addAll(applied.rejected());
                insertQuarantine(c, quarantined);
                storeOffsets(c, batch.nextOffsets());
                status.write(c, applied.rows());
                c.commit();
                return new BatchResult(applied.rows(), superseded + applied.notNewer(), quarantined);
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

    /** The newest record per (entity, key), in the order the rows were first seen. */
    private static Map<RowId, IncomingRecord> newestPerRow(List<IncomingRecord> records) {
        Map<RowId, IncomingRecord> newest = new LinkedHashMap<>();
        for (IncomingRecord r : records) {
            NeutralRecord n = r.record();
            newest.merge(new RowId(n.entity(), n.origin(), n.key()), r,
                    (held, candidate) -> candidate.record().position().isAfter(held.record().position())
                            ? candidate : held);
        }
        return newest;
    }

    private record RowId(String entity, String origin, Map<String, Object> key) {
    }

    private record Applied(List<NeutralRecord> rows, int notNewer, List<QuarantinedRecord> rejected) {
    }

    private Applied applyBatched(Connection c, List<IncomingRecord> records) throws SQLException {
        Map<String, List<NeutralRecord>> byEntity = new LinkedHashMap<>();
        for (IncomingRecord r : records) {
            byEntity.computeIfAbsent(r.record().entity(), e -> new ArrayList<>()).add(r.record());
        }
        List<NeutralRecord> rows = new ArrayList<>();
        int notNewer = 0;
        for (Map.Entry<String, List<NeutralRecord>> e : byEntity.entrySet()) {
            MirrorSql.EntityStatement statement = sql.statement(e.getKey());
            if (copyLoad.tryCopy(c, statement.entity(), e.getValue())) {
                rows.addAll(e.getValue());
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
            for (NeutralRecord r : e.getValue()) {
                if (changed.contains(rowId(statement, r))) {
                    rows.add(r);
                } else {
                    notNewer++;
                }
            }
        }
        return new Applied(rows, notNewer, List.of());
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

    private Applied applyOneByOne(Connection c, List<IncomingRecord> records) throws SQLException {
        List<NeutralRecord> rows = new ArrayList<>();
        List<QuarantinedRecord> rejected = new ArrayList<>();
        int notNewer = 0;
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
                    statement.bind(ps, r.record());
                    if (ps.executeUpdate() > 0) {
                        rows.add(r.record());
                    } else {
                        notNewer++;
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
        return new Applied(rows, notNewer, rejected);
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
            statement.bind(ps, r.record());
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

    private static void insertQuarantine(Connection c, List<QuarantinedRecord> quarantined) throws SQLException {
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
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void storeOffsets(Connection c, Map<TopicPartition, Long> nextOffsets) throws SQLException {
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
