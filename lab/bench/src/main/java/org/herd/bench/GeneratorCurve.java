package org.herd.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.herd.simulator.LoadReport;
import org.herd.simulator.RowClass;

/**
 * The report of {@code herd bench --generator-only}: what the load generator reaches on this
 * machine with MariaDB alone, rate by rate.
 *
 * @param mix the load generator's mix ({@link org.herd.simulator.LoadMix#spec})
 */
record GeneratorCurve(Machine.Description machine, int connections, String mix, int rateSeconds, Site site,
        List<Step> steps, double totalSeconds) {

    /** The generated site the load ran on. */
    record Site(double scale, long rows, double generateSeconds) {
    }

    /**
     * One rate.
     *
     * @param achieved   binlog row changes per second written
     * @param cpuSeconds CPU seconds per process during the rate (MariaDB, and the bench JVM that runs the generator)
     */
    record Step(int target, double achieved, boolean sustained, double publicShare, double noiseShare,
            double uncapturedShare, double transactionsPerSecond, long failed, double latencyP50Ms,
            double latencyP99Ms, double latencyMaxMs, long anomalies, double seconds, Map<String, Double> cpuSeconds,
            String load1) {

        static Step of(int target, LoadReport r, Map<String, Double> cpu, String load) {
            return new Step(target, Bench.round(r.rowsPerSecond()), r.sustained(),
                    Bench.round(100 * r.rows().share(RowClass.PUBLIC)), Bench.round(100 * r.rows().share(RowClass.NOISE)),
                    Bench.round(100 * r.rows().share(RowClass.UNCAPTURED)), Bench.round(r.transactionsPerSecond()),
                    r.failed(), Bench.round(r.latency().p50Ms()), Bench.round(r.latency().p99Ms()),
                    Bench.round(r.latency().maxMs()), r.anomalies(), Bench.round(r.seconds()), cpu, load);
        }
    }

    void printTable(Consumer<String> say) {
        say.accept("");
        say.accept(String.format(Locale.ROOT, "=== Load generator alone, scale %s, %d connections (%s) ===",
                site.scale(), connections, Machine.summary()));
        say.accept(String.format(Locale.ROOT, "%-9s %9s %7s %7s %7s %8s %7s %8s %8s %9s %9s %6s", "target/s",
                "achieved", "public", "noise", "uncapt.", "tx/s", "failed", "p50 ms", "p99 ms", "MariaDB s", "bench s",
                "load"));
        for (Step s : steps) {
            say.accept(String.format(Locale.ROOT, "%,9d %,9.0f%s %6.0f%% %6.0f%% %6.0f%% %,8.0f %,7d %,8.1f %,8.1f %9.1f "
                    + "%9.1f %6s", s.target(), s.achieved(), s.sustained() ? " " : "*", s.publicShare(), s.noiseShare(),
                    s.uncapturedShare(), s.transactionsPerSecond(), s.failed(), s.latencyP50Ms(), s.latencyP99Ms(),
                    s.cpuSeconds().getOrDefault("MariaDB", 0.0),
                    s.cpuSeconds().getOrDefault("bench and Kafka broker", 0.0), s.load1()));
        }
        say.accept(String.format(Locale.ROOT, "  * below %.0f%% of the target; latency is from each transaction's due "
                + "time; CPU seconds over %d s", 100 * LoadReport.SUSTAINED, rateSeconds));
    }
}
