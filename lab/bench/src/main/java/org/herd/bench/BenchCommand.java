package org.herd.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.herd.cli.Herd;
import org.herd.simulator.LoadMix;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herd bench}: the options of {@link BenchOptions}, then the {@link Bench}. With the hidden
 * {@code --child ROLE PROPERTY=VALUE...} it is one of the bench's own child processes
 * ({@link BenchChild}) instead.
 */
@Command(name = "bench", header = "Measure Herd on this machine with embedded servers.",
        description = {"Measure Herd on this machine with embedded servers: snapshot end to end, pgloader on the "
                + "same data, raw PostgreSQL COPY, a mirror that joins late, streaming lag at rising rates, tracker "
                + "noise, peak memory of the sidecar and the replicator (docs/benchmarks.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured; every mirror the bench filled equals the origin",
                "1:a mirror differs from the origin, or the bench failed", "2:bad usage"})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scale", paramLabel = "S", defaultValue = "0.02",
            description = "Size of the generated site; 1 is what.cd-sized (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--rates", paramLabel = "R", split = ",", defaultValue = "1000,2000,5000,7500,10000",
            description = "Streaming target rates in binlog row changes/s, in the order they run "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--rate-seconds", paramLabel = "N", defaultValue = "20",
            description = "How long each rate is held, in seconds (default: ${DEFAULT-VALUE}).")
    int rateSeconds;

    @Option(names = "--noise-seconds", paramLabel = "N", defaultValue = "10",
            description = "How long tracker flushes are played for the noise measure, in seconds "
                    + "(default: ${DEFAULT-VALUE}).")
    int noiseSeconds;

    @Option(names = "--workload-threads", paramLabel = "N", defaultValue = "8",
            description = "Connections the load generator writes on (default: ${DEFAULT-VALUE}).")
    int workloadThreads;

    @Option(names = "--mix", paramLabel = "SPEC",
            description = "The load generator's mix: the default's values changed by kind=weight and setting=value "
                    + "pairs, e.g. tracker=0,upload=20 (docs/benchmarks.md).")
    String mix;

    @Option(names = "--generator-only",
            description = "The rates with the load generator alone: no sidecar, Kafka or mirror.")
    boolean generatorOnly;

    @Option(names = "--scales", paramLabel = "S", split = ",",
            description = "Instead of one full run: pgloader, snapshot and late mirror at each scale, projected to "
                    + "scale 1.")
    List<Double> scales = new ArrayList<>();

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Instead of one full run: pgloader, snapshot and late mirror N times at --scale (or at "
                    + "each of --scales), each on a freshly generated site, with each figure's median, lowest and "
                    + "highest (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--no-pgloader", description = "Leave pgloader out (by default it runs, installed first when "
            + "missing and running as root).")
    boolean noPgloader;

    @Option(names = "--no-browse", description = "Leave out the browse latency of the mirror's web server.")
    boolean noBrowse;

    @Option(names = "--browse-requests", paramLabel = "N", defaultValue = "2000",
            description = "Browse requests measured, after a warm-up of a tenth as many (default: ${DEFAULT-VALUE}).")
    int browseRequests;

    @Option(names = "--browse-clients", paramLabel = "N", defaultValue = "8",
            description = "Client threads sending the browse requests at once (default: ${DEFAULT-VALUE}).")
    int browseClients;

    @Option(names = "--browse-rates", paramLabel = "R", split = ",", defaultValue = "10,20,40,80",
            description = "Browse requests per second sent on schedule, one step each, whatever the answers' "
                    + "latency (default: ${DEFAULT-VALUE}).")
    List<Integer> browseRates;

    @Option(names = "--browse-rate-seconds", paramLabel = "N", defaultValue = "10",
            description = "How long each browse rate is held, in seconds (default: ${DEFAULT-VALUE}).")
    int browseRateSeconds;

    @Option(names = "--archive", description = "Also make an archive of the site from the topics after the snapshot "
            + "(herd archive create), verify it (herd archive verify) and load an empty mirror from it "
            + "(herd mirror --bootstrap-from).")
    boolean archive;

    @Option(names = "--scrub-cost", description = "Also snapshot the site a second time with text scrubbing off (every "
            + "free-text column keep), to compare the sidecar's CPU seconds.")
    boolean scrubCost;

    @Option(names = "--out", paramLabel = "FILE",
            description = "The JSON report (default: target/bench/bench-TIMESTAMP.json).")
    Path out;

    @Option(names = "--sidecar-jvm", paramLabel = "\"OPTS\"",
            description = "JVM options of the sidecar process (default: \"" + BenchOptions.DEFAULT_JVM + "\" up to "
                    + "scale " + BenchOptions.LARGE_SITE + ", above it \"" + BenchOptions.LARGE_SITE_SIDECAR_JVM + "\").")
    String sidecarJvm;

    @Option(names = "--mirror-jvm", paramLabel = "\"OPTS\"", defaultValue = BenchOptions.DEFAULT_JVM,
            description = "JVM options of the replicator processes (default: ${DEFAULT-VALUE}).")
    String mirrorJvm;

    @Option(names = "--jfr", description = "Flight recordings of the sidecar and the replicators next to the report.")
    boolean jfr;

    @Option(names = "--profile",
            description = "--jfr, and async-profiler CPU flame graphs of the same processes.")
    boolean profile;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the generated site and the workload (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--child", paramLabel = "ROLE", hidden = true,
            description = "Run as the bench's sidecar or mirror process, with the PROPERTY=VALUE arguments.")
    BenchChild.Role child;

    @Parameters(paramLabel = "PROPERTY=VALUE", hidden = true)
    List<String> childProperties = new ArrayList<>();

    private final PrintStream output;

    public BenchCommand(PrintStream output) {
        this.output = output;
    }

    /** The parsed options; a value out of range is a usage error naming the option. */
    BenchOptions options() {
        if (!childProperties.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Unexpected argument: '" + childProperties.get(0) + "'");
        }
        try {
            return new BenchOptions(scale, seed, rates, rateSeconds, noiseSeconds, !noPgloader, out,
                    sidecarJvm == null ? null : BenchOptions.jvm(sidecarJvm), BenchOptions.jvm(mirrorJvm), jfr || profile, workloadThreads,
                    new StreamingOptions(mix == null ? LoadMix.DEFAULT : LoadMix.parse(mix), generatorOnly),
                    new ScaleOptions(List.copyOf(scales), repeat), new ProfileOptions(profile),
                    new BrowseOptions(!noBrowse, browseRequests, browseClients, browseRates,
                            browseRateSeconds), new ExtraPhases(archive, scrubCost));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        if (child != null) {
            return BenchChild.run(child, childProperties, output);
        }
        return new Bench(options(), output).run().exitCode();
    }

    /** The options of {@code args}; throws picocli's ParameterException naming a bad one. */
    static BenchOptions parse(String... args) {
        BenchCommand command = new BenchCommand(System.out);
        Herd.configure(new CommandLine(command), System.out, System.err).parseArgs(args);
        return command.options();
    }
}
