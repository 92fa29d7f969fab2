package org.herd.replicator;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.SourcePosition;

/**
 * How far a mirror has got, for the demo and for operators. Updated by the apply loop after each
 * committed batch, read from any thread.
 */
public final class MirrorProgress {

    /** How many recent lags the percentiles are taken over. */
    static final int RESERVOIR_SIZE = 1024;

    private final Clock clock;
    private final LongAdder applied = new LongAdder();
    private final LongAdder notNewer = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder quarantined = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder verifyCpuNanos = new LongAdder();
    private final Map<String, LongAdder> appliedByEntity = new ConcurrentHashMap<>();
    private final AtomicReference<SourcePosition> lastPosition = new AtomicReference<>();
    private volatile long lastLagMs = -1;
    private final long[] recentLags = new long[RESERVOIR_SIZE];
    private long lagsSeen;

    /** Refused records, checkpoints and trust roots, by subject and reason ("reason" for records). */
    private final Map<String, LongAdder> rejectedByReason = new ConcurrentHashMap<>();

    /** Told of every quarantined record once its batch is committed (the metric). */
    private final java.util.function.Consumer<QuarantinedRecord> quarantineListener;
    /** Told of everything refused once it is committed (the metric). */
    private final java.util.function.Consumer<RejectedRecord> rejectListener;

    public MirrorProgress(Clock clock, java.util.function.Consumer<QuarantinedRecord> quarantineListener,
            java.util.function.Consumer<RejectedRecord> rejectListener) {
        this.clock = clock;
        this.quarantineListener = quarantineListener;
        this.rejectListener = rejectListener;
    }

    public MirrorProgress(Clock clock, java.util.function.Consumer<QuarantinedRecord> quarantineListener) {
        this(clock, quarantineListener, r -> { });
    }

    public MirrorProgress(Clock clock) {
        this(clock, q -> { });
    }

    public MirrorProgress() {
        this(Clock.systemUTC());
    }

    /** Counts what one committed batch did. */
    public void record(BatchResult result) {
        long now = clock.millis();
        long lastLag = -1;
        SourcePosition highest = null;
        String entity = null;
        long ofEntity = 0;
        long deleted = 0;
        for (NeutralRecord r : result.applied()) {
            // A batch holds runs of one entity's records: count a run at once, not each record.
            if (!r.entity().equals(entity)) {
                countApplied(entity, ofEntity);
                entity = r.entity();
                ofEntity = 0;
            }
            ofEntity++;
            if (r.op() == Operation.DELETE) {
                deleted++;
            }
            SourcePosition p = r.position();
            if (highest == null || p.isAfter(highest)) {
                highest = p;
            }
            // Snapshot rows carry the snapshot's start time, not a commit time: no lag to measure.
            if (!p.snapshot() && p.tsMs() > 0) {
                lastLag = Math.max(0, now - p.tsMs());
                addLag(lastLag);
            }
        }
        countApplied(entity, ofEntity);
        applied.add(result.applied().size());
        deletes.add(deleted);
        if (highest != null) {
            // Rows of different topics arrive in any order: keep the highest position applied.
            lastPosition.accumulateAndGet(highest, (held, candidate) -> held == null || candidate.isAfter(held)
                    ? candidate : held);
        }
        if (lastLag >= 0) {
            lastLagMs = lastLag;
        }
        notNewer.add(result.notNewer());
        quarantined.add(result.quarantined().size());
        result.quarantined().forEach(quarantineListener);
        result.rejected().forEach(this::recordRejected);
    }

    private void countApplied(String entity, long n) {
        if (n > 0) {
            appliedByEntity.computeIfAbsent(entity, e -> new LongAdder()).add(n);
        }
    }

    /**
     * Counts one refused record, checkpoint or trust root, once it is committed to
     * {@code herd.reject}. Records count under their reason, the others under subject and reason.
     */
    public void recordRejected(RejectedRecord r) {
        String name = RejectedRecord.RECORD.equals(r.subject()) ? r.reason() : r.subject() + " " + r.reason();
        rejectedByReason.computeIfAbsent(name, n -> new LongAdder()).increment();
        rejectListener.accept(r);
    }

    /** Records refused so far, by reason (other subjects as "checkpoint bad_signature" and the like). */
    public Map<String, Long> rejectedByReason() {
        Map<String, Long> counts = new TreeMap<>();
        rejectedByReason.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }

    /** Everything refused so far. */
    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * Counts the CPU time the apply loop spent verifying one poll's records
     * ({@link MirrorBatch#verifyCpuNanos()}), whether or not the batch then commits.
     */
    public void recordVerification(long cpuNanos) {
        verifyCpuNanos.add(cpuNanos);
    }

    /**
     * CPU time spent verifying records' signatures and proofs since start, in nanoseconds; 0 on a
     * mirror that does not verify or a JVM that cannot measure a thread's CPU time.
     */
    public long verifyCpuNanos() {
        return verifyCpuNanos.sum();
    }

    /** Counts a failed attempt (PostgreSQL or Kafka unavailable) that the loop will retry. */
    public void recordFailure() {
        failures.increment();
    }

    private synchronized void addLag(long lagMs) {
        recentLags[(int) (lagsSeen % RESERVOIR_SIZE)] = lagMs;
        lagsSeen++;
    }

    public long applied() {
        return applied.sum();
    }

    public long notNewer() {
        return notNewer.sum();
    }

    public long deletes() {
        return deletes.sum();
    }

    public long quarantined() {
        return quarantined.sum();
    }

    /** Failed attempts so far; each was retried from the stored offsets. */
    public long failures() {
        return failures.sum();
    }

    public Map<String, Long> appliedByEntity() {
        Map<String, Long> counts = new TreeMap<>();
        appliedByEntity.forEach((entity, count) -> counts.put(entity, count.sum()));
        return counts;
    }

    /** The highest source position applied so far, or null. */
    public SourcePosition lastPosition() {
        return lastPosition.get();
    }

    /**
     * End-to-end lag of the last streamed record applied: commit in the mirror minus commit at
     * the origin, in milliseconds (clocks of the two hosts included); -1 before the first one.
     */
    public long lastLagMs() {
        return lastLagMs;
    }

    /** Lag percentiles over the most recent {@value #RESERVOIR_SIZE} streamed records applied. */
    public synchronized LagSummary recentLag() {
        int n = (int) Math.min(lagsSeen, RESERVOIR_SIZE);
        if (n == 0) {
            return LagSummary.NONE;
        }
        long[] sorted = Arrays.copyOf(recentLags, n);
        Arrays.sort(sorted);
        return new LagSummary(n, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted[n - 1]);
    }

    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public Snapshot snapshot() {
        return new Snapshot(clock.millis(), applied(), notNewer(), deletes(), quarantined(), appliedByEntity(),
                lastPosition(), lastLagMs(), recentLag(), rejectedByReason());
    }

    /**
     * Lag percentiles in milliseconds.
     *
     * @param samples how many lags they were computed from
     */
    public record LagSummary(int samples, long p50, long p95, long p99, long max) {
        public static final LagSummary NONE = new LagSummary(0, -1, -1, -1, -1);
    }

    /**
     * The counters at one moment.
     *
     * @param atMs            when it was taken, epoch milliseconds
     * @param applied         records that changed a row (upserts and deletes)
     * @param notNewer        records that changed nothing because the row held the same or a newer position
     * @param deletes         deletes among the applied records
     * @param quarantined     records written to the quarantine table
     * @param appliedByEntity applied records per entity
     * @param lastPosition    the highest source position applied, or null
     * @param lastLagMs       lag of the last streamed record applied, or -1
     * @param recentLag       lag percentiles of recent streamed records
     * @param rejectedByReason what was refused, by reason (see {@link #rejectedByReason()})
     */
    public record Snapshot(long atMs, long applied, long notNewer, long deletes, long quarantined,
            Map<String, Long> appliedByEntity, SourcePosition lastPosition, long lastLagMs, LagSummary recentLag,
            Map<String, Long> rejectedByReason) {

        public Snapshot {
            appliedByEntity = Map.copyOf(appliedByEntity);
            rejectedByReason = java.util.Collections.unmodifiableMap(new TreeMap<>(rejectedByReason));
        }

        /** Everything refused. */
        public long rejected() {
            return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Records applied per second between an earlier snapshot and this one. */
        public double rateSince(Snapshot earlier) {
            long ms = atMs - earlier.atMs;
            return ms <= 0 ? 0 : (applied - earlier.applied) * 1000.0 / ms;
        }

        /** One log line: totals, rate since the earlier snapshot, position and lag. */
        public String describeSince(Snapshot earlier) {
            return describe(" applied (" + Math.round(rateSince(earlier)) + "/s), ");
        }

        /** One log line: totals, position and lag. */
        public String describe() {
            return describe(" applied, ");
        }

        private String describe(String applied) {
            StringBuilder sb = new StringBuilder();
            sb.append(this.applied).append(applied)
                    .append(notNewer).append(" not newer, ")
                    .append(deletes).append(" deletes, ")
                    .append(quarantined).append(" quarantined, ")
                    .append(rejected()).append(" rejected");
            if (!rejectedByReason.isEmpty()) {
                StringBuilder reasons = new StringBuilder();
                rejectedByReason.forEach((reason, n) -> reasons.append(reasons.isEmpty() ? "" : ", ").append(reason)
                        .append(' ').append(n));
                sb.append(" (").append(reasons).append(')');
            }
            sb.append(", at ")
                    .append(lastPosition == null ? "no position yet" : lastPosition.toString());
            if (lastLagMs >= 0) {
                sb.append(", lag ").append(lastLagMs).append(" ms (p50 ").append(recentLag.p50())
                        .append(", p99 ").append(recentLag.p99()).append(", max ").append(recentLag.max())
                        .append(" of last ").append(recentLag.samples()).append(")");
            }
            return sb.toString();
        }
    }
}
