package org.herd.sidecar.capture;

import io.debezium.connector.mariadb.antlr.MariaDbAntlrDdlParser;
import io.debezium.connector.mysql.antlr.MySqlAntlrDdlParser;
import io.debezium.relational.Tables;
import io.debezium.relational.ddl.DdlParser;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.herd.sidecar.config.SecretMasker;
import org.herd.sidecar.config.SourceConnector;
import org.herd.sidecar.source.SourceJdbc;
import org.herd.sidecar.snapshot.InitialSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's DDL parser made ready before the global read lock of the sidecar's snapshot. Under
 * the lock Debezium reads every table's definition and parses it; parsed first in a fresh JVM,
 * the 57 tables of a Gazelle database took 0.66 to 0.79 s, parsed again 0.09 to 0.31 s
 * (docs/benchmarks.md), since ANTLR builds its prediction caches, which every parser of a
 * grammar shares, as it goes, and the JIT compiler has not compiled the parser yet. So the
 * definitions are read ({@code SHOW CREATE TABLE}) and parsed once by a parser that is then
 * thrown away, on a thread of its own while Debezium's engine starts, and the lock waits for that
 * ({@link #before}) for at most {@link #WAIT}.
 *
 * <p>Only an optimisation: a definition that does not parse, or a database that cannot be read, is
 * skipped, and Debezium reads and parses the definitions under the lock as it always does. What it
 * reads is structure, never rows.
 */
public final class DdlParserWarmUp {

    /** The longest the lock waits for the warm-up: the lock is not held while it waits. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(DdlParserWarmUp.class);

    /** A connection to the source database. */
    @FunctionalInterface
    public interface Source {
        Connection connect() throws SQLException;
    }

    private final Source source;
    private final String database;
    private final SourceConnector connector;
    private final SecretMasker masker;

    public DdlParserWarmUp(Source source, String database, SourceConnector connector, SecretMasker masker) {
        this.source = source;
        this.database = database;
        this.connector = connector;
        this.masker = masker;
    }

    /** Reads and parses the definitions on a thread of its own; the future never fails. */
    CompletableFuture<Void> start() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                run();
            } finally {
                done.complete(null);
            }
        }, "herd-ddl-warm-up");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** Reads the database's table definitions and parses them; returns how many parsed. */
    int run() {
        long started = System.nanoTime();
        List<String> definitions;
        try (Connection c = source.connect()) {
            definitions = definitions(c, database);
        } catch (SQLException | RuntimeException e) {
            log.info("Debezium's DDL parser not warmed before the snapshot's lock: reading the table definitions of "
                    + "'{}' failed: {}", database, masker.mask(String.valueOf(e.getMessage())));
            return 0;
        }
        int parsed = parse(connector, database, definitions);
        log.info("Debezium's DDL parser warmed before the snapshot's lock: {} of {} table definitions of '{}' parsed "
                + "in {} ms", parsed, definitions.size(), database, (System.nanoTime() - started) / 1_000_000);
        return parsed;
    }

    /** Every base table's {@code CREATE TABLE} statement, as {@code SHOW CREATE TABLE} gives it. */
    public static List<String> definitions(Connection c, String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(database, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        List<String> definitions = new ArrayList<>(tables.size());
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + SourceJdbc.quote(database) + "."
                        + SourceJdbc.quote(table))) {
                    if (rs.next()) {
                        definitions.add(rs.getString(2));
                    }
                } catch (SQLException e) {
                    // A table the user may not see, or dropped since it was listed: Debezium copes alone.
                    log.debug("No definition of {}.{} for the warm-up: SQL state {}, error {}", database, table,
                            e.getSQLState(), e.getErrorCode());
                }
            }
        }
        return definitions;
    }

    /** Parses {@code definitions} with a parser thrown away afterwards; returns how many parsed. */
    public static int parse(SourceConnector connector, String database, List<String> definitions) {
        DdlParser parser = connector == SourceConnector.MARIADB ? new MariaDbAntlrDdlParser()
                : new MySqlAntlrDdlParser();
        parser.setCurrentDatabase(database);
        Tables tables = new Tables();
        int parsed = 0;
        for (String ddl : definitions) {
            try {
                parser.parse(ddl, tables);
                parsed++;
            } catch (RuntimeException e) {
                // Debezium meets the same definition under the lock and reports it there itself.
                log.debug("A table definition of {} did not parse in the warm-up: {}", database, e.getClass().getName());
            }
        }
        return parsed;
    }

    /**
     * {@code lock}, taken once the warm-up is done or after {@code wait}, whichever comes first:
     * the site stays writable while it waits.
     */
    static InitialSnapshot.Lock before(InitialSnapshot.Lock lock, CompletableFuture<?> warmUp, Duration wait) {
        return () -> {
            try {
                warmUp.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Not warmed in time: the lock is taken as it would be without a warm-up.
            }
            lock.take();
        };
    }
}
