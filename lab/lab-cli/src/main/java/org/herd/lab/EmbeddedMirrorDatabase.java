package org.herd.lab;

import java.nio.file.Path;
import org.herd.embedded.EmbeddedPostgres;
import org.herd.replicator.MirrorDatabaseServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server for a mirror host that has none: the binaries come from a Maven artifact,
 * the data directory is the operator's and survives restarts, only loopback TCP is served.
 * Started through {@link EmbeddedPostgres}, which also copes with being started by root.
 */
public final class EmbeddedMirrorDatabase implements MirrorDatabaseServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMirrorDatabase.class);

    /** The database inside the embedded server that holds the mirror. */
    public static final String DATABASE = "herd";

    private final EmbeddedPostgres postgres;

    private EmbeddedMirrorDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts the server on the directory, creating the cluster and the mirror's database on first use. */
    public static EmbeddedMirrorDatabase start(Path directory) {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(directory.toAbsolutePath());
        try {
            postgres.createDatabase(DATABASE);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        log.info("embedded PostgreSQL for the mirror at {} (data directory {})", postgres.jdbcUrl(DATABASE),
                postgres.dataDir());
        return new EmbeddedMirrorDatabase(postgres);
    }

    /** Found by the mirror through {@link java.util.ServiceLoader}. */
    public static final class Launcher implements MirrorDatabaseServer.Launcher {
        @Override
        public MirrorDatabaseServer start(Path directory) {
            return EmbeddedMirrorDatabase.start(directory);
        }
    }

    @Override
    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    @Override
    public String user() {
        return postgres.user();
    }

    @Override
    public String password() {
        return postgres.password();
    }

    public int port() {
        return postgres.port();
    }

    @Override
    public Path directory() {
        return postgres.dataDir();
    }

    @Override
    public void close() {
        postgres.close();
    }
}
