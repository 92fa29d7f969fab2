package org.herd.replicator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * What an operator does with {@code herd.quarantine}: list the records, and replay them after
 * fixing the cause (a migration relaxing a constraint, a mirror upgraded to a newer wire format).
 *
 * <p>A replay runs each stored record through the same path as the stream: {@link RecordTriage}
 * (verify when the mirror verifies, decode and check), then {@link JdbcMirrorStore#applyRecord}, the
 * position-guarded upsert, so a replayed record never overwrites a newer row. One that now applies,
 * or that the mirror's row has superseded, is marked resolved and kept for the record; one that
 * still fails keeps its place with its new reason; one the mirror refuses (its signature does not
 * verify against the trust root the mirror holds in {@code herd.trust_root}, or it does not belong
 * to the mirror) moves to {@code herd.reject}. Each record is its own transaction.
 */
public final class MirrorQuarantine {

    private final DataSource dataSource;
    private final String origin;
    private final MirrorTopics topics;
    private final JdbcMirrorStore store;

    /**
     * @param origin      the origin the mirror follows (records of another are refused)
     * @param topicPrefix its topic prefix, herd.{origin} unless configured otherwise
     */
    public MirrorQuarantine(DataSource dataSource, String origin, String topicPrefix) {
        this.dataSource = dataSource;
        this.origin = origin;
        this.topics = new MirrorTopics(topicPrefix);
        this.store = new JdbcMirrorStore(dataSource, MirrorSql.forEntities(
                org.herd.translator.schema.NeutralSchema.entities()), "quarantine-replay", origin);
    }

    /**
     * The triage the mirror's stream runs now: verifying against the newest root in
     * herd.trust_root when herd.mirror_origin says the mirror of this origin verifies.
     */
    private RecordTriage triage() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean verify = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT verify FROM herd.mirror_origin WHERE origin = ?")) {
                ps.setString(1, origin);
                try (ResultSet rs = ps.executeQuery()) {
                    verify = rs.next() && rs.getBoolean(1);
                }
            }
            MirrorTrust trust = verify ? MirrorTrust.stored(origin, TrustRootStore.load(c, origin), Instant.now())
                    : MirrorTrust.off(origin);
            return new RecordTriage(origin, topics, trust);
        }
    }

    /**
     * One row of {@code herd.quarantine}.
     *
     * @param resolvedAt null while the record is still quarantined
     */
    public record Entry(long id, Instant receivedAt, String topic, int partition, long offset, String kind,
            String entity, String entityKey, String position, String reason, int replayCount, Instant replayedAt,
            Instant resolvedAt, String resolution) {
    }

    /**
     * What a replay did.
     *
     * @param rejected records moved to herd.reject: their signature does not verify, or they do not
     *                 belong to the mirror (resolved here with resolution {@code rejected})
     */
    public record ReplayReport(List<Entry> applied, List<Entry> notNewer, List<Entry> stillQuarantined,
            List<Entry> rejected) {
    }

    /** How a replay settled a record: applied, or older than the mirror's row and so left alone. */
    static final String APPLIED = "applied";
    static final String NOT_NEWER = "not newer";
    static final String REJECTED = "rejected";

    private static final String COLUMNS = "id, received_at, topic, \"partition\", \"offset\", kind, entity, entity_key,"
            + " source_position, reason, replay_count, replayed_at, resolved_at, resolution";

    /**
     * Quarantined records in stream order (topic, partition, offset), the resolved ones too if
     * asked. Not by id: records set aside by triage and those PostgreSQL rejected in the same
     * batch are inserted in that order, not the stream's.
     */
    public List<Entry> list(boolean includeResolved) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM herd.quarantine" + (includeResolved ? "" : " WHERE resolved_at IS NULL")
                        + " ORDER BY topic, \"partition\", \"offset\", id")) {
            return entries(ps);
        }
    }

    /**
     * Replays the open records, or one record by id (which must exist and be open).
     *
     * @throws IllegalArgumentException when the id names no open record
     */
    public ReplayReport replay(Long id) throws SQLException {
        List<Entry> applied = new ArrayList<>();
        List<Entry> notNewer = new ArrayList<>();
        List<Entry> still = new ArrayList<>();
        List<Entry> rejected = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        RecordTriage triage = triage();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM herd.quarantine WHERE resolved_at IS NULL" + (id == null ? "" : " AND id = ?")
                        + " ORDER BY topic, \"partition\", \"offset\", id")) {
            if (id != null) {
                ps.setLong(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        if (id != null && ids.isEmpty()) {
            throw new IllegalArgumentException("--id " + id + ": no open quarantined record has that id");
        }
        for (long next : ids) {
            Entry e = replayOne(next, triage);
            if (e == null) {
                continue;
            }
            if (e.resolvedAt() == null) {
                still.add(e);
            } else if (APPLIED.equals(e.resolution())) {
                applied.add(e);
            } else if (REJECTED.equals(e.resolution())) {
                rejected.add(e);
            } else {
                notNewer.add(e);
            }
        }
        return new ReplayReport(applied, notNewer, still, rejected);
    }

    private Entry replayOne(long id, RecordTriage triage) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ConsumerRecord<byte[], byte[]> cr;
                try (PreparedStatement ps = c.prepareStatement("SELECT topic, \"partition\", \"offset\", record_key,"
                        + " record_value, record_signature FROM herd.quarantine WHERE id = ? AND resolved_at IS NULL"
                        + " FOR UPDATE")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            // Settled by another replay since the ids were listed: not ours to apply again.
                            c.rollback();
                            return null;
                        }
                        byte[] signature = rs.getBytes(6);
                        cr = new ConsumerRecord<>(rs.getString(1), rs.getInt(2), rs.getLong(3),
                                ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE, -1, -1, rs.getBytes(4),
                                rs.getBytes(5), new RecordHeaders(signature == null ? List.of()
                                        : StoredSignature.headers(signature)), Optional.empty());
                    }
                }
                RecordTriage.Outcome outcome = triage.check(cr);
                if (outcome.rejected() != null) {
                    JdbcMirrorStore.insertRejects(c, origin, List.of(outcome.rejected()));
                    try (PreparedStatement ps = c.prepareStatement("UPDATE herd.quarantine SET"
                            + " replay_count = replay_count + 1, replayed_at = now(), resolved_at = now(),"
                            + " resolution = ?, reason = ? WHERE id = ?")) {
                        ps.setString(1, REJECTED);
                        ps.setString(2, "moved to herd.reject: " + outcome.rejected().reason() + ": "
                                + outcome.rejected().detail());
                        ps.setLong(3, id);
                        ps.executeUpdate();
                    }
                } else if (outcome.quarantined() != null) {
                    stillQuarantined(c, id, outcome.quarantined());
                } else {
                    JdbcMirrorStore.Replayed r = store.applyRecord(c, outcome.record());
                    if (r.rejected() != null) {
                        stillQuarantined(c, id, r.rejected());
                    } else {
                        IncomingRecord in = outcome.record();
                        try (PreparedStatement ps = c.prepareStatement("UPDATE herd.quarantine SET"
                                + " replay_count = replay_count + 1, replayed_at = now(), resolved_at = now(),"
                                + " resolution = ?, entity = ?, entity_key = ?, source_position = ? WHERE id = ?")) {
                            ps.setString(1, r.applied() ? APPLIED : NOT_NEWER);
                            ps.setString(2, in.record().entity());
                            ps.setString(3, IncomingRecord.keyJson(in.record()));
                            ps.setString(4, in.record().position().toString());
                            ps.setLong(5, id);
                            ps.executeUpdate();
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM herd.quarantine WHERE id = ?")) {
                ps.setLong(1, id);
                return entries(ps).get(0);
            }
        }
    }

    private static void stillQuarantined(Connection c, long id, QuarantinedRecord q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE herd.quarantine SET replay_count = replay_count + 1,"
                + " replayed_at = now(), reason = ?, kind = ?, entity = COALESCE(?, entity),"
                + " entity_key = COALESCE(?, entity_key), source_position = COALESCE(?, source_position)"
                + " WHERE id = ?")) {
            ps.setString(1, q.reason());
            ps.setString(2, q.kind());
            ps.setString(3, q.entity());
            ps.setString(4, q.entityKey());
            ps.setString(5, q.position());
            ps.setLong(6, id);
            ps.executeUpdate();
        }
    }

    private static List<Entry> entries(PreparedStatement ps) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Entry(rs.getLong(1), instant(rs.getTimestamp(2)), rs.getString(3), rs.getInt(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getInt(11), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                        rs.getString(14)));
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
