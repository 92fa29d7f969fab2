package org.herd.replicator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;

/**
 * Writes what the status page shows into {@code herd.mirror_status} and {@code herd.mirror_lag}
 * (migration V13), in the transaction of each batch: the highest position applied per origin,
 * when, and the lag of the last streamed record (commit here minus commit at the origin); and a
 * lag sample per origin at most every {@link #SAMPLE_INTERVAL}, older samples than
 * {@link #KEPT} dropped. Two small statements per batch; nothing when a batch changed no row.
 */
final class MirrorStatusWriter {

    static final Duration SAMPLE_INTERVAL = Duration.ofMinutes(1);
    static final Duration KEPT = Duration.ofDays(7);

    private static final String UPSERT_STATUS = "INSERT INTO herd.mirror_status"
            + " (origin, group_id, position, position_ts, applied_at, lag_ms) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (origin, group_id) DO UPDATE SET position = EXCLUDED.position,"
            + " position_ts = EXCLUDED.position_ts, applied_at = EXCLUDED.applied_at,"
            + " lag_ms = coalesce(EXCLUDED.lag_ms, herd.mirror_status.lag_ms)";
    private static final String INSERT_LAG = "INSERT INTO herd.mirror_lag (origin, at, lag_ms) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String PRUNE_LAG = "DELETE FROM herd.mirror_lag WHERE origin = ? AND at < ?";

    private final String groupId;
    private final Clock clock;
    /** Per origin: the highest position applied since start; rows of different topics come in any order. */
    private final Map<String, SourcePosition> highest = new HashMap<>();
    private final Map<String, Long> lastSampleMs = new HashMap<>();

    MirrorStatusWriter(String groupId, Clock clock) {
        this.groupId = groupId;
        this.clock = clock;
    }

    /** Records what the batch applied; runs in its transaction, on the apply loop's one thread. */
    void write(Connection c, List<NeutralRecord> applied) throws SQLException {
        if (applied.isEmpty()) {
            return;
        }
        long now = clock.millis();
        Map<String, Batch> byOrigin = new HashMap<>();
        for (NeutralRecord r : applied) {
            Batch b = byOrigin.computeIfAbsent(r.origin(), o -> new Batch());
            SourcePosition p = r.position();
            if (b.highest == null || p.isAfter(b.highest)) {
                b.highest = p;
            }
            // Snapshot rows carry the snapshot's start, not a commit time: no lag to measure.
            if (!p.snapshot() && p.tsMs() > 0) {
                b.lagMs = Math.max(0, now - p.tsMs());
            }
        }
        try (PreparedStatement status = c.prepareStatement(UPSERT_STATUS);
                PreparedStatement lag = c.prepareStatement(INSERT_LAG);
                PreparedStatement prune = c.prepareStatement(PRUNE_LAG)) {
            for (Map.Entry<String, Batch> e : byOrigin.entrySet()) {
                String origin = e.getKey();
                Batch b = e.getValue();
                SourcePosition held = highest.merge(origin, b.highest, (o, n) -> n.isAfter(o) ? n : o);
                status.setString(1, origin);
                status.setString(2, groupId);
                status.setString(3, held.toString());
                status.setTimestamp(4, held.tsMs() > 0 ? new Timestamp(held.tsMs()) : null);
                status.setTimestamp(5, new Timestamp(now));
                if (b.lagMs >= 0) {
                    status.setLong(6, b.lagMs);
                } else {
                    status.setNull(6, java.sql.Types.BIGINT);
                }
                status.addBatch();
                Long last = lastSampleMs.get(origin);
                if (b.lagMs >= 0 && (last == null || now - last >= SAMPLE_INTERVAL.toMillis())) {
                    lastSampleMs.put(origin, now);
                    lag.setString(1, origin);
                    lag.setTimestamp(2, new Timestamp(now));
                    lag.setLong(3, b.lagMs);
                    lag.addBatch();
                    prune.setString(1, origin);
                    prune.setTimestamp(2, new Timestamp(now - KEPT.toMillis()));
                    prune.addBatch();
                }
            }
            status.executeBatch();
            lag.executeBatch();
            prune.executeBatch();
        }
    }

    /** Forgets what it wrote: the transaction it wrote in was rolled back. */
    void rolledBack() {
        lastSampleMs.clear();
    }

    private static final class Batch {
        SourcePosition highest;
        long lagMs = -1;
    }
}
