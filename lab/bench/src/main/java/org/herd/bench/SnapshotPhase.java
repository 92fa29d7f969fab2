package org.herd.bench;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Herd's snapshot from an empty mirror, end to end through Kafka: the clock starts when the sidecar
 * process is launched and stops when every entity table of the mirror holds exactly the live rows
 * the origin's rows translate to and the indexes its first copy deferred are built again; then the
 * content is compared.
 */
final class SnapshotPhase {

    static final long TIMEOUT_NS = 40L * 60 * 1_000_000_000L;

    /**
     * When the sidecar was launched and when it was ready (its topics created), and the CPU times at
     * its launch.
     */
    record Launch(long launched, long sidecarReady, CpuTimes cpu) {
    }

    private SnapshotPhase() {
    }

    static BenchReport.Snapshot run(Launch launch, ChildProcess sidecar, ChildProcess replicator, DataSource mirror,
            OriginCounts origin, MirrorCheck check, Consumer<String> say) throws Exception {
        say.accept("Herd snapshot: sidecar and replicator started as processes; timing until the mirror holds what "
                + "the origin holds");
        long start = launch.launched();
        long firstPublished = 0;
        long sidecarDone = 0;
        long rowsIn = 0;
        long lastReport = System.nanoTime();
        while (true) {
            sidecar.checkAlive();
            replicator.checkAlive();
            long now = System.nanoTime();
            long published = sidecar.counter("published");
            if (firstPublished == 0 && published > 0) {
                firstPublished = now;
            }
            if (sidecarDone == 0 && sidecar.flag("snapshotCompleted")) {
                sidecarDone = now;
            }
            long consumed = replicator.consumed();
            // The rows are counted (every table read) only once the replicator has consumed all the
            // sidecar published, and not again once they are in: then only the deferred indexes are
            // waited for.
            if (rowsIn == 0 && sidecarDone != 0 && consumed >= published
                    && MirrorCounts.read(mirror, origin.entityRows().keySet()).equals(origin.entityRows())) {
                rowsIn = now;
            }
            if (rowsIn != 0 && MirrorCounts.deferredIndexes(mirror) == 0) {
                break;
            }
            if (now - lastReport > 5_000_000_000L) {
                lastReport = now;
                say.accept(String.format(Locale.ROOT, "  %5.1f s: sidecar published %,d, mirror applied %,d",
                        (now - start) / 1e9, published, consumed));
            }
            if (now - start > TIMEOUT_NS) {
                throw new IllegalStateException("the snapshot did not complete within 40 minutes: sidecar published "
                        + published + ", mirror consumed " + consumed + "; logs " + sidecar.log() + ", "
                        + replicator.log());
            }
            Thread.sleep(20);
        }
        long end = System.nanoTime();
        Map<String, Double> cpu = CpuTimes.read(sidecar, replicator).since(launch.cpu());
        double wall = (end - start) / 1e9;
        double copying = (end - firstPublished) / 1e9;
        say.accept(String.format(Locale.ROOT, "  snapshot done: %,d origin rows (%,d mirror rows) in %.1f s = %,.0f "
                + "rows/s end to end (processes started included; %.1f s and %,.0f rows/s from the first record "
                + "published)", origin.totalSourceRows(), origin.totalEntityRows(), wall,
                origin.totalSourceRows() / wall, copying, origin.totalSourceRows() / copying));
        say.accept("  CPU seconds: " + CpuTimes.describe(cpu));
        say.accept("  autovacuum in the mirror's database until then: " + MirrorCounts.autovacuumRuns(mirror));
        BenchReport.Comparison comparison = check.compare(mirror);
        return new BenchReport.Snapshot(origin.totalSourceRows(), origin.totalEntityRows(),
                sidecar.counter("published"), Bench.round(wall), Bench.round(origin.totalSourceRows() / wall),
                Bench.round((launch.sidecarReady() - start) / 1e9), Bench.round(copying),
                Bench.round((sidecarDone - start) / 1e9), Bench.round(origin.totalSourceRows() / copying),
                "per-entity counts of live mirror rows equal the origin's, translated", cpu, comparison);
    }
}
