package org.herd.cli;

import java.nio.file.Path;
import java.util.List;
import org.herd.replicator.ReplicatorApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code herd mirror}: a replicator into a mirror's PostgreSQL. */
@Command(name = "mirror", header = "Run a replicator into a mirror's PostgreSQL, until stopped.",
        description = {"Run a replicator: apply one origin's topics to this mirror's PostgreSQL. Runs until "
                + "stopped.", "The PostgreSQL: --spring.datasource.url=jdbc:postgresql://HOST:5432/DB with "
                + "--spring.datasource.username and --spring.datasource.password, unless "
                + "herd.mirror.embedded-postgres.enabled (a clone's ./herd only).", "With --serve, the same "
                + "process also serves the mirror to people (as herd serve does): its --herd.serve.* properties are "
                + "read, and the web server reads the mirror's database."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:could not start (a server unreachable, ...; the log says why)",
                "2:bad usage, or a property refused at start-up (named in the log)"})
final class MirrorCommand extends ApplicationCommand {

    static final PropertyArguments PROPERTIES = new PropertyArguments("herd mirror", List.of("herd.mirror", "herd.serve"),
            ReplicatorApplication.CONFIG_NAME, List.of(
                    new PropertyArguments.Highlight("herd.mirror.origin", true),
                    new PropertyArguments.Highlight("herd.mirror.kafka.bootstrap-servers", true),
                    new PropertyArguments.Highlight("herd.mirror.kafka.group-id", false),
                    new PropertyArguments.Highlight("herd.mirror.kafka.properties", false),
                    new PropertyArguments.Highlight("herd.mirror.batch-size", false),
                    new PropertyArguments.Highlight("herd.mirror.bootstrap.archive", false),
                    new PropertyArguments.Highlight("herd.mirror.embedded-postgres.enabled", false),
                    new PropertyArguments.Highlight("herd.mirror.embedded-postgres.directory", false)));

    @Option(names = "--serve", description = "Also run the mirror's web server (the Gazelle JSON API and the site, "
            + "configured by --herd.serve.*) in this process, on the mirror's database.")
    boolean serve;

    private final Launcher served;

    MirrorCommand() {
        // Named main class, for Spring Boot's "Started ReplicatorApplication" line (see SidecarCommand).
        this(arguments -> untilClosed(ReplicatorApplication.builder().main(ReplicatorApplication.class), arguments),
                ServedMirror::run);
    }

    MirrorCommand(Launcher launcher, Launcher served) {
        super(launcher);
        this.served = served;
    }

    @Override
    Launcher launcher(List<String> properties) {
        if (serve) {
            return served;
        }
        properties.stream().filter(p -> p.toLowerCase(java.util.Locale.ROOT).startsWith("--herd.serve.")).findFirst()
                .ifPresent(p -> {
                    throw new ParameterException(spec.commandLine(), "'" + p.substring(0, p.indexOf('='))
                            + "' configures the web server: add --serve, or run it apart with herd serve");
                });
        return super.launcher(properties);
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
