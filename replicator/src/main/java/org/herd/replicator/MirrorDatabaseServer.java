package org.herd.replicator;

import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * A PostgreSQL server that the mirror starts itself, in a data directory of the host's, for a
 * mirror host without a database server ({@code herd.mirror.embedded-postgres.enabled}).
 *
 * <p>The server's binaries are not part of the operator artefact, which carries no server of
 * any kind: an implementation comes from another module on the class path through
 * {@link ServiceLoader} (the lab's embedded PostgreSQL, in {@code herd-lab.jar}).
 */
public interface MirrorDatabaseServer extends AutoCloseable {

    String jdbcUrl();

    String user();

    String password();

    Path directory();

    @Override
    void close();

    /** Starts a server; found with {@link ServiceLoader}. */
    interface Launcher {

        /** Starts the server on the directory, creating it and the mirror's database on first use. */
        MirrorDatabaseServer start(Path directory);
    }

    /**
     * The launcher on the class path.
     *
     * @throws IllegalStateException naming the property when there is none
     */
    static Launcher launcher() {
        return ServiceLoader.load(Launcher.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "herd.mirror.embedded-postgres.enabled is true, but this Herd carries no embedded PostgreSQL: "
                        + "the operator artefact (herd.jar, the container image) leaves server binaries out. Point "
                        + "spring.datasource.url at a PostgreSQL server, or run the mirror from herd-lab.jar"));
    }
}
