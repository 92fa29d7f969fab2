package org.herd.serve.status;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the mirror knows of each origin's trust: whether its replicator verifies signatures, the
 * trust root it holds, the last checkpoint comparison, and the records it refused by reason. Read
 * from the verifying mirror's tables ({@code herd.mirror_origin}, {@code herd.trust_root},
 * {@code herd.checkpoint_result}, {@code herd.reject}) where the database has them, and "not
 * verified" where it does not: the one place that knows those tables, so that a change to them
 * changes this class only.
 */
public final class TrustStatus {

    /** Shown for an origin the mirror does not verify. */
    public static final String NOT_VERIFIED = "not verified";

    /**
     * One origin's trust.
     *
     * @param state      {@code verified}, or {@link #NOT_VERIFIED}
     * @param root       the trust root held ({@code version 3, expires 2027-01-01}), or empty
     * @param checkpoint the last checkpoint comparison ({@code complete at 2026-12-06 03:00: ...}), or empty
     * @param rejected   open rejects by reason
     */
    public record Trust(String state, String root, String checkpoint, Map<String, Long> rejected) {

        static final Trust NONE = new Trust(NOT_VERIFIED, "", "", Map.of());
    }

    private final JdbcTemplate jdbc;

    public TrustStatus(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The origin's trust; {@link Trust#NONE} when the database has no trust tables or the origin none. */
    public Trust of(String origin) {
        if (!exists("herd.mirror_origin")) {
            return Trust.NONE;
        }
        List<Boolean> verifies = jdbc.query("SELECT verify FROM herd.mirror_origin WHERE origin = ?",
                (rs, n) -> rs.getBoolean(1), origin);
        if (verifies.isEmpty() || !verifies.get(0)) {
            return Trust.NONE;
        }
        String root = exists("herd.trust_root") ? jdbc.query("SELECT version, expires_at FROM herd.trust_root"
                + " WHERE origin = ? ORDER BY version DESC LIMIT 1", (rs, n) -> "version " + rs.getInt(1)
                + ", expires " + day(rs.getTimestamp(2)), origin).stream().findFirst().orElse("none") : "";
        String checkpoint = exists("herd.checkpoint_result") ? jdbc.query("SELECT result, evaluated_at, summary"
                + " FROM herd.checkpoint_result WHERE origin = ? ORDER BY id DESC LIMIT 1", (rs, n) -> rs.getString(1)
                + " at " + minute(rs.getTimestamp(2)) + ": " + rs.getString(3), origin).stream().findFirst()
                .orElse("none yet") : "";
        Map<String, Long> rejected = new LinkedHashMap<>();
        if (exists("herd.reject")) {
            jdbc.query("SELECT reason, count(*) FROM herd.reject WHERE origin = ? AND resolved_at IS NULL"
                    + " GROUP BY reason ORDER BY 2 DESC, 1", rs -> {
                        rejected.put(rs.getString(1), rs.getLong(2));
                    }, origin);
        }
        return new Trust("verified", root, checkpoint, rejected);
    }

    private boolean exists(String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, table));
    }

    private static String day(Timestamp t) {
        return t == null ? "" : t.toInstant().toString().substring(0, 10);
    }

    static String minute(Timestamp t) {
        return t == null ? "" : t.toInstant().toString().substring(0, 16).replace('T', ' ') + " UTC";
    }
}
