package org.herd.replicator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.herd.translator.wire.WireFormatException;
import org.herd.trust.RejectReason;
import org.herd.trust.RootFailure;

/**
 * What {@code herd mirror status} shows, read from a mirror's database alone: per origin, whether
 * the mirror verifies, the trust root it verifies against and its expiry, the highest position
 * applied, the live rows per entity, the last comparison with a checkpoint, what it refused by
 * reason (every reason, zeros included) and how many records wait in the quarantine.
 */
public final class MirrorStatus {

    private MirrorStatus() {
    }

    /**
     * One origin's status.
     *
     * @param verify           whether its replicator verifies (as it last started)
     * @param rootVersion      the trust root verified against, 0 when none
     * @param rootExpires      when it expires, or null
     * @param highestPosition  the highest source position of any row, or null when there is none
     * @param liveRows         live rows per entity of the neutral schema
     * @param lastCheckpoint   the latest verified checkpoint kept, as its position, or null
     * @param lastResult       the last comparison with a checkpoint, or null
     * @param rejectedRecords  open rejects of records per reason, every reason listed
     * @param retried          rejects settled when checked again under a newer root, by resolution
     * @param refusedCheckpoints open rejects of checkpoints per reason, every reason listed
     * @param refusedRoots     open refusals of trust roots per reason, every reason listed
     * @param quarantined      open records in herd.quarantine on this origin's topics
     * @param succession       the latest succession past epoch 1 ({@code herd.epoch_retirement}), or null
     */
    public record OriginStatus(String origin, String topicPrefix, boolean verify, Instant startedAt, int rootVersion,
            Instant rootExpires, String highestPosition, Map<String, Long> liveRows, String lastCheckpoint,
            CheckpointResult lastResult, Map<String, Long> rejectedRecords, Map<String, Long> retried,
            Map<String, Long> refusedCheckpoints, Map<String, Long> refusedRoots, long quarantined,
            String succession) {

        /** Whether the trust root had expired at {@code now}. */
        public boolean expired(Instant now) {
            return rootExpires != null && !now.isBefore(rootExpires);
        }
    }

    /**
     * A comparison with a checkpoint.
     *
     * @param result   complete, differs or partial ({@link CheckpointComparison})
     * @param entities the entities that differ or were not compared, with what was expected and found
     */
    public record CheckpointResult(String result, String position, Instant issuedAt, Instant evaluatedAt,
            String summary, List<CheckpointComparison.EntityResult> entities) {
    }

    /** Every origin the database's mirrors follow (only {@code origin} when given), sorted by name. */
    public static List<OriginStatus> read(DataSource dataSource, String origin) throws SQLException {
        List<OriginStatus> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            List<Object[]> origins = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT origin, topic_prefix, verify, started_at"
                    + " FROM herd.mirror_origin" + (origin == null ? "" : " WHERE origin = ?") + " ORDER BY origin")) {
                if (origin != null) {
                    ps.setString(1, origin);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        origins.add(new Object[] {rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            rs.getTimestamp(4).toInstant()});
                    }
                }
            }
            for (Object[] o : origins) {
                out.add(read(c, (String) o[0], (String) o[1], (Boolean) o[2], (Instant) o[3]));
            }
        }
        return out;
    }

    /**
     * Secondary indexes the mirror's first copy dropped and has not built again yet
     * ({@link DeferredIndexes}); 0 on a mirror whose schema predates them.
     */
    public static int deferredIndexes(DataSource dataSource) throws SQLException {
        return rowsOf(dataSource, "deferred_index");
    }

    /**
     * Entity tables whose autovacuum the mirror's first copy turned off and has not turned on again
     * yet ({@link DeferredIndexes}, {@code herd.paused_autovacuum}); 0 on a mirror whose schema
     * predates it.
     */
    public static int pausedAutovacuum(DataSource dataSource) throws SQLException {
        return rowsOf(dataSource, "paused_autovacuum");
    }

    /** The rows of table {@code herd.<table>}; 0 when the mirror's schema predates the table. */
    private static int rowsOf(DataSource dataSource, String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT CASE WHEN to_regclass('herd." + table + "') IS NULL THEN 0"
                        + " ELSE (SELECT count(*) FROM herd." + table + ") END")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static OriginStatus read(Connection c, String origin, String prefix, boolean verify, Instant startedAt)
            throws SQLException {
        int version = 0;
        Instant expires = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT version, expires_at FROM herd.trust_root WHERE origin = ?"
                + " ORDER BY version DESC LIMIT 1")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    version = rs.getInt(1);
                    expires = rs.getTimestamp(2).toInstant();
                }
            }
        }
        Map<String, Long> live = new LinkedHashMap<>();
        long[] highest = null;
        byte[] highestValue = null;
        for (EntityType e : NeutralSchema.entities()) {
            String table = MirrorSql.SCHEMA + "." + MirrorSql.quote(e.name());
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table
                    + " WHERE origin = ? AND NOT deleted")) {
                ps.setString(1, origin);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    live.put(e.name(), rs.getLong(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT src_epoch, src_file_seq, src_pos, src_event, src_row,"
                    + " src_value FROM " + table + " WHERE origin = ? ORDER BY src_epoch DESC, src_file_seq DESC,"
                    + " src_pos DESC, src_event DESC, src_row DESC LIMIT 1")) {
                ps.setString(1, origin);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long[] p = {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)};
                        if (highest == null || java.util.Arrays.compare(p, highest) > 0) {
                            highest = p;
                            highestValue = rs.getBytes(6);
                        }
                    }
                }
            }
        }
        String lastCheckpoint = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch, file, pos, event, \"row\", issued_at"
                + " FROM herd.checkpoint WHERE origin = ?")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    lastCheckpoint = "e" + rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getLong(3) + "/"
                            + rs.getLong(4) + "#" + rs.getInt(5) + " (issued " + rs.getTimestamp(6).toInstant() + ")";
                }
            }
        }
        return new OriginStatus(origin, prefix, verify, startedAt, version, expires, position(highest, highestValue),
                live, lastCheckpoint, lastResult(c, origin),
                counts(c, origin, RejectedRecord.RECORD, RejectedRecord.RECORD_REASONS),
                retried(c, origin),
                counts(c, origin, RejectedRecord.CHECKPOINT, java.util.Arrays.stream(RejectReason.values())
                        .map(RejectReason::wireName).toList()),
                counts(c, origin, RejectedRecord.TRUST_ROOT, java.util.Arrays.stream(RootFailure.values())
                        .map(RootFailure::wireName).toList()),
                quarantined(c, prefix), succession(c, origin));
    }

    /**
     * The latest epoch past the first that superseded the earlier ones, in words: when its rows
     * were retired and how many, or that the mirror has not passed its checkpoint yet.
     */
    private static String succession(Connection c, String origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch, checkpoint_position, retired_at, rows_retired"
                + " FROM herd.epoch_retirement WHERE origin = ? AND epoch > 1 ORDER BY epoch DESC LIMIT 1")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String head = "epoch " + rs.getLong(1) + " superseded the earlier ones (checkpoint at " + rs.getString(2)
                        + "): ";
                Timestamp retired = rs.getTimestamp(3);
                return retired == null ? head + "rows of earlier epochs not retired yet, once the mirror has passed it"
                        : head + rs.getLong(4) + " rows the origin no longer holds retired at " + retired.toInstant();
            }
        }
    }

    /** The position as the wire format names it when the row keeps its record, else its numbers. */
    private static String position(long[] p, byte[] value) {
        if (p == null) {
            return null;
        }
        if (value != null) {
            try {
                return WireFormat.decode(value).position().toString();
            } catch (WireFormatException | IllegalArgumentException e) {
                // fall through to the numbers
            }
        }
        return "e" + p[0] + ": binlog file no. " + p[1] + ", " + p[2] + "/" + p[3] + "#" + p[4];
    }

    private static CheckpointResult lastResult(Connection c, String origin) throws SQLException {
        long id;
        CheckpointResult result;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, result, checkpoint_position, issued_at, evaluated_at,"
                + " summary FROM herd.checkpoint_result WHERE origin = ? ORDER BY id DESC LIMIT 1")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                id = rs.getLong(1);
                result = new CheckpointResult(rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
                        instant(rs.getTimestamp(5)), rs.getString(6), new ArrayList<>());
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT entity, outcome, expected_rows, found_rows,"
                + " expected_digest, found_digest, without_fingerprint FROM herd.checkpoint_entity_result"
                + " WHERE result_id = ? AND outcome <> 'match' ORDER BY entity")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.entities().add(new CheckpointComparison.EntityResult(rs.getString(1), rs.getString(2),
                            rs.getLong(3), rs.getObject(4) == null ? null : rs.getLong(4), rs.getString(5),
                            rs.getString(6), rs.getLong(7)));
                }
            }
        }
        return result;
    }

    /** Open rejects of a subject per reason: every reason of {@code reasons}, zeros included, then any other. */
    private static Map<String, Long> counts(Connection c, String origin, String subject, List<String> reasons)
            throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        reasons.forEach(r -> counts.put(r, 0L));
        try (PreparedStatement ps = c.prepareStatement("SELECT reason, count(*) FROM herd.reject WHERE origin = ?"
                + " AND subject = ? AND resolved_at IS NULL GROUP BY reason ORDER BY reason")) {
            ps.setString(1, origin);
            ps.setString(2, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private static Map<String, Long> retried(Connection c, String origin) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT resolution, count(*) FROM herd.reject WHERE origin = ?"
                + " AND subject = 'record' AND resolved_at IS NOT NULL GROUP BY resolution")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private static long quarantined(Connection c, String prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM herd.quarantine WHERE resolved_at IS NULL"
                + " AND left(topic, ?) = ?")) {
            ps.setInt(1, prefix.length() + 1);
            ps.setString(2, prefix + ".");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
