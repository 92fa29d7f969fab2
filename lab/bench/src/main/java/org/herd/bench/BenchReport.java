package org.herd.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bench's JSON report, section by section (docs/benchmarks.md describes each). Figures are
 * rounded to one decimal ({@link Bench#round}); CPU seconds are per role, largest first, with their
 * {@code total} ({@link CpuTimes#since}).
 *
 * @param totalSeconds wall time of the whole run
 */
record BenchReport(Machine.Description machine, Options options, Dataset dataset, PgLoader pgloader, Snapshot snapshot,
        Copy copy, LateMirror lateMirror, List<StreamingRate> streaming, Noise noise, Memory memory,
        double totalSeconds) {

    /** The run's options that shape its figures. */
    record Options(double scale, long seed, List<Integer> rates, int rateSeconds, int workloadThreads,
            List<String> sidecarJvm, List<String> mirrorJvm) {

        static Options of(BenchOptions o) {
            return new Options(o.scale(), o.seed(), o.rates(), o.rateSeconds(), o.workloadThreads(), o.sidecarJvm(),
                    o.mirrorJvm());
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
     * @param result   "equal" or "different"
     * @param rows     rows of the origin's public state compared
     * @param seconds  how long the comparison took
     */
    record Comparison(String result, int entities, long rows, long missing, long extra, long differing,
            double seconds) {

        boolean equal() {
            return result.equals("equal");
        }
    }

    /** PostgreSQL COPY of the mirror's rows into empty copies of its tables: the raw ceiling. */
    record Copy(long rows, long bytes, double seconds, double rowsPerSecond, String what) {
    }

    /** A second, empty mirror replaying the topics after the snapshot: the apply path alone. */
    record LateMirror(long mirrorRows, double seconds, double firstAppliedToEqualSeconds,
            double rowsPerSecondAfterStartup, Map<String, Double> cpuSeconds, Comparison comparison) {
    }

    /** One streaming rate. */
    record StreamingRate(int targetChangesPerSecond, double sustainedChangesPerSecond, long changes,
            long failedChanges, double seconds, double binlogRowChangesPerSecond, double mirrorRecordsPerSecond,
            long lagSamples, long lagLost, double lagP50Ms, double lagP99Ms, double lagMaxMs, double sidecarRssMib,
            double mirrorRssMib, String load1) {
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

    BenchReport withTotalSeconds(double seconds) {
        return new BenchReport(machine, options, dataset, pgloader, snapshot, copy, lateMirror, streaming, noise, memory,
                seconds);
    }

    /** Whether every mirror the bench filled equals the origin. */
    boolean mirrorsEqual() {
        return snapshot.comparison().equal() && lateMirror.comparison().equal();
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
        say.accept(line("%-10s %10s %10s %9s %9s %9s", "target/s", "sustained", "rows/s", "p50 ms", "p99 ms",
                "max ms"));
        for (StreamingRate s : streaming) {
            say.accept(line("%,10d %,10.0f %,10.0f %,9.0f %,9.0f %,9.0f", s.targetChangesPerSecond(),
                    s.sustainedChangesPerSecond(), s.binlogRowChangesPerSecond(), s.lagP50Ms(), s.lagP99Ms(),
                    s.lagMaxMs()));
        }
        say.accept("");
        say.accept(line("noise discarded by the sidecar: %,.0f row changes/s as written; %,.0f/s from a backlog",
                noise.discardedPerSecond(), noise.backlog().rowChangesPerSecond()));
        say.accept(line("peak RSS: sidecar %,.0f MiB (%s), replicator %,.0f MiB (%s)", memory.sidecarPeakRssMib(),
                String.join(" ", memory.sidecarJvm()), memory.mirrorPeakRssMib(), String.join(" ", memory.mirrorJvm())));
    }

    private static String line(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
