package org.herd.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server child process using the binaries zonky packages for Maven.
 *
 * <p>PostgreSQL refuses to run as root. zonky's own launcher handles root only through
 * {@code unshare -U}, which container runtimes commonly forbid, so this class starts the server
 * itself: directly for a normal user; as root inside a fresh user namespace when the kernel allows
 * one ({@code unshare -U}, the server then sees itself as the overflow user but owns root's
 * files); otherwise as uid/gid 65534 through {@code setpriv} with the cluster dir handed to that
 * user. {@code -Dherd.embedded.postgres.runAs=direct|unshare|setpriv} forces a mode.
 *
 * <p>Layout of the data dir: {@code pgdata/} is the cluster. Only TCP on 127.0.0.1 is served.
 */
public final class EmbeddedPostgres extends ChildServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Logger SERVER_LOG = LoggerFactory.getLogger("org.herd.embedded.postgres");
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final int UNPRIVILEGED_ID = 65534;

    enum RunAs { DIRECT, UNSHARE, SETPRIV }

    private static RunAs detectedRunAs;

    private final RunAs runAs;

    private EmbeddedPostgres(Path dataDir, boolean temporary, Path runDir, RunAs runAs) {
        // SIGINT is PostgreSQL's fast shutdown; SIGTERM would wait for every client to leave.
        super("PostgreSQL", "INT", LOG, dataDir, temporary, runDir);
        this.runAs = runAs;
    }

    /** Starts PostgreSQL. {@code dataDir} null = a temp dir deleted on close; non-null = kept and reused. */
    public static EmbeddedPostgres start(Path dataDir) {
        return start(dataDir, runAs());
    }

    static EmbeddedPostgres start(Path dataDir, RunAs runAs) {
        return ChildServer.start("PostgreSQL", dataDir, "herd-postgres-data-", "herd-pg-",
                (dir, temporary, runDir) -> new EmbeddedPostgres(dir, temporary, runDir, runAs));
    }

    /**
     * The JVM's PostgreSQL for tests: started on first use, stopped when the JVM exits, the same
     * server as {@link EmbeddedStack#shared()}'s. Tests keep apart by database; none may close it.
     */
    public static EmbeddedPostgres shared() {
        return SharedServers.await(SharedServers.postgres());
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    /** CREATE DATABASE unless it exists. */
    public void createDatabase(String name) {
        try (Connection connection = dataSource("postgres").getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            // 42P04: created concurrently by someone else, which is what was asked for.
            if (!"42P04".equals(e.getSQLState())) {
                throw new EmbeddedServerException("PostgreSQL on port " + port + ": could not create database " + name
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /** A non-pooling DataSource for {@code database} with this server's credentials. */
    public DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {host()});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    @Override
    synchronized void startFirstTime() {
        long started = System.nanoTime();
        Path base = PostgresBinaries.baseDir();
        try {
            prepareDirectories();
            if (!Files.exists(pgData().resolve("PG_VERSION"))) {
                initdb(base);
            }
        } catch (IOException e) {
            throw new EmbeddedServerException("PostgreSQL: could not prepare data dir " + dataDir + ": " + e, e);
        }
        launchOnFreePort();
        LOG.info("PostgreSQL {} started on {}:{} (data {}{}) in {} ms", majorVersion(), host(), port, dataDir,
                runAs == RunAs.DIRECT ? "" : ", as uid " + UNPRIVILEGED_ID + " via " + runAs.name().toLowerCase(),
                elapsedMs(started));
    }

    private void prepareDirectories() throws IOException {
        Path pgData = pgData();
        if (!Files.exists(pgData)) {
            Files.createDirectory(pgData, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (runAs != RunAs.SETPRIV) {
            return;
        }
        // The unprivileged user must reach the cluster dir and own it, and read the password file.
        for (Path dir : List.of(dataDir, runDir)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(dir, permissions);
        }
        for (Path dir = dataDir.getParent(); dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new EmbeddedServerException("PostgreSQL runs as uid " + UNPRIVILEGED_ID + " here (root without "
                        + "user namespaces), which cannot enter " + dir + " on the way to " + dataDir
                        + "; choose a data dir under a world-traversable path such as the temp dir");
            }
        }
        if (!Integer.valueOf(UNPRIVILEGED_ID).equals(Files.getAttribute(pgData, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
            try (Stream<Path> tree = Files.walk(pgData)) {
                for (Path each : (Iterable<Path>) tree::iterator) {
                    Files.setAttribute(each, "unix:uid", UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(each, "unix:gid", UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    private void initdb(Path base) throws IOException {
        Path passwordFile = runDir.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> command = command(base, "initdb");
        command.addAll(List.of(
                "--pgdata=" + pgData(),
                "--username=" + USER,
                "--pwfile=" + passwordFile,
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                // Byte-order collation: available everywhere and independent of the host's locales.
                "--locale=C",
                "--no-sync"));
        try {
            ServerProcess.run("PostgreSQL", command, environment(), runDir, START_TIMEOUT, SERVER_LOG);
        } catch (RuntimeException e) {
            // A half-initialised cluster would be taken for a usable one on the next start.
            try (Stream<Path> leftovers = Files.list(pgData())) {
                for (Path each : (Iterable<Path>) leftovers::iterator) {
                    Files2.deleteQuietly(each, LOG);
                }
            }
            throw e;
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    @Override
    ServerProcess launchProcess() {
        List<String> command = command(PostgresBinaries.baseDir(), "postgres");
        command.addAll(List.of(
                "-D", pgData().toString(),
                "-c", "port=" + port,
                "-c", "listen_addresses=" + Ports.LOOPBACK,
                // No Unix socket: TCP is all callers use, and nothing is left in shared dirs.
                "-c", "unix_socket_directories=",
                "-c", "max_connections=300",
                "-c", "synchronous_commit=off",
                "-c", "timezone=UTC",
                "-c", "log_timezone=UTC"));
        return ServerProcess.start("PostgreSQL", host() + ":" + port + " (data " + dataDir + ")", command,
                environment(), runDir, "database system is ready to accept connections", START_TIMEOUT, SERVER_LOG);
    }

    private List<String> command(Path base, String executable) {
        List<String> command = new ArrayList<>();
        switch (runAs) {
            case UNSHARE -> command.addAll(List.of("unshare", "--user"));
            case SETPRIV -> command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID,
                    "--regid=" + UNPRIVILEGED_ID, "--clear-groups", "--"));
            case DIRECT -> { }
        }
        command.add(base.resolve("bin").resolve(executable).toString());
        return command;
    }

    private static Map<String, String> environment() {
        return Map.of("LC_ALL", "C");
    }

    private String majorVersion() {
        try {
            return Files.readString(pgData().resolve("PG_VERSION")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private Path pgData() {
        return dataDir.resolve("pgdata");
    }

    /** How to start PostgreSQL's binaries from this JVM; decided once per JVM. */
    static synchronized RunAs runAs() {
        if (detectedRunAs == null) {
            detectedRunAs = detectRunAs();
            if (detectedRunAs != RunAs.DIRECT) {
                LOG.debug("Running as root: PostgreSQL will be started via {}", detectedRunAs.name().toLowerCase());
            }
        }
        return detectedRunAs;
    }

    private static RunAs detectRunAs() {
        String forced = System.getProperty("herd.embedded.postgres.runAs");
        if (forced != null && !forced.isBlank()) {
            return RunAs.valueOf(forced.trim().toUpperCase());
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return RunAs.DIRECT;
        }
        return userNamespacesWork() ? RunAs.UNSHARE : RunAs.SETPRIV;
    }

    private static boolean userNamespacesWork() {
        try {
            Process probe = new ProcessBuilder("unshare", "--user", "id", "-u").redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return probe.waitFor() == 0 && !out.equals("0") && !out.isEmpty();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
