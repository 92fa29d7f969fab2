package org.herd.replicator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;

/**
 * A mirror's trust in its database: which origins it follows and whether it verifies
 * ({@code herd.mirror_origin}), the trust roots it accepted ({@code herd.trust_root}), and the roots
 * it refused ({@code herd.reject}, subject {@value RejectedRecord#TRUST_ROOT}), among them those that
 * came before the version they follow and wait for it ({@code version_gap}).
 */
public final class TrustRootStore {

    private final DataSource dataSource;
    private final String origin;

    public TrustRootStore(DataSource dataSource, String origin) {
        this.dataSource = dataSource;
        this.origin = origin;
    }

    /** The roots accepted for this origin, oldest first. */
    public List<MirrorTrust.StoredRoot> load() {
        try (Connection c = dataSource.getConnection()) {
            return load(c, origin);
        } catch (SQLException e) {
            throw new MirrorStoreException("cannot read herd.trust_root of origin " + origin + ": "
                    + SqlErrors.describe(e), e);
        }
    }

    static List<MirrorTrust.StoredRoot> load(Connection c, String origin) throws SQLException {
        List<MirrorTrust.StoredRoot> roots = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, root_file, expires_at, source, topic,"
                + " \"partition\", \"offset\" FROM herd.trust_root WHERE origin = ? ORDER BY version")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    roots.add(new MirrorTrust.StoredRoot(rs.getInt(1), rs.getBytes(2), rs.getTimestamp(3).toInstant(),
                            rs.getString(4), rs.getString(5), (Integer) rs.getObject(6),
                            rs.getObject(7) == null ? null : rs.getLong(7)));
                }
            }
        }
        return roots;
    }

    /**
     * Says which origin this mirror follows, under which topic prefix, and whether it verifies, for
     * {@code herd mirror status} and for replays of the quarantine.
     */
    public void recordStart(String topicPrefix, boolean verify) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO herd.mirror_origin (origin, topic_prefix, verify) VALUES (?, ?, ?)"
                        + " ON CONFLICT (origin) DO UPDATE SET topic_prefix = EXCLUDED.topic_prefix,"
                        + " verify = EXCLUDED.verify, started_at = now()")) {
            ps.setString(1, origin);
            ps.setString(2, topicPrefix);
            ps.setBoolean(3, verify);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new MirrorStoreException("cannot write herd.mirror_origin of origin " + origin + ": "
                    + SqlErrors.describe(e), e);
        }
    }

    /** Stores the root pinned from herd.mirror.trust.root-file at start-up. */
    public void insert(MirrorTrust.StoredRoot root) {
        try (Connection c = dataSource.getConnection()) {
            insert(c, root);
        } catch (SQLException e) {
            throw new MirrorStoreException("cannot store trust root version " + root.version() + " in herd.trust_root: "
                    + SqlErrors.describe(e), e);
        }
    }

    private void insert(Connection c, MirrorTrust.StoredRoot root) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO herd.trust_root (origin, version, root_file,"
                + " expires_at, source, topic, \"partition\", \"offset\") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, origin);
            ps.setInt(2, root.version());
            ps.setBytes(3, root.file());
            ps.setTimestamp(4, Timestamp.from(root.expires()));
            ps.setString(5, root.source());
            ps.setString(6, root.topic());
            if (root.partition() == null) {
                ps.setNull(7, Types.INTEGER);
                ps.setNull(8, Types.BIGINT);
            } else {
                ps.setInt(7, root.partition());
                ps.setLong(8, root.offset());
            }
            ps.executeUpdate();
        }
    }

    /**
     * Keeps what became of roots read from the topic, in one transaction with the topic's offsets:
     * the accepted one, the refused ones, the waiting ones settled now.
     *
     * @param accepted  the root accepted, or null
     * @param refused   roots refused (subject trust-root)
     * @param resolved  ids of waiting roots ({@code version_gap}) that were accepted now
     * @param groupId   the consumer group whose offsets these are
     * @param offsets   the trust topic's next offsets
     */
    public void store(MirrorTrust.StoredRoot accepted, List<RejectedRecord> refused, List<Long> resolved, String groupId,
            Map<TopicPartition, Long> offsets) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (accepted != null) {
                    insert(c, accepted);
                }
                JdbcMirrorStore.insertRejects(c, origin, refused);
                for (long id : resolved) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE herd.reject SET resolved_at = now(),"
                            + " resolution = 'accepted', retry_count = retry_count + 1, retried_at = now()"
                            + " WHERE id = ?")) {
                        ps.setLong(1, id);
                        ps.executeUpdate();
                    }
                }
                JdbcMirrorStore.storeOffsets(c, groupId, offsets);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new MirrorStoreException("cannot store what became of the trust roots read from the topic: "
                    + SqlErrors.describe(e), e);
        }
    }

    /** A root that came before the version it follows, waiting in herd.reject. */
    public record WaitingRoot(long id, byte[] file, String topic, int partition, long offset) {
    }

    /** The roots that wait for the version before them ({@code version_gap}), in the order they came. */
    public List<WaitingRoot> waiting() {
        List<WaitingRoot> roots = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, record_value, topic, \"partition\", \"offset\" FROM herd.reject WHERE origin = ?"
                        + " AND subject = 'trust-root' AND reason = 'version_gap' AND resolved_at IS NULL"
                        + " AND record_value IS NOT NULL AND octet_length(record_value) = value_length ORDER BY id")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    roots.add(new WaitingRoot(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getInt(4),
                            rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new MirrorStoreException("cannot read the trust roots waiting in herd.reject: "
                    + SqlErrors.describe(e), e);
        }
        return roots;
    }
}
