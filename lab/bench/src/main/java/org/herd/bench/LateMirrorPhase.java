package org.herd.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The apply path alone: a second, empty mirror joins after the snapshot and replays the topics,
 * which already hold everything, so the sidecar is not in the way. Timed until it holds what the
 * origin holds, the indexes its first copy deferred built again included; then its content is compared.
 */
final class LateMirrorPhase {

    private LateMirrorPhase() {
    }

    /**
     * The phase's report, and the replicator's own counts when its clock stopped.
     *
     * @param verifyCpuNanos its CPU time verifying records ({@code herd_mirror_verify_cpu_seconds_total})
     * @param consumed       records it consumed: applied, not newer or quarantined
     */
    record Result(BenchReport.LateMirror lateMirror, long verifyCpuNanos, long consumed) {
    }

    /**
     * @param properties the replicator's properties for the late mirror's database and consumer group
     */
    static Result run(DataSource late, List<String> jvm, List<String> properties, Path log,
            OriginCounts origin, MirrorCheck check, Consumer<String> say) throws Exception {
        long start = System.nanoTime();
        long end;
        long firstApplied = 0;
        // When every row was in; the clock stops only once the deferred indexes are built too.
        long rowsIn = 0;
        CpuTimes cpuBefore = CpuTimes.read(null, null);
        Map<String, Double> cpu;
        double peakRss;
        long verifyCpuNanos;
        long consumed;
        try (ChildProcess child = ChildProcess.start("mirror", jvm, properties, log)) {
            while (true) {
                child.checkAlive();
                long now = System.nanoTime();
                long applied = child.counter("applied");
                if (firstApplied == 0 && applied > 0) {
                    firstApplied = now;
                }
                // Counting the rows reads every table of the mirror, so it is asked only once the
                // replicator has applied as many records as the mirror will hold rows: polled all
                // along, it kept PostgreSQL scanning the tables it was filling (at scale 0.1 most of
                // PostgreSQL's CPU during the late mirror).
                if (rowsIn == 0 && applied >= origin.totalEntityRows()
                        && MirrorCounts.read(late, origin.entityRows().keySet()).equals(origin.entityRows())) {
                    rowsIn = now;
                }
                if (rowsIn != 0 && MirrorCounts.deferredIndexes(late) == 0) {
                    // The clock stops here, not once the process has ended: stopping it waits for
                    // what its apply loop is doing (analysing the tables just filled, for seconds).
                    end = System.nanoTime();
                    break;
                }
                if (now - start > SnapshotPhase.TIMEOUT_NS) {
                    throw new IllegalStateException("a late mirror did not catch up within 40 minutes; see "
                            + child.log());
                }
                Thread.sleep(50);
            }
            cpu = CpuTimes.read(null, child).since(cpuBefore);
            peakRss = child.peakRssMib();
            // The counts of the last progress line, at most 20 ms old: the batch that completed the
            // tables may not be in them yet, a few thousandths of what was verified.
            verifyCpuNanos = child.counter("verifyCpuNanos");
            consumed = child.consumed();
        }
        double wall = (end - start) / 1e9;
        double applying = firstApplied == 0 ? wall : (end - firstApplied) / 1e9;
        say.accept(String.format(Locale.ROOT, "Late mirror (apply path alone, topics already full): %,d rows in %.1f s "
                + "with its start-up, %.1f s = %,.0f rows/s from its first batch", origin.totalEntityRows(), wall,
                applying, origin.totalEntityRows() / applying));
        say.accept(String.format(Locale.ROOT, "  of which %.1f s after every row was in, until its deferred indexes "
                + "were built", (end - rowsIn) / 1e9));
        say.accept("  CPU seconds: " + CpuTimes.describe(cpu));
        say.accept("  autovacuum in the late mirror's database until then: " + MirrorCounts.autovacuumRuns(late));
        BenchReport.Comparison comparison = check.compare(late);
        return new Result(new BenchReport.LateMirror(origin.totalEntityRows(), Bench.round(wall),
                Bench.round(applying), Bench.round(origin.totalEntityRows() / applying), cpu, Bench.round(peakRss),
                comparison), verifyCpuNanos, consumed);
    }
}
