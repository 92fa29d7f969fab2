package org.herd.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.herd.cli.mirror.MirrorStatusCommand;
import org.herd.cli.verify.VerifyCommand;
import org.herd.cli.archive.ArchiveCommand;
import org.herd.cli.restore.RestoreCommand;
import org.herd.cli.trust.KeysCommand;
import org.herd.cli.trust.TrustCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code herd} command: one parser (picocli) for every command, the operator's here and the
 * lab's, which {@code herd-lab.jar} adds to the same root. Each command returns its exit code;
 * {@link #main} is the one place that exits with it.
 */
@Command(name = "herd", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = Herd.Version.class, synopsisSubcommandLabel = "COMMAND",
        description = "Herd replicates a Gazelle site's public catalogue to mirrors. "
                + "'herd COMMAND --help' shows a command's options.",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes (each command's help has its own):%n",
        exitCodeList = {"0:done", "1:the command ran and reports a failure or a difference",
                "2:bad usage (an unknown option or a bad value, named), or the command could not run"},
        subcommands = HelpCommand.class)
public final class Herd implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    /** {@code herd} alone: the list of commands, on stderr, and exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return USAGE;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    /**
     * The operator's commands, then {@code more} (the lab's), on one root, printing to {@code out}
     * and {@code err}.
     */
    public static CommandLine commandLine(PrintStream out, PrintStream err, Object... more) {
        return commandLine(out, err, new SidecarCommand(), new MirrorCommand(), new ServeCommand(), more);
    }

    /** With the applications' commands given: tests start no application. */
    static CommandLine commandLine(PrintStream out, PrintStream err, SidecarCommand sidecar, MirrorCommand mirror,
            ServeCommand serve, Object... more) {
        CommandLine herd = new CommandLine(new Herd());
        herd.addSubcommand(sidecar);
        herd.addSubcommand(mirror);
        herd.addSubcommand(serve);
        herd.getSubcommands().get("mirror").addSubcommand(new MirrorStatusCommand(out, err));
        herd.addSubcommand(new VerifyCommand(out, err));
        herd.addSubcommand(new QuarantineCommand(out, err).commandLine());
        herd.addSubcommand(new GrantsCommand(out));
        herd.addSubcommand(new RestoreCommand());
        herd.addSubcommand(new ArchiveCommand());
        herd.addSubcommand(new KeysCommand());
        herd.addSubcommand(new TrustCommand());
        for (Object command : more) {
            herd.addSubcommand(command);
        }
        return configure(herd, out, err);
    }

    /** What every herd command line shares; also for a command parsed on its own. */
    public static CommandLine configure(CommandLine commandLine, PrintStream out, PrintStream err) {
        commandLine.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // An argument starting with '@' is a value (a password may), never a file to read arguments from.
        commandLine.setExpandAtFiles(false);
        commandLine.setUsageHelpWidth(100);
        commandLine.setParameterExceptionHandler(Herd::usageError);
        commandLine.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e);
            e.printStackTrace(command.getErr());
            command.getErr().flush();
            return FAILURE;
        });
        takeProperties(commandLine);
        return commandLine;
    }

    /** Commands taking Spring-style properties receive every argument that is not one of their options. */
    private static void takeProperties(CommandLine commandLine) {
        if (commandLine.getCommand() instanceof TakesProperties t) {
            commandLine.setUnmatchedOptionsArePositionalParams(true);
            commandLine.getHelpSectionMap().put("properties", help -> "\n" + t.propertyArguments().help());
            List<String> keys = new ArrayList<>(commandLine.getHelpSectionKeys());
            keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING),
                    "properties");
            commandLine.setHelpSectionKeys(keys);
        }
        commandLine.getSubcommands().values().forEach(Herd::takeProperties);
    }

    /**
     * A usage error: one line naming the option and the value, a suggestion when one is close,
     * and where the command's help is. Exit code 2.
     */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + message(e));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * Picocli's message, but of arguments it did not expect only the first: what follows an
     * unknown option may be its value, a password as likely as not.
     */
    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            return (first.startsWith("-") ? "Unknown option: '" : "Unexpected argument: '") + first + "'";
        }
        return e.getMessage();
    }

    /** The version in the jar's manifest. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            String v = Herd.class.getPackage().getImplementationVersion();
            return new String[] {"herd " + (v == null ? "(built from source)" : v)};
        }
    }
}
