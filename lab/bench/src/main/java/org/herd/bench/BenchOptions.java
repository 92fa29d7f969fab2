package org.herd.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.herd.simulator.LoadMix;

/**
 * Options of {@code herd bench}.
 *
 * @param scale           size of the generated site; 1 is what.cd-sized
 * @param seed            generator and workload seed
 * @param rates           streaming target rates, changes per second, in the order they run
 * @param rateSeconds     how long each streaming rate is held
 * @param noiseSeconds    how long tracker flushes are played for the noise measure
 * @param pgloader        whether to run pgloader (installed first when missing and running as root)
 * @param out             where the JSON goes; null = target/bench/bench-TIMESTAMP.json
 * @param sidecarJvm      JVM options of the sidecar process
 * @param mirrorJvm       JVM options of the replicator process
 * @param jfr             record a flight recording of both processes next to the JSON
 * @param workloadThreads connections the load generator writes on
 * @param streaming       the load generator's mix, and whether it runs alone
 * @param scales          a series of scales instead of one run
 * @param profile         async-profiler flame graphs
 */
public record BenchOptions(double scale, long seed, List<Integer> rates, int rateSeconds, int noiseSeconds,
        boolean pgloader, Path out, List<String> sidecarJvm, List<String> mirrorJvm, boolean jfr,
        int workloadThreads, StreamingOptions streaming, ScaleOptions scales, ProfileOptions profile) {

    /**
     * Heap caps chosen so that each process stays under the 512 MiB RSS target with room for
     * metaspace, code cache and thread stacks; the serial collector because both processes have
     * at most two cores to share with three servers, and it keeps the least native memory. A fixed
     * young generation of 144 MiB with large survivor spaces: both processes keep a few tens of
     * MiB of records in flight, which the default sizing (a young generation a third of a heap
     * that starts at 64 MiB, survivors a tenth of that) promoted into the old generation, so that
     * it collected the whole heap every two seconds during a snapshot.
     */
    static final List<String> DEFAULT_SIDECAR_JVM = List.of("-Xms256m", "-Xmx256m", "-Xmn144m",
            "-XX:SurvivorRatio=4", "-XX:+UseSerialGC");
    static final List<String> DEFAULT_MIRROR_JVM = DEFAULT_SIDECAR_JVM;

    static final String USAGE = """
            bench [--scale S] [--rates R1,R2,...] [--rate-seconds N] [--noise-seconds N] [--no-pgloader]
                  [--out FILE] [--sidecar-jvm "OPTS"] [--mirror-jvm "OPTS"] [--jfr] [--profile] [--seed N]
                  [--workload-threads N] [--mix SPEC] [--generator-only] [--scales S1,S2,...]
                Measure Herd on this machine with embedded servers: snapshot end to end, pgloader on the
                same data, raw PostgreSQL COPY, streaming lag at rising rates, tracker noise, peak RSS.
                --scale            size of the generated site; 1 is what.cd-sized (default 0.02)
                --rates            streaming targets in binlog row changes/s (default 1000,2000,5000,7500,10000)
                --rate-seconds     how long each rate is held (default 20)
                --workload-threads connections of the load generator (default 8)
                --mix              the load generator's mix: the default's values changed by kind=weight
                                   and setting=value pairs, e.g. tracker=0,upload=20 (docs/benchmarks.md)
                --generator-only   the rates with the load generator alone, no sidecar or mirror
                --scales           pgloader, snapshot and late mirror at each scale, projected to scale 1
                --out              the JSON report (default target/bench/bench-<timestamp>.json)
                --jfr              flight recordings of the sidecar and replicators next to the report
                --profile          --jfr and async-profiler CPU flame graphs of the same processes
            """;

    public static BenchOptions parse(String... args) {
        double scale = 0.02;
        long seed = 42;
        List<Integer> rates = List.of(1000, 2000, 5000, 7500, 10000);
        int rateSeconds = 20;
        int noiseSeconds = 10;
        boolean pgloader = true;
        Path out = null;
        List<String> sidecarJvm = DEFAULT_SIDECAR_JVM;
        List<String> mirrorJvm = DEFAULT_MIRROR_JVM;
        boolean jfr = false;
        int threads = 8;
        LoadMix mix = LoadMix.DEFAULT;
        boolean generatorOnly = false;
        List<Double> scales = List.of();
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--no-pgloader" -> pgloader = false;
                case "--jfr" -> jfr = true;
                case "--profile" -> profile = true;
                case "--generator-only" -> generatorOnly = true;
                case "--mix" -> mix = LoadMix.parse(value(args, ++i, a));
                case "--scales" -> {
                    List<Double> s = new ArrayList<>();
                    for (String v : value(args, ++i, a).split(",")) {
                        if (!v.isBlank()) {
                            s.add(positiveDouble(a, v.trim()));
                        }
                    }
                    scales = List.copyOf(s);
                }
                case "--scale" -> scale = positiveDouble(a, value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--rates" -> {
                    List<Integer> r = new ArrayList<>();
                    for (String s : value(args, ++i, a).split(",")) {
                        if (!s.isBlank()) {
                            r.add(positiveInt(a, s.trim()));
                        }
                    }
                    rates = List.copyOf(r);
                }
                case "--rate-seconds" -> rateSeconds = positiveInt(a, value(args, ++i, a));
                case "--noise-seconds" -> noiseSeconds = positiveInt(a, value(args, ++i, a));
                case "--workload-threads" -> threads = positiveInt(a, value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--sidecar-jvm" -> sidecarJvm = List.of(value(args, ++i, a).trim().split("\\s+"));
                case "--mirror-jvm" -> mirrorJvm = List.of(value(args, ++i, a).trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return new BenchOptions(scale, seed, rates, rateSeconds, noiseSeconds, pgloader, out, sidecarJvm, mirrorJvm,
                jfr || profile, threads, new StreamingOptions(mix, generatorOnly), new ScaleOptions(scales),
                new ProfileOptions(profile));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static double positiveDouble(String option, String s) {
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, got '" + s + "'");
        }
        if (!(d > 0)) {
            throw new IllegalArgumentException(option + " must be greater than 0, got '" + s + "'");
        }
        return d;
    }

    private static int positiveInt(String option, String s) {
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + s + "'");
        }
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got '" + s + "'");
        }
        return n;
    }
}
