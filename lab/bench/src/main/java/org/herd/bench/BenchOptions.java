package org.herd.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@code herd bench}, as {@link BenchCommand} parses them.
 *
 * @param scale           size of the generated site; 1 is what.cd-sized
 * @param seed            generator and workload seed
 * @param rates           streaming target rates, changes per second, in the order they run
 * @param rateSeconds     how long each streaming rate is held
 * @param noiseSeconds    how long tracker flushes are played for the noise measure
 * @param pgloader        whether to run pgloader (installed first when missing and running as root)
 * @param out             where the JSON goes; null = target/bench/bench-TIMESTAMP.json
 * @param sidecarJvm      JVM options of the sidecar process, or null for the default for the site's
 *                        size ({@link #sidecarJvmAt})
 * @param mirrorJvm       JVM options of the replicator process
 * @param jfr             record a flight recording of both processes next to the JSON
 * @param workloadThreads connections the load generator writes on
 * @param streaming       the load generator's mix, and whether it runs alone
 * @param scales          a series of scales, or runs repeated, instead of one full run
 * @param profile         async-profiler flame graphs
 * @param browse          the browse latency phase
 * @param extra           the archive and scrub-cost phases
 */
public record BenchOptions(double scale, long seed, List<Integer> rates, int rateSeconds, int noiseSeconds,
        boolean pgloader, Path out, List<String> sidecarJvm, List<String> mirrorJvm, boolean jfr,
        int workloadThreads, StreamingOptions streaming, ScaleOptions scales, ProfileOptions profile,
        BrowseOptions browse, ExtraPhases extra) {

    /**
     * C2, the compiler that makes the JVM's fastest code, takes a method once it has run three times
     * as often as by default. In a profile of a copy at scale 0.02 it compiled for 38% of the
     * sidecar's CPU samples and 40% of the replicator's, all along the copy: each table brings new
     * paths, and C2 throws compiled code away and compiles it again. Methods below the higher counts
     * keep C1's code, which is slower but costs little to make; those that carry the rows reach them
     * within seconds. With these, a copy at scale 0.02 used 18% less CPU in all and took 15% less
     * time (docs/benchmarks.md, run J5); at 0.1, where compiling is a smaller part of a longer copy,
     * the difference was within what runs vary by (J7). A sidecar that has run for a while has its
     * hot code compiled by C2 as before.
     */
    static final String COMPILE_LATER = "-XX:Tier4InvocationThreshold=15000 -XX:Tier4MinInvocationThreshold=1800 "
            + "-XX:Tier4CompileThreshold=45000 -XX:Tier4BackEdgeThreshold=120000";
    /**
     * C2 inlines hot methods of up to 50 bytecodes (default 325) and callees whose compiled code is
     * up to 500 bytes (default 2,500). What C2 still compiled under {@link #COMPILE_LATER} were
     * units of 8 to 12 KB of inlined bytecode turned into 70 to 135 KB of code, each taking 0.3 to
     * 1.5 s, most of it in register allocation, which grows faster than the unit; smaller units
     * cost less to compile and less memory while compiling. In five copies at scale 0.02 against
     * two without, each process used a fifth to a half less CPU, the sidecar peaked 48 to 68 MiB
     * lower (one copy without had gone over 512 MiB), and the code was no slower through the
     * noise backlog (docs/benchmarks.md, runs K0 to K9).
     */
    static final String INLINE_LESS = "-XX:FreqInlineSize=50 -XX:InlineSmallCode=500";
    /**
     * Heap caps chosen so that each process stays under the 512 MiB RSS target with room for
     * metaspace, code cache and thread stacks; the serial collector because both processes have
     * at most two cores to share with three servers, and it keeps the least native memory. A fixed
     * young generation of 144 MiB with large survivor spaces: both processes keep a few tens of
     * MiB of records in flight, which the default sizing (a young generation a third of a heap
     * that starts at 64 MiB, survivors a tenth of that) promoted into the old generation, so that
     * it collected the whole heap every two seconds during a snapshot.
     */
    static final String DEFAULT_JVM = "-Xms256m -Xmx256m -Xmn144m -XX:SurvivorRatio=4 -XX:+UseSerialGC "
            + COMPILE_LATER + " " + INLINE_LESS;
    /**
     * The sidecar's options above {@link #LARGE_SITE}: its live heap grows with the site (digest
     * indexes of 16 to 43 bytes a row, the lookup cache), about 135 MB at scale 0.1, more than the
     * 112 MiB old generation {@link #DEFAULT_JVM} leaves; there it collected its whole heap for half
     * of a snapshot (docs/benchmarks.md, run M1). The same heap with a 64 MiB young generation
     * leaves a 192 MiB old generation, which holds it: at 0.1 the sidecar stayed at 495
     * and 501 MiB resident (runs M3, M7). A 272 MiB heap split so copied the site in 175 to 201 s
     * against their 216 and 211, at 511 to 519 MiB; a 448 MiB heap in 187 to 196 s at 692 MiB.
     */
    static final String LARGE_SITE_SIDECAR_JVM = "-Xms256m -Xmx256m -Xmn64m -XX:SurvivorRatio=4 -XX:+UseSerialGC "
            + COMPILE_LATER + " " + INLINE_LESS;
    /** The scale above which the sidecar gets {@link #LARGE_SITE_SIDECAR_JVM} unless told otherwise. */
    static final double LARGE_SITE = 0.05;

    public BenchOptions {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale must be greater than 0, got " + scale);
        }
        if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 1)) {
            throw new IllegalArgumentException("--rates must be one or more rates of at least 1 change/s, got "
                    + rates);
        }
        atLeastOne("--rate-seconds", rateSeconds);
        atLeastOne("--noise-seconds", noiseSeconds);
        atLeastOne("--workload-threads", workloadThreads);
        rates = List.copyOf(rates);
        sidecarJvm = sidecarJvm == null ? null : List.copyOf(sidecarJvm);
        mirrorJvm = List.copyOf(mirrorJvm);
        Objects.requireNonNull(streaming, "streaming");
        Objects.requireNonNull(scales, "scales");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(browse, "browse");
        Objects.requireNonNull(extra, "extra");
        if (streaming.generatorOnly() && scales.series()) {
            throw new IllegalArgumentException("--generator-only runs the load generator alone, without a copy to "
                    + "measure; it does not go with --scales or --repeat");
        }
    }

    private static void atLeastOne(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
    }

    /** The sidecar's JVM options for a site of {@code scale}: those given, or the default for its size. */
    public List<String> sidecarJvmAt(double scale) {
        if (sidecarJvm != null) {
            return sidecarJvm;
        }
        return jvm(scale > LARGE_SITE ? LARGE_SITE_SIDECAR_JVM : DEFAULT_JVM);
    }

    /** JVM options as given in one argument, split at white space. */
    static List<String> jvm(String options) {
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    /** The options of {@code herd bench ARGS}; throws picocli's ParameterException naming a bad one. */
    public static BenchOptions parse(String... args) {
        return BenchCommand.parse(args);
    }
}
