package org.herd.cli;

import java.nio.file.Path;
import java.util.List;
import org.herd.replicator.ReplicatorApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code herd mirror}: a replicator into a mirror's PostgreSQL. */
@Command(name = "mirror", header = "Run a replicator into a mirror's PostgreSQL, until stopped.",
        description = {"Run a replicator: apply one origin's topics to this mirror's PostgreSQL. Runs until "
                + "stopped.", "The PostgreSQL: --spring.datasource.url=jdbc:postgresql://HOST:5432/DB with "
                + "--spring.datasource.username and --spring.datasource.password, unless "
                + "herd.mirror.embedded-postgres.enabled (a clone's ./herd only)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:could not start (a server unreachable, ...; the log says why)",
                "2:bad usage, or a property refused at start-up (named in the log)"})
final class MirrorCommand extends ApplicationCommand {

    static final PropertyArguments PROPERTIES = new PropertyArguments("herd mirror", List.of("herd.mirror"),
            ReplicatorApplication.CONFIG_NAME, List.of(
                    new PropertyArguments.Highlight("herd.mirror.origin", true),
                    new PropertyArguments.Highlight("herd.mirror.kafka.bootstrap-servers", true),
                    new PropertyArguments.Highlight("herd.mirror.kafka.group-id", false),
                    new PropertyArguments.Highlight("herd.mirror.kafka.properties", false),
                    new PropertyArguments.Highlight("herd.mirror.batch-size", false),
                    new PropertyArguments.Highlight("herd.mirror.bootstrap.archive", false),
                    new PropertyArguments.Highlight("herd.mirror.embedded-postgres.enabled", false),
                    new PropertyArguments.Highlight("herd.mirror.embedded-postgres.directory", false)));

    MirrorCommand() {
        // Named main class, for Spring Boot's "Started ReplicatorApplication" line (see SidecarCommand).
        this(arguments -> untilClosed(ReplicatorApplication.builder().main(ReplicatorApplication.class), arguments));
    }

    MirrorCommand(Launcher launcher) {
        super(launcher);
    }

    @Option(names = "--bootstrap-from", paramLabel = "DIR",
            description = "Load the empty mirror from an archive (herd archive create) before reading the stream: "
                    + "the same as --herd.mirror.bootstrap.archive=DIR (see docs/archive.md).")
    Path bootstrapFrom;

    @Override
    public Integer call() {
        if (bootstrapFrom != null) {
            arguments.add("--herd.mirror.bootstrap.archive=" + bootstrapFrom);
        }
        return super.call();
    }

    @Override
    public PropertyArguments propertyArguments() {
        return PROPERTIES;
    }
}
