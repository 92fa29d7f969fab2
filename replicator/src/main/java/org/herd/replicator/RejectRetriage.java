package org.herd.replicator;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.herd.translator.NeutralRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks again, under the trust root the mirror verifies against now, the records it refused for a
 * reason a newer root may lift ({@link RejectedRecord#MAY_PASS_LATER}): above all records signed by
 * a rotated key that arrived before the root naming it, since the trust topic and the entity topics
 * are not ordered with respect to each other. Run when a root is accepted and when the mirror
 * starts.
 *
 * <p>Like a replay of the quarantine ({@link MirrorQuarantine}), each stored record goes through the
 * same {@link RecordTriage} as the stream and then the position-guarded upsert
 * ({@link JdbcMirrorStore#applyRecord}), so it never overwrites a newer row. One that passes is marked
 * resolved ({@code applied}, or {@code not newer} when the row has moved on); one that fails again
 * stays, with its new reason. Only records signed by a key the current root names as active are
 * read; a chunk of them is one transaction.
 */
public final class RejectRetriage {

    private static final Logger log = LoggerFactory.getLogger(RejectRetriage.class);

    static final int CHUNK = 500;

    private final DataSource dataSource;
    private final String origin;
    private final MirrorTrust trust;
    private final RecordTriage triage;
    private final JdbcMirrorStore store;
    private final MirrorProgress progress;
    private final String name;

    public RejectRetriage(DataSource dataSource, String origin, MirrorTrust trust, RecordTriage triage,
            JdbcMirrorStore store, MirrorProgress progress, String name) {
        this.dataSource = dataSource;
        this.origin = origin;
        this.trust = trust;
        this.triage = triage;
        this.store = store;
        this.progress = progress;
        this.name = name;
    }

    /**
     * What one run did.
     *
     * @param applied     records that now verified and changed their row
     * @param notNewer    records that now verified but whose row had moved past them
     * @param quarantined records that now verified but cannot be applied as they are
     * @param still       records refused again
     */
    public record Report(int applied, int notNewer, int quarantined, int still) {

        public int checked() {
            return applied + notNewer + quarantined + still;
        }
    }

    public Report run() {
        if (!trust.verifying()) {
            return new Report(0, 0, 0, 0);
        }
        String[] keys = trust.state().root().activeKeys().stream().map(k -> k.id().hex()).toArray(String[]::new);
        int applied = 0;
        int notNewer = 0;
        int quarantined = 0;
        int still = 0;
        long after = 0;
        while (true) {
            Chunk chunk;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    chunk = chunk(c, keys, after);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new MirrorStoreException("cannot check again the records in herd.reject: "
                        + SqlErrors.describe(e), e);
            }
            if (chunk.read() == 0) {
                break;
            }
            after = chunk.lastId();
            applied += chunk.applied().size();
            notNewer += chunk.notNewer();
            quarantined += chunk.quarantined().size();
            still += chunk.still();
            progress.record(new BatchResult(chunk.applied(), chunk.notNewer(), chunk.quarantined()));
        }
        Report report = new Report(applied, notNewer, quarantined, still);
        if (report.checked() > 0) {
            log.info("mirror {}: checked {} refused records again under trust root v{}: {} applied, {} not newer than "
                    + "the mirror's rows, {} quarantined, {} still refused", name, report.checked(), trust.version(),
                    applied, notNewer, quarantined, still);
        }
        return report;
    }

    private record Chunk(int read, long lastId, List<NeutralRecord> applied, int notNewer,
            List<QuarantinedRecord> quarantined, int still) {
    }

    private Chunk chunk(Connection c, String[] keys, long after) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, topic, \"partition\", \"offset\", record_key,"
                + " record_value, record_signature FROM herd.reject WHERE origin = ? AND subject = 'record'"
                + " AND resolved_at IS NULL AND reason = ANY (?) AND key_id = ANY (?) AND id > ?"
                + " AND record_signature IS NOT NULL AND record_value IS NOT NULL"
                + " AND octet_length(record_value) = value_length ORDER BY id LIMIT " + CHUNK + " FOR UPDATE")) {
            Array reasons = c.createArrayOf("text", RejectedRecord.MAY_PASS_LATER.toArray());
            Array keyIds = c.createArrayOf("text", keys);
            ps.setString(1, origin);
            ps.setArray(2, reasons);
            ps.setArray(3, keyIds);
            ps.setLong(4, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getBytes(5),
                        rs.getBytes(6), rs.getBytes(7)});
                }
            }
        }
        List<NeutralRecord> applied = new ArrayList<>();
        List<QuarantinedRecord> quarantined = new ArrayList<>();
        int notNewer = 0;
        int still = 0;
        long last = after;
        for (Object[] row : rows) {
            long id = (Long) row[0];
            last = id;
            byte[] key = (byte[]) row[4];
            byte[] value = (byte[]) row[5];
            ConsumerRecord<byte[], byte[]> cr = new ConsumerRecord<>((String) row[1], (Integer) row[2], (Long) row[3],
                    ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE, key == null ? -1 : key.length,
                    value.length, key, value, new RecordHeaders(StoredSignature.headers((byte[]) row[6])),
                    Optional.empty());
            RecordTriage.Outcome o = triage.check(cr);
            if (o.rejected() != null) {
                still++;
                update(c, id, o.rejected().reason(), o.rejected().detail(), null);
                continue;
            }
            QuarantinedRecord q = o.quarantined();
            if (q == null) {
                JdbcMirrorStore.Replayed r = store.applyRecord(c, o.record());
                if (r.rejected() == null) {
                    if (r.applied()) {
                        applied.add(o.record().record());
                    } else {
                        notNewer++;
                    }
                    update(c, id, null, null, r.applied() ? MirrorQuarantine.APPLIED : MirrorQuarantine.NOT_NEWER);
                    continue;
                }
                q = r.rejected();
            }
            quarantined.add(q);
            JdbcMirrorStore.insertQuarantine(c, List.of(q));
            update(c, id, null, null, "quarantined");
        }
        return new Chunk(rows.size(), last, applied, notNewer, quarantined, still);
    }

    /** Marks a reject resolved, or keeps it open with the reason and detail it failed with now. */
    private static void update(Connection c, long id, String reason, String detail, String resolution)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(resolution != null
                ? "UPDATE herd.reject SET retry_count = retry_count + 1, retried_at = now(), resolved_at = now(),"
                        + " resolution = ? WHERE id = ?"
                : "UPDATE herd.reject SET retry_count = retry_count + 1, retried_at = now(), reason = ?, detail = ?"
                        + " WHERE id = ?")) {
            if (resolution != null) {
                ps.setString(1, resolution);
                ps.setLong(2, id);
            } else {
                ps.setString(1, reason);
                ps.setString(2, detail);
                ps.setLong(3, id);
            }
            ps.executeUpdate();
        }
    }
}
