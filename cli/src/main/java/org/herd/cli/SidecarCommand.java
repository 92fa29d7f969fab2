package org.herd.cli;

import java.util.List;
import org.herd.sidecar.SidecarApplication;
import picocli.CommandLine.Command;

/** {@code herd sidecar}: the sidecar beside a Gazelle database. */
@Command(name = "sidecar", header = "Run the sidecar beside a Gazelle database, until stopped.",
        description = "Run the sidecar beside a Gazelle database: capture its public catalogue from the binlog and "
                + "publish it to Kafka. Runs until stopped.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:could not start (a server unreachable, ...; the log says why)",
                "2:bad usage, or a property refused at start-up (named in the log)"})
final class SidecarCommand extends ApplicationCommand {

    static final PropertyArguments PROPERTIES = new PropertyArguments("herd sidecar", List.of("herd.sidecar"),
            SidecarApplication.CONFIG_NAME, List.of(
                    new PropertyArguments.Highlight("herd.sidecar.origin", true),
                    new PropertyArguments.Highlight("herd.sidecar.source.host", true),
                    new PropertyArguments.Highlight("herd.sidecar.source.port", false),
                    new PropertyArguments.Highlight("herd.sidecar.source.database", true),
                    new PropertyArguments.Highlight("herd.sidecar.source.user", true),
                    new PropertyArguments.Highlight("herd.sidecar.source.password", false),
                    new PropertyArguments.Highlight("herd.sidecar.source.connector", false),
                    new PropertyArguments.Highlight("herd.sidecar.kafka.bootstrap-servers", true),
                    new PropertyArguments.Highlight("herd.sidecar.kafka.properties", false),
                    new PropertyArguments.Highlight("herd.sidecar.kafka.replication-factor", false),
                    new PropertyArguments.Highlight("herd.sidecar.privacy.users", false),
                    new PropertyArguments.Highlight("herd.sidecar.privacy.pseudonym-key", false),
                    new PropertyArguments.Highlight("herd.sidecar.variant", false)));

    SidecarCommand() {
        // Named main class: Spring Boot would otherwise take the one whose main() is on the stack
        // (Herd) for its "Started SidecarApplication" line, which operators and the crash harness read.
        this(arguments -> untilClosed(SidecarApplication.builder().main(SidecarApplication.class), arguments));
    }

    SidecarCommand(Launcher launcher) {
        super(launcher);
    }

    @Override
    public PropertyArguments propertyArguments() {
        return PROPERTIES;
    }
}
