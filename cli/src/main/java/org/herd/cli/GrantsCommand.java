package org.herd.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.UserPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code herd grants}: prints the SQL of {@link Grants}. */
@Command(name = "grants", header = "Print the SQL that creates the sidecar's least-privilege replication user.",
        description = {"Print the SQL that creates the sidecar's least-privilege replication user, for the privacy "
                + "settings the sidecar will run with and the site's Gazelle variant."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:bad usage"})
final class GrantsCommand implements Callable<Integer> {

    /** Whether the sidecar publishes info_hash ({@code herd.sidecar.privacy.info-hash}). */
    enum YesNo { YES, NO }

    @Option(names = "--database", paramLabel = "NAME", defaultValue = "gazelle",
            description = "The Gazelle database (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "herd",
            description = "The replication user to create (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "%",
            description = "The host the sidecar connects from (default: ${DEFAULT-VALUE}, any).")
    String host;

    @Option(names = "--users", paramLabel = "POLICY", defaultValue = "pseudonymous",
            description = "The sidecar's herd.sidecar.privacy.users: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}). Under any but NONE it reads the author columns too.")
    UserPolicy users;

    @Option(names = "--info-hash", paramLabel = "YES|NO", defaultValue = "no",
            description = "Whether the sidecar publishes torrents.info_hash (default: ${DEFAULT-VALUE}).")
    YesNo infoHash;

    @Option(names = "--variant", paramLabel = "VARIANT", defaultValue = "whatcd",
            description = "The site's Gazelle variant: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    GazelleVariant variant;

    private final PrintStream out;

    GrantsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        out.print(Grants.sql(variant, users, infoHash == YesNo.YES, database, user, host));
        out.flush();
        return Herd.OK;
    }
}
