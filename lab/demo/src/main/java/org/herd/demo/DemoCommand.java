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
                + "two mirrors in PostgreSQL; the snapshot, then live changes timed until both mirrors show them; "
                + "with --survival, an archive, the origin switched off and a mirror born from the archive; "
                + "then the first mirror's site (search, API, status) is served until stopped (Ctrl-C).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (with --once: every mirror equals the origin, the one born from the archive too)",
                "1:with --once, a mirror differs from the origin or the born mirror from the first; or the demo "
                        + "failed", "2:bad usage"})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--once", description = "End with a per-entity comparison of every mirror with the origin; the "
            + "exit code says whether all are equal. Without it, the demo ends by serving the first mirror's site "
            + "until stopped.")
    boolean once;

    @Option(names = "--survival", description = "After the live changes, also show the origin's survival: an "
            + "archive of its topics made and verified, the origin switched off (its sidecar stopped, its topics "
            + "deleted), and a new mirror born from the archive alone, equal to the first. --once shows it too.")
    boolean survival;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DemoOptions.DEFAULT_PORT,
            description = "Port of the first mirror's site on 127.0.0.1; 0 picks a free one (default: "
                    + "${DEFAULT-VALUE}).")
    int port;

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
            return new DemoOptions(once, survival || once, scale, steps, seed, port);
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
