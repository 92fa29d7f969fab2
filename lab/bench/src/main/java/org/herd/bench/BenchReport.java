package org.herd.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.herd.simulator.LoadMix;
import org.herd.simulator.LoadReport;

/**
 * The bench's JSON report, section by section (docs/benchmarks.md describes each). Figures are
 * rounded to one decimal ({@link Bench#round}); CPU seconds are per role, largest first, with their
 * {@code total} ({@link CpuTimes#since}).
 *
 * @param totalSeconds wall time of the whole run
 */
record BenchReport(Machine.Description machine, Options options, Dataset dataset, PgLoader pgloader, Snapshot snapshot,
        Copy copy, LateMirror lateMirror, List<StreamingRate> streaming, StreamingCurve streamingCurve, Noise noise,
        Memory memory, Browse browse, Signing signing, Verifying verifying, Archive archive, ScrubCost scrubCost,
        double totalSeconds) {

    /**
     * The run's options that shape its figures.
     *
     * @param rates           the streaming steps' targets, binlog row changes per second
     * @param workloadThreads the load generator's connections
     * @param mix             the load generator's mix ({@link LoadMix#spec})
     */
    record Options(double scale, long seed, List<Integer> rates, int rateSeconds, int workloadThreads, String mix,
            List<String> sidecarJvm, List<String> mirrorJvm) {

        static Options of(BenchOptions o) {
            return new Options(o.scale(), o.seed(), o.rates(), o.rateSeconds(), o.workloadThreads(),
                    o.streaming().mix().spec(), o.sidecarJvmAt(o.scale()), o.mirrorJvm());
        }
    }

    /**
     * The generated site.
     *
     * @param allRows          rows generated in all tables, private ones included
     * @param replicatedTables rows per replicated Gazelle table
     * @param mirrorRows       rows per entity the replicated rows translate to
     */
    record Dataset(long allRows, double generateSeconds, Map<String, Long> replicatedTables, long replicatedRows,
            Map<String, Long> mirrorRows, long mirrorRowsTotal, String originSettings) {
    }

    /**
     * pgloader's copy of the replicated tables; a skipped or failed run has only its status and note.
     *
     * @param status "ok", "skipped" or "failed"
     * @param note   pgloader's version, or why it was skipped or failed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PgLoader(String status, String note, Long rows, Double seconds, Double rowsPerSecond, String log,
            Map<String, Double> cpuSeconds) {

        static PgLoader skipped(String note) {
            return new PgLoader("skipped", note, null, null, null, null, null);
        }
    }

    /**
     * Herd's snapshot from an empty mirror.
     *
     * @param check      what stopped the clock
     * @param comparison the mirror compared with the origin afterwards, content and all
     */
    record Snapshot(long sourceRows, long mirrorRows, long recordsPublished, double seconds, double rowsPerSecond,
            double sidecarStartSeconds, double firstPublishedToEqualSeconds, double sidecarReadDoneSeconds,
            double rowsPerSecondAfterStartup, String check, Map<String, Double> cpuSeconds, Comparison comparison) {
    }

    /**
     * A mirror compared with the origin by {@code herd verify}'s comparison (chunk hashes of every row
     * on both sides), after a phase's clock has stopped.
     *
     * @param result   "equal", "different", or "not compared"
     * @param rows     rows of the origin's public state compared
     * @param seconds  how long the comparison took
     */
    record Comparison(String result, int entities, long rows, long missing, long extra, long differing,
            double seconds) {

        boolean equal() {
            return result.equals("equal");
        }

        /** A mirror the bench fills on purpose with other content than the origin's (scrubbing off). */
        static Comparison notCompared() {
            return new Comparison("not compared", 0, 0, 0, 0, 0, 0);
        }
    }

    /**
     * PostgreSQL COPY of the mirror's rows into empty copies of its tables: the raw ceiling, the faster of
     * two ways ({@link CopyCeiling}).
     */
    record Copy(long rows, long bytes, double seconds, double rowsPerSecond, double indexedSeconds,
            double deferredSeconds, double postgresCpuSeconds, String what) {
    }

    /**
     * A second, empty mirror replaying the topics after the snapshot: the apply path alone.
     *
     * @param peakRssMib the late mirror's replicator process, VmHWM
     */
    record LateMirror(long mirrorRows, double seconds, double firstAppliedToEqualSeconds,
            double rowsPerSecondAfterStartup, Map<String, Double> cpuSeconds, double peakRssMib,
            Comparison comparison) {
    }

    /**
     * One streaming step: the load generator's figures ({@link LoadReport}), the sidecar's and the
     * mirror's, and the marker lag.
     *
     * @param targetRowChangesPerSecond the step's target, binlog row changes per second
     * @param rowChangesPerSecond       the rate the load generator achieved (the markers' 50/s not included)
     * @param sustained                 whether that is at least 95% of the target
     * @param publicPerSecond           of which changes of public columns (noise and uncaptured tables: the rest)
     * @param generatorLatencyP99Ms     the generator's transactions, from when each was due to its commit
     * @param capturedPerSecond         row changes the sidecar received from Debezium
     * @param publishedPerSecond        records the sidecar published to Kafka
     * @param discardedPerSecond        row changes the sidecar dropped because no public column changed
     * @param mirrorRecordsPerSecond    records the mirror consumed
     * @param lagSamples                markers seen in the mirror
     * @param lagLost                   markers not seen within 60 s of the step's end
     */
    record StreamingRate(int targetRowChangesPerSecond, double rowChangesPerSecond, boolean sustained,
            double publicPerSecond, double noisePerSecond, double uncapturedPerSecond, double transactionsPerSecond,
            long transactions, long failedTransactions, double generatorLatencyP99Ms, double seconds,
            double capturedPerSecond, double publishedPerSecond, double discardedPerSecond,
            double mirrorRecordsPerSecond, long lagSamples, long lagLost, double lagP50Ms, double lagP95Ms,
            double lagP99Ms, double lagMaxMs, double sidecarRssMib, double mirrorRssMib, String load1) {
    }

    /**
     * The highest rate at which the mirror's p99 lag stayed under the bound ({@link RateCurve}).
     *
     * @param lastPassing  achieved rate of the last step that passed; -1 when none did
     * @param interpolated where p99 crosses the bound between it and the next step; -1 when not known
     * @param limitedBy    "lag", "generator" or "none"
     * @param carried      highest achieved rate of any step, sustained or not, with p99 under the bound;
     *                     -1 when none
     * @param carriedP99Ms that step's p99 lag; -1 when none
     */
    record StreamingCurve(double boundMs, double lastPassing, double interpolated, String limitedBy, double carried,
            double carriedP99Ms, String text) {

        static StreamingCurve of(RateCurve.Highest h) {
            return new StreamingCurve(h.boundMs(), Bench.round(h.lastPassing()), Bench.round(h.interpolated()),
                    h.limitedBy(), Bench.round(h.carried()), Bench.round(h.carriedP99Ms()), h.describe());
        }
    }

    /** Tracker flushes as the tracker writes them, and a backlog of noise in one transaction. */
    record Noise(long trackerFlushes, int torrentsPerFlush, double writeSeconds, long discarded, double seconds,
            double discardedPerSecond, NoiseBacklog backlog) {
    }

    /** One transaction of tracker, user and search-queue changes, timed from its commit. */
    record NoiseBacklog(long torrentsRows, long usersMainRows, long sphinxDeltaRows, long discarded, double seconds,
            double rowChangesPerSecond) {
    }

    /** Peak RSS of the two processes and their JVM options. */
    record Memory(double sidecarPeakRssMib, List<String> sidecarJvm, double mirrorPeakRssMib, List<String> mirrorJvm,
            int targetMib) {
    }

    /**
     * The mirror's web server under browse searches ({@link BrowsePhase}); null with
     * {@code --no-browse}. The first fields are the closed loop's (the throughput).
     *
     * @param requests    measured requests of the closed loop; {@code failed} of them did not answer a
     *                    success
     * @param clients     client threads sending at once
     * @param load1       the 1-minute load average at the end of the closed loop
     * @param kinds       the closed loop's latency by kind of search
     * @param steps       the open-loop steps, in the order they ran
     * @param highestRate the highest open-loop rate with p95 under {@link BrowsePhase#BOUND_MS}; -1 when
     *                    none
     * @param what        the requests and the server's settings
     */
    record Browse(int requests, int clients, int failed, double seconds, double requestsPerSecond, double p50Ms,
            double p95Ms, double p99Ms, double maxMs, String load1, List<BrowseKind> kinds, List<BrowseStep> steps,
            double highestRate, String highestText, String what) {
    }

    /** One open-loop step: requests sent on schedule at {@code targetPerSecond}, timed from their due time. */
    record BrowseStep(double targetPerSecond, int requests, int failed, double answeredPerSecond, double p50Ms,
            double p95Ms, double p99Ms, double maxMs, String load1, List<BrowseKind> kinds) {
    }

    /** Latency of one kind of search ({@link BrowsePhase#kindOf}). */
    record BrowseKind(String kind, int requests, double p50Ms, double p95Ms) {
    }

    /**
     * The sidecar's CPU time in signing during the snapshot, from its own count
     * ({@code herd_sidecar_sign_cpu_seconds_total}), as a share of the sidecar's and of all the
     * processes' CPU seconds of the snapshot ({@link Snapshot#cpuSeconds}). Signing only: a
     * verifying mirror's cost is not counted.
     *
     * @param ofSidecar  {@code cpuSeconds} / the sidecar's CPU seconds; -1 when not measured
     * @param ofSnapshot {@code cpuSeconds} / the snapshot's total CPU seconds; -1 when not measured
     */
    record Signing(double cpuSeconds, double ofSidecar, double ofSnapshot) {

        static Signing of(long signCpuNanos, Map<String, Double> snapshotCpu) {
            double seconds = signCpuNanos / 1e9;
            return new Signing(Math.round(seconds * 1000) / 1000.0, share(seconds, snapshotCpu.get("sidecar")),
                    share(seconds, snapshotCpu.get("total")));
        }
    }

    /**
     * The replicators' CPU time in verifying records (signature headers, statements, Merkle proofs,
     * the Ed25519 signature of each batch root), from their own count
     * ({@code herd_mirror_verify_cpu_seconds_total}), during the snapshot and during the late
     * mirror, as a share of the replicator's and of all the processes' CPU seconds of that phase.
     * Shares are -1 when not measured.
     *
     * @param lateMirrorMicrosPerRecord the late mirror's verification CPU per record it consumed
     */
    record Verifying(double snapshotCpuSeconds, double ofSnapshotReplicator, double ofSnapshot,
            double lateMirrorCpuSeconds, double ofLateMirrorReplicator, double ofLateMirror,
            double lateMirrorMicrosPerRecord) {

        static Verifying of(long snapshotNanos, Map<String, Double> snapshotCpu, long lateNanos,
                Map<String, Double> lateCpu, long lateRecords) {
            double snapshot = snapshotNanos / 1e9;
            double late = lateNanos / 1e9;
            return new Verifying(Math.round(snapshot * 1000) / 1000.0, share(snapshot, snapshotCpu.get("replicator")),
                    share(snapshot, snapshotCpu.get("total")), Math.round(late * 1000) / 1000.0,
                    share(late, lateCpu.get("replicator")), share(late, lateCpu.get("total")),
                    lateRecords <= 0 ? -1 : Bench.round(lateNanos / 1e3 / lateRecords));
        }
    }

    /**
     * An archive made from the topics after the snapshot ({@link ArchivePhase}), checked, and an
     * empty mirror loaded from it; null unless {@code --archive}. Seconds of the operator's commands
     * are their processes' wall time, JVM start-up included, and in-process the time the command
     * itself prints; {@code herd archive create} checks the archive before it ends, so its time
     * includes one verification.
     *
     * @param rows                      live rows in the archive (the mirror's rows)
     * @param bytes                     every file of the archive's directory
     * @param entityFileBytes           of which the zstd entity files
     * @param bytesPerMillionRows       {@code bytes} per million rows
     * @param bootstrapSeconds          the bootstrapped mirror's process from launch until its tables held
     *                                  the origin's rows (start-up, Flyway, verification and COPY)
     * @param bootstrapLoadSeconds      the load as the replicator timed it: verification and COPY
     * @param bootstrapRowsPerSecond    {@code rows} / {@code bootstrapLoadSeconds}
     * @param lateMirrorRowsPerSecond   the same rows loaded from Kafka by the late mirror, from its first batch
     * @param bootstrapOverLateMirror   {@code bootstrapRowsPerSecond} / {@code lateMirrorRowsPerSecond}
     * @param lateMirrorSeconds         the late mirror from launch until it held the origin's rows
     * @param lateMirrorOverBootstrap   {@code lateMirrorSeconds} / {@code bootstrapSeconds}: start-up included
     * @param comparison                the bootstrapped mirror compared with the origin
     */
    record Archive(long rows, int entities, long bytes, long entityFileBytes, double bytesPerMillionRows,
            double createSeconds, double createInProcessSeconds, Map<String, Double> createCpuSeconds,
            double createPeakRssMib, double verifySeconds, double verifyInProcessSeconds,
            Map<String, Double> verifyCpuSeconds, double bootstrapSeconds, double bootstrapLoadSeconds,
            double bootstrapRowsPerSecond, Map<String, Double> bootstrapCpuSeconds, double lateMirrorRowsPerSecond,
            double bootstrapOverLateMirror, double lateMirrorSeconds, double lateMirrorOverBootstrap,
            Comparison comparison) {

        /** The figures of one archive phase, the ratios computed from them. */
        static Archive of(long rows, int entities, long bytes, long entityFileBytes, Command create, Command verify,
                double bootstrapSeconds, double bootstrapLoadSeconds, Map<String, Double> bootstrapCpu,
                LateMirror lateMirror, Comparison comparison) {
            double bootstrapRate = bootstrapLoadSeconds > 0 ? rows / bootstrapLoadSeconds : -1;
            return new Archive(rows, entities, bytes, entityFileBytes,
                    rows > 0 ? Math.round(bytes * 1e6 / rows) : -1, Bench.round(create.seconds()),
                    Bench.round(create.inProcessSeconds()), create.cpuSeconds(), Bench.round(create.peakRssMib()),
                    Bench.round(verify.seconds()), Bench.round(verify.inProcessSeconds()), verify.cpuSeconds(),
                    Bench.round(bootstrapSeconds), Bench.round(bootstrapLoadSeconds), Bench.round(bootstrapRate),
                    bootstrapCpu, lateMirror.rowsPerSecondAfterStartup(),
                    ratio(bootstrapRate, lateMirror.rowsPerSecondAfterStartup()), lateMirror.seconds(),
                    ratio(lateMirror.seconds(), bootstrapSeconds), comparison);
        }

        /**
         * One run of an operator's command.
         *
         * @param inProcessSeconds what the command printed as its own time; -1 when it printed none
         */
        record Command(double seconds, double inProcessSeconds, Map<String, Double> cpuSeconds, double peakRssMib) {
        }
    }

    /**
     * The sidecar's snapshot CPU with text scrubbing as configured by default (every free-text
     * column {@code scrub}, the snapshot above) and with every free-text column {@code keep}: a
     * second snapshot of the same site, to other topics and an empty mirror, with
     * {@code --scrub-cost}. The difference of two runs, on a machine shared with other work.
     *
     * @param sidecarIncrease  (on - off) / off of the sidecar's CPU seconds
     * @param totalIncrease    (on - off) / off of all the processes' CPU seconds
     * @param cpuSecondsOff    every process's CPU seconds of the second snapshot
     */
    record ScrubCost(double sidecarCpuOn, double sidecarCpuOff, double sidecarIncrease, double totalCpuOn,
            double totalCpuOff, double totalIncrease, double secondsOn, double secondsOff,
            Map<String, Double> cpuSecondsOff, Direct direct) {

        /**
         * The scrubber itself, timed on one thread over every free-text value of the same generated
         * site, once, as the sidecar meets them (JIT warm-up included).
         *
         * @param share {@code cpuSeconds} as a part of the sidecar's CPU seconds with scrubbing on
         */
        record Direct(long texts, long bytes, long findings, double cpuSeconds, double share) {
        }

        ScrubCost withDirect(Direct d) {
            return new ScrubCost(sidecarCpuOn, sidecarCpuOff, sidecarIncrease, totalCpuOn, totalCpuOff, totalIncrease,
                    secondsOn, secondsOff, cpuSecondsOff, d);
        }

        static ScrubCost of(Snapshot on, Snapshot off) {
            double sidecarOn = on.cpuSeconds().getOrDefault("sidecar", -1.0);
            double sidecarOff = off.cpuSeconds().getOrDefault("sidecar", -1.0);
            double totalOn = on.cpuSeconds().getOrDefault("total", -1.0);
            double totalOff = off.cpuSeconds().getOrDefault("total", -1.0);
            return new ScrubCost(sidecarOn, sidecarOff, increase(sidecarOn, sidecarOff), totalOn, totalOff,
                    increase(totalOn, totalOff), on.seconds(), off.seconds(), off.cpuSeconds(), null);
        }

        private static double increase(double with, double without) {
            return with < 0 || without <= 0 ? -1 : Math.round((with - without) / without * 1000) / 1000.0;
        }
    }

    /** {@code part} / {@code whole} to three decimals; -1 when the whole is unknown or zero. */
    static double share(double part, Double whole) {
        return whole == null || whole <= 0 ? -1 : Math.round(part / whole * 1000) / 1000.0;
    }

    /** {@code a} / {@code b} to two decimals; -1 when either is unknown. */
    static double ratio(double a, double b) {
        return a < 0 || b <= 0 ? -1 : Math.round(a / b * 100) / 100.0;
    }

    BenchReport withTotalSeconds(double seconds) {
        return new BenchReport(machine, options, dataset, pgloader, snapshot, copy, lateMirror, streaming,
                streamingCurve, noise, memory, browse, signing, verifying, archive, scrubCost, seconds);
    }

    /** Whether every mirror the bench filled equals the origin. */
    boolean mirrorsEqual() {
        return snapshot.comparison().equal() && lateMirror.comparison().equal()
                && (archive == null || archive.comparison().equal());
    }

    /** The summary table at the end of the run. */
    void printTable(Consumer<String> say) {
        say.accept("");
        say.accept(String.format(Locale.ROOT, "=== Herd bench, scale %s (%s) ===", options.scale(),
                Machine.summary()));
        say.accept(line("%-34s %12s %10s", "snapshot", "rows/s", "seconds"));
        say.accept(line("%-34s %,12.0f %10.1f", "Herd (end to end through Kafka)", snapshot.rowsPerSecond(),
                snapshot.seconds()));
        if ("ok".equals(pgloader.status())) {
            say.accept(line("%-34s %,12.0f %10.1f", "pgloader", pgloader.rowsPerSecond(), pgloader.seconds()));
            say.accept(line("%-34s %12.2f", "Herd / pgloader", snapshot.rowsPerSecond() / pgloader.rowsPerSecond()));
        } else {
            say.accept(line("%-34s %s: %s", "pgloader", pgloader.status(), pgloader.note()));
        }
        say.accept(line("%-34s %,12.0f %10.1f", "late mirror apply alone", lateMirror.rowsPerSecondAfterStartup(),
                lateMirror.firstAppliedToEqualSeconds()));
        say.accept(line("%-34s %,12.0f %10.2f", "PostgreSQL COPY (mirror rows)", copy.rowsPerSecond(),
                copy.seconds()));
        say.accept(line("%-34s %s after the snapshot, %s after the late mirror", "mirror content vs origin",
                snapshot.comparison().result(), lateMirror.comparison().result()));
        say.accept("");
        say.accept(line("streaming, binlog row changes/s of the mix %s:", options.mix()));
        say.accept(line("%-9s %9s %8s %8s %7s %10s %7s %7s %7s %7s %6s", "target/s", "achieved", "public", "tx/s",
                "failed", "published", "p50 ms", "p95 ms", "p99 ms", "max ms", "load"));
        for (StreamingRate s : streaming) {
            say.accept(line("%,9d %,9.0f%s %,8.0f %,8.0f %,7d %,10.0f %,7.0f %,7.0f %,7.0f %,7.0f %6s",
                    s.targetRowChangesPerSecond(), s.rowChangesPerSecond(), s.sustained() ? " " : "*",
                    s.publicPerSecond(), s.transactionsPerSecond(), s.failedTransactions(), s.publishedPerSecond(),
                    s.lagP50Ms(), s.lagP95Ms(), s.lagP99Ms(), s.lagMaxMs(), s.load1()));
        }
        if (streaming.stream().anyMatch(s -> !s.sustained())) {
            say.accept("  * the load generator did not reach 95% of the target");
        }
        say.accept(line("highest rate with p99 lag under %,.0f ms: %s", streamingCurve.boundMs(),
                streamingCurve.text()));
        say.accept("");
        say.accept(line("noise discarded by the sidecar: %,.0f row changes/s as written; %,.0f/s from a backlog",
                noise.discardedPerSecond(), noise.backlog().rowChangesPerSecond()));
        say.accept(line("signing during the snapshot: %.1f CPU s, %.1f%% of the sidecar's, %.1f%% of all processes'",
                signing.cpuSeconds(), signing.ofSidecar() * 100, signing.ofSnapshot() * 100));
        say.accept(line("verifying during the snapshot: %.1f CPU s, %.1f%% of the replicator's, %.1f%% of all "
                + "processes'; late mirror: %.1f CPU s, %.1f%% of its replicator's, %.1f%% of all (%.1f µs per record)",
                verifying.snapshotCpuSeconds(), verifying.ofSnapshotReplicator() * 100, verifying.ofSnapshot() * 100,
                verifying.lateMirrorCpuSeconds(), verifying.ofLateMirrorReplicator() * 100,
                verifying.ofLateMirror() * 100, verifying.lateMirrorMicrosPerRecord()));
        if (archive != null) {
            say.accept(line("archive of %,d rows: %,d bytes (%,.0f per million rows); create %.1f s, verify %.1f s; "
                    + "bootstrap %,.0f rows/s (%.1f s, %.1f s with start-up) = %.2f of the late mirror's %,.0f rows/s; "
                    + "content %s", archive.rows(), archive.bytes(), archive.bytesPerMillionRows(),
                    archive.createSeconds(), archive.verifySeconds(), archive.bootstrapRowsPerSecond(),
                    archive.bootstrapLoadSeconds(), archive.bootstrapSeconds(), archive.bootstrapOverLateMirror(),
                    archive.lateMirrorRowsPerSecond(), archive.comparison().result()));
        }
        if (scrubCost != null) {
            say.accept(line("text scrubbing, sidecar CPU s of the snapshot: %.1f on, %.1f off = %+.1f%%; all processes "
                    + "%.1f on, %.1f off = %+.1f%%", scrubCost.sidecarCpuOn(), scrubCost.sidecarCpuOff(),
                    scrubCost.sidecarIncrease() * 100, scrubCost.totalCpuOn(), scrubCost.totalCpuOff(),
                    scrubCost.totalIncrease() * 100));
            ScrubCost.Direct d = scrubCost.direct();
            if (d != null) {
                say.accept(line("text scrubbing itself, one thread over the site's %,d free-text values (%.1f MB, %,d "
                        + "findings): %.2f CPU s, %.1f%% of the sidecar's", d.texts(), d.bytes() / 1e6, d.findings(),
                        d.cpuSeconds(), d.share() * 100));
            }
        }
        if (browse != null) {
            say.accept(line("browse on the mirror's web server, %,d requests on %d clients: %,.0f requests/s, p50 %.1f "
                    + "ms, p95 %.1f ms, p99 %.1f ms, %d failed", browse.requests(), browse.clients(),
                    browse.requestsPerSecond(), browse.p50Ms(), browse.p95Ms(), browse.p99Ms(), browse.failed()));
            for (BrowseStep step : browse.steps()) {
                say.accept(line("  at %,.0f requests/s on schedule: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d failed",
                        step.targetPerSecond(), step.p50Ms(), step.p95Ms(), step.p99Ms(), step.failed()));
            }
            say.accept(line("  browse: %s", browse.highestText()));
        }
        say.accept(line("peak RSS: sidecar %,.0f MiB (%s), replicator %,.0f MiB (%s)", memory.sidecarPeakRssMib(),
                String.join(" ", memory.sidecarJvm()), memory.mirrorPeakRssMib(), String.join(" ", memory.mirrorJvm())));
    }

    private static String line(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
