package org.herd.demo;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.herd.cli.Herd;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code herd demo}: the options of {@link DemoOptions}, then the {@link Demo}. */
@Command(name = "demo", header = "Herd end to end on embedded servers: a generated site, a sidecar, two mirrors.",
        description = "Herd's main job on embedded servers: a generated Gazelle site in MariaDB, a sidecar, Kafka and "
                + "two mirrors in PostgreSQL; the snapshot, then live changes timed until both mirrors show them.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (with --once: every mirror equals the origin)",
                "1:with --once, a mirror differs from the origin; or the demo failed", "2:bad usage"})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--once", description = "End with a per-entity comparison of every mirror with the origin; the "
            + "exit code says whether all are equal.")
    boolean once;

    @Option(names = "--scale", paramLabel = "S", defaultValue = "0.001",
            description = "Size of the generated site, above 0 and at most 2; 1 is what.cd-sized "
                    + "(default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "30",
            description = "Live workload steps, 0 to 1000000 (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the generated data and the workload (default: ${DEFAULT-VALUE}).")
    long seed;

    private final PrintStream out;

    public DemoCommand(PrintStream out) {
        this.out = out;
    }

    /** The parsed options; a value out of range is a usage error naming the option. */
    DemoOptions options() {
        try {
            return new DemoOptions(once, scale, steps, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        return new Demo(options(), out).run();
    }

    /** The options of {@code args}; throws picocli's ParameterException naming a bad one. */
    static DemoOptions parse(String... args) {
        DemoCommand command = new DemoCommand(System.out);
        Herd.configure(new CommandLine(command), System.out, System.err).parseArgs(args);
        return command.options();
    }
}
