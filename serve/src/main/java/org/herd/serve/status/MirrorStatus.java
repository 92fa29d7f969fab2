package org.herd.serve.status;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the status page shows, read from the mirror's database so that it is the same whichever
 * process serves it: per origin, the replicators' progress ({@code herd.mirror_status}, V13), the
 * lag history ({@code herd.mirror_lag}), the live rows per entity, and the trust
 * ({@link TrustStatus}); and the records quarantined, by kind. A database without V13 shows no
 * progress, only what it holds. Row counts are counted at most once per {@link #COUNTS_TTL}.
 */
public final class MirrorStatus {

    /** The window of the lag chart. */
    public static final Duration CHART_WINDOW = Duration.ofHours(6);
    static final Duration COUNTS_TTL = Duration.ofMinutes(1);

    /**
     * One replicator's progress on one origin.
     *
     * @param groupId    its consumer group
     * @param position   the highest source position applied
     * @param positionAt the origin's commit time of that position, or empty (snapshot rows)
     * @param appliedAt  when it last applied a batch
     * @param lagMs      lag of the last live change it applied, or -1
     */
    public record Replication(String groupId, String position, String positionAt, Instant appliedAt, long lagMs) {
    }

    /** Live rows of one entity. */
    public record EntityCount(String entity, long rows) {
    }

    /** Records quarantined and not resolved, of one kind. */
    public record KindCount(String kind, long count) {
    }

    /**
     * One origin.
     *
     * @param origin       its name
     * @param replications the replicators that applied its records, newest first
     * @param lag          lag samples over {@link #CHART_WINDOW}, oldest first
     * @param counts       live rows per entity
     * @param trust        its trust
     */
    public record OriginStatus(String origin, List<Replication> replications, List<LagChart.Sample> lag,
            List<EntityCount> counts, TrustStatus.Trust trust) {
    }

    private record Counted(Map<String, List<EntityCount>> byOrigin, long atNanos) {
    }

    private final JdbcTemplate jdbc;
    private final TrustStatus trust;
    private final Clock clock;
    private final AtomicReference<Counted> counted = new AtomicReference<>();

    public MirrorStatus(JdbcTemplate jdbc, TrustStatus trust, Clock clock) {
        this.jdbc = jdbc;
        this.trust = trust;
        this.clock = clock;
    }

    /** Every origin the database holds rows of or has progress for, in name order. */
    public List<OriginStatus> origins(List<String> held) {
        boolean progress = exists("herd.mirror_status");
        TreeSet<String> names = new TreeSet<>(held);
        Map<String, List<Replication>> replications = new HashMap<>();
        if (progress) {
            jdbc.query("SELECT origin, group_id, position, position_ts, applied_at, lag_ms FROM herd.mirror_status"
                    + " ORDER BY applied_at DESC", rs -> {
                        Timestamp at = rs.getTimestamp(4);
                        long lag = rs.getLong(6);
                        if (rs.wasNull()) {
                            lag = -1;
                        }
                        replications.computeIfAbsent(rs.getString(1), o -> new ArrayList<>()).add(new Replication(
                                rs.getString(2), rs.getString(3), at == null ? "" : TrustStatus.minute(at),
                                rs.getTimestamp(5).toInstant(), lag));
                    });
            names.addAll(replications.keySet());
        }
        Map<String, List<EntityCount>> counts = counts();
        Instant now = clock.instant();
        List<OriginStatus> out = new ArrayList<>();
        for (String origin : names) {
            List<LagChart.Sample> lag = progress ? jdbc.query("SELECT at, lag_ms FROM herd.mirror_lag"
                    + " WHERE origin = ? AND at > ? ORDER BY at", (rs, n) -> new LagChart.Sample(
                            rs.getTimestamp(1).toInstant(), rs.getLong(2)), origin,
                    Timestamp.from(now.minus(CHART_WINDOW))) : List.of();
            out.add(new OriginStatus(origin, replications.getOrDefault(origin, List.of()), lag,
                    counts.getOrDefault(origin, List.of()), trust.of(origin)));
        }
        return out;
    }

    /** Quarantined records not yet resolved, by kind (the quarantine does not record origins). */
    public List<KindCount> quarantined() {
        return jdbc.query("SELECT coalesce(kind, 'unknown'), count(*) FROM herd.quarantine WHERE resolved_at IS NULL"
                + " GROUP BY 1 ORDER BY 2 DESC, 1", (rs, n) -> new KindCount(rs.getString(1), rs.getLong(2)));
    }

    /** Live rows per origin and entity, in one query over every entity's live view. */
    private Map<String, List<EntityCount>> counts() {
        Counted c = counted.get();
        long now = System.nanoTime();
        if (c != null && now - c.atNanos() < COUNTS_TTL.toNanos()) {
            return c.byOrigin();
        }
        StringBuilder sql = new StringBuilder();
        for (EntityType e : NeutralSchema.entities()) {
            if (!sql.isEmpty()) {
                sql.append(" UNION ALL ");
            }
            // Entity names come from the neutral schema, never from a request.
            sql.append("SELECT '").append(e.name()).append("', origin, count(*) FROM herd.\"").append(e.name())
                    .append("_live\" GROUP BY origin");
        }
        Map<String, List<EntityCount>> byOrigin = new TreeMap<>();
        jdbc.query(sql.toString(), rs -> {
            byOrigin.computeIfAbsent(rs.getString(2), o -> new ArrayList<>())
                    .add(new EntityCount(rs.getString(1), rs.getLong(3)));
        });
        counted.set(new Counted(byOrigin, now));
        return byOrigin;
    }

    private boolean exists(String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, table));
    }
}
