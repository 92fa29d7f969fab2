package org.herd.cli;

import java.util.List;
import org.herd.serve.ServeApplication;
import picocli.CommandLine.Command;

/** {@code herd serve}: the web server on a mirror's PostgreSQL, apart from the replicator that fills it. */
@Command(name = "serve", header = "Serve a mirror's database to people: the Gazelle JSON API and the site, until "
        + "stopped.",
        description = {"Run the mirror's web server: Gazelle's JSON API (ajax.php, login.php) and the search site, "
                + "read-only on a mirror's PostgreSQL, which a replicator (herd mirror) keeps current. Runs until "
                + "stopped. To run both in one process, use herd mirror --serve.",
                "The PostgreSQL: --spring.datasource.url=jdbc:postgresql://HOST:5432/DB with "
                + "--spring.datasource.username and --spring.datasource.password (a role that may read the herd "
                + "schema is enough)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:could not start (the database unreachable or not a mirror, the port taken; "
                + "the log says why)", "2:bad usage, or a property refused at start-up (named in the log)"})
final class ServeCommand extends ApplicationCommand {

    static final PropertyArguments PROPERTIES = new PropertyArguments("herd serve", List.of("herd.serve"),
            ServeApplication.CONFIG_NAME, List.of(
                    new PropertyArguments.Highlight("herd.serve.port", false),
                    new PropertyArguments.Highlight("herd.serve.site-name", false),
                    new PropertyArguments.Highlight("herd.serve.read-tokens", false),
                    new PropertyArguments.Highlight("herd.serve.default-origin", false),
                    new PropertyArguments.Highlight("herd.serve.rate-limit.requests", false),
                    new PropertyArguments.Highlight("herd.serve.rate-limit.window", false)));

    ServeCommand() {
        // Named main class, for Spring Boot's "Started ServeApplication" line (see SidecarCommand).
        this(arguments -> untilClosed(ServeApplication.builder().main(ServeApplication.class), arguments));
    }

    ServeCommand(Launcher launcher) {
        super(launcher);
    }

    @Override
    public PropertyArguments propertyArguments() {
        return PROPERTIES;
    }
}
