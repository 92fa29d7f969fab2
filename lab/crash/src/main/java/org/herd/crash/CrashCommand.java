package org.herd.crash;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.herd.cli.Herd;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code herd crash}: the options of {@link CrashOptions}, then the {@link CrashHarness}. */
@Command(name = "crash", header = "Kill and restart the sidecar, a replicator and Kafka; check nothing is lost.",
        description = {"Kill the sidecar, a replicator and the Kafka broker with SIGKILL at random moments while a "
                + "live workload runs, restart them, and check that the mirror equals the origin "
                + "(docs/reliability.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing lost, duplicated or diverged", "1:a row lost, duplicated or diverged, or the "
                + "harness failed", "2:bad usage"})
public final class CrashCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "20",
            description = "Kill-and-restart cycles, at least 1 (default: ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the generated site, the workload and the harness's choices "
                    + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", paramLabel = "S", defaultValue = "0.0005",
            description = "Size of the generated site, above 0 and at most 1 (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "20",
            description = "Workload steps per second while the cycles run (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where servers keep their data and children their logs (default: a temporary directory, "
                    + "deleted after a run that passes).")
    Path workDir;

    private final PrintStream out;

    public CrashCommand(PrintStream out) {
        this.out = out;
    }

    /** The parsed options; a value out of range is a usage error naming the option. */
    CrashOptions options() {
        try {
            return new CrashOptions(cycles, seed, scale, rate, workDir);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        return new CrashHarness(options(), out).run().exitCode();
    }

    /** The options of {@code args}; throws picocli's ParameterException naming a bad one. */
    static CrashOptions parse(String... args) {
        CrashCommand command = new CrashCommand(System.out);
        Herd.configure(new CommandLine(command), System.out, System.err).parseArgs(args);
        return command.options();
    }
}
