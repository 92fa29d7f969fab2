package org.herd.sidecar.snapshot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.herd.sidecar.config.SecretMasker;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.config.SourceConnector;
import org.herd.sidecar.source.SourceJdbc;
import org.herd.translator.RowChange;
import org.herd.translator.RowOperation;
import org.herd.translator.SourcePosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initial snapshot read by the sidecar itself instead of row by row through Debezium's change
 * events: one consistent read of every captured table, published at the binlog position it was
 * taken at, after which Debezium streams from exactly that position.
 *
 * <pre>
 * Debezium (schema)   engine started, tables listed, asks for the lock ─┐
 * lock connection                          FLUSH TABLES WITH READ LOCK ─┴──────────────────── UNLOCK TABLES
 * read connection                             START TRANSACTION WITH CONSISTENT SNAPSHOT → position P
 * Debezium (schema)                               position P, schema history of every table at P, heartbeat at P
 * read connection                                                                                  SELECT table by table → rows at P → Kafka
 * offsets topic                                                                                                                P stored
 * Debezium (stream)                                                                                                                from P on
 * </pre>
 *
 * While the global read lock is held no transaction commits, so the read transaction, the position
 * and the table definitions Debezium records are one and the same moment; the site is read-only
 * only for that moment, which starts when Debezium's engine asks for the lock
 * ({@code SidecarSnapshotLock}), where its own snapshot would take it, and the rows are then read
 * without a lock. Every row carries position P as a snapshot read, as Debezium's snapshot events
 * do, and every streamed change comes after P: a mirror's position guard and a compacted topic
 * keep the newer. P is stored as the connector's offset only once Kafka has acknowledged every
 * row; a crash before that leaves no offset, and the next start takes the snapshot again from the
 * beginning, as Debezium does with an unfinished one.
 */
public final class InitialSnapshot {

    private static final Logger log = LoggerFactory.getLogger(InitialSnapshot.class);

    /** MariaDB's and MySQL's ER_SPECIFIC_ACCESS_DENIED_ERROR: a privilege (here RELOAD) is missing. */
    private static final int ACCESS_DENIED = 1227;

    /** Rows published between two waits for Kafka's acknowledgement, as many as a Debezium batch holds. */
    static final int BATCH_ROWS = 2048;

    /**
     * Rows the driver holds at a time. Fewer than a batch: a row is passed on as soon as it is read,
     * and not held once it is published, so that a batch's rows are not all in memory at once.
     */
    static final int FETCH_ROWS = 256;

    /** Where the rows go: the sidecar's change pipeline. */
    public interface Sink {
        /**
         * Publishes one row: its records are sent to Kafka, or wait for the rest of their signing
         * batch; the row itself is not kept.
         */
        void row(RowChange row);

        /** Returns once Kafka has acknowledged every record of the rows published since the last call. */
        void acknowledged() throws InterruptedException;

        /** Every row is acknowledged and the position stored: the snapshot is complete. */
        void completed() throws InterruptedException;
    }

    /** Records the table definitions at the locked position: Debezium's schema-only snapshot. */
    public interface SchemaSnapshot {
        /**
         * Runs it until the definitions are recorded, taking {@code lock} when Debezium asks for a
         * global read lock, right before it reads the binlog position. The engine is closed by
         * closing what this returns, after the lock is released: the site need not wait for it.
         */
        Recorded record(Lock lock) throws InterruptedException;
    }

    /** The global read lock and the consistent read, taken when Debezium's engine asks for the lock. */
    public interface Lock {
        /**
         * Takes the lock and opens the read at its position, or fails: the failure ends Debezium's
         * snapshot, and the sidecar reports it in its own words.
         */
        void take();
    }

    /** The definitions recorded: where, and the engine that recorded them, to be closed. */
    public interface Recorded extends AutoCloseable {
        /** The binlog position Debezium recorded the definitions at (its heartbeat's offset). */
        Position position();

        @Override
        void close() throws InterruptedException;
    }

    /** Stores the position Debezium streams from. */
    public interface OffsetStore {
        void store(Position position) throws InterruptedException;
    }

    /**
     * A binlog position.
     *
     * @param gtids the GTID state at it, as Debezium's MariaDB offsets carry it (its binlog client
     *              asks MariaDB for the stream by GTID); null where not known
     */
    public record Position(String file, long pos, String gtids) {
        /** Whether both name the same place in the binlog. */
        boolean samePlace(Position other) {
            return file.equals(other.file) && pos == other.pos;
        }

        @Override
        public String toString() {
            return file + ":" + pos;
        }
    }

    private final SidecarProperties properties;
    private final Map<String, List<String>> captured;
    private final long epoch;
    private final SecretMasker masker;

    /**
     * @param captured the captured columns of every captured table
     * @param epoch    the epoch of the sidecar's key, the most significant part of every position
     */
    public InitialSnapshot(SidecarProperties properties, Map<String, List<String>> captured, long epoch,
            SecretMasker masker) {
        this.properties = properties;
        this.captured = captured;
        this.epoch = epoch;
        this.masker = masker;
    }

    /**
     * Why the sidecar cannot read this snapshot itself, if it cannot: then Debezium takes it. Only
     * MariaDB reports the binlog position of a consistent snapshot, and only the column types
     * {@link SnapshotColumns} maps are read as Debezium would read them.
     */
    public Optional<String> unavailable() {
        if (properties.source().connector() != SourceConnector.MARIADB) {
            return Optional.of("the source is " + properties.source().connector()
                    + ", and only MariaDB reports the binlog position of a consistent read");
        }
        String mode = properties.debezium().getOrDefault("snapshot.mode", "initial");
        if (!mode.equals("initial") && !mode.equals("when_needed")) {
            return Optional.of("herd.sidecar.debezium[snapshot.mode] is " + mode);
        }
        try (Connection c = SourceJdbc.connect(properties)) {
            SnapshotColumns.read(c, properties.source().database(), captured);
            return Optional.empty();
        } catch (SnapshotColumns.UnsupportedColumnException e) {
            return Optional.of(e.getMessage());
        } catch (SQLException e) {
            return Optional.of("reading the captured columns failed: " + masker.mask(e.getMessage()));
        }
    }

    /**
     * Takes the snapshot. Any failure leaves no stored position: the caller starts again.
     *
     * @return the position stored, which Debezium streams from; empty when the global read lock was
     *         refused (no RELOAD grant) or a value could not be read as Debezium would read it: then
     *         the log says which, and Debezium takes the snapshot (and sets aside the row it cannot
     *         read, if it cannot either), since no position is stored
     */
    public Optional<Position> run(SchemaSnapshot schema, Sink sink, OffsetStore offsets) throws SQLException,
            InterruptedException, SnapshotColumns.UnsupportedColumnException {
        String database = properties.source().database();
        try (Connection read = SourceJdbc.connect(properties)) {
            List<SnapshotColumns> tables = SnapshotColumns.read(read, database, captured);
            Position position;
            long lockedMs;
            try (Connection lock = SourceJdbc.connect(properties); Statement ls = lock.createStatement()) {
                // Waits at most this long for running statements to finish, as Debezium's
                // snapshot.lock.timeout.ms (10 s) does, instead of stalling the site behind a long query.
                ls.execute("SET SESSION lock_wait_timeout = 10");
                read.setAutoCommit(false);
                ReadLock held = new ReadLock(ls, read);
                Recorded recorded = null;
                try {
                    recorded = schema.record(held);
                    position = recorded.position();
                } catch (RuntimeException e) {
                    SQLException failure = held.failure;
                    if (failure == null) {
                        throw e;
                    }
                    if (failure.getErrorCode() != ACCESS_DENIED) {
                        throw failure;
                    }
                    // Debezium's snapshot tries its table locks then; MariaDB wants RELOAD for those too.
                    log.warn("Snapshot left to Debezium: the global read lock was refused ({}); grant RELOAD "
                            + "to the sidecar's user for the sidecar to read the snapshot itself",
                            masker.mask(failure.getMessage()));
                    return Optional.empty();
                } finally {
                    try {
                        lockedMs = held.release();
                    } finally {
                        if (recorded != null) {
                            recorded.close();
                        }
                    }
                }
                Position consistent = held.consistent;
                if (consistent == null) {
                    throw new IllegalStateException("Debezium recorded the table definitions at " + position
                            + " without asking for the global read lock, so not at a known position of the read");
                }
                if (!position.samePlace(consistent)) {
                    throw new IllegalStateException("Debezium recorded the table definitions at " + position
                            + ", the consistent read is at " + consistent + "; the global read lock should have "
                            + "held both at one position");
                }
            }
            log.info("Snapshot at binlog position {}: the site was read-only for {} ms while the read and the table "
                    + "definitions were taken there; reading {} tables", position, lockedMs, tables.size());
            long tsMs = System.currentTimeMillis();
            SourcePosition at = new SourcePosition(epoch, position.file(), position.pos(), 0, 0, true, tsMs);
            long rows = 0;
            try {
                for (SnapshotColumns table : tables) {
                    rows += readTable(read, database, table, at, sink);
                }
            } catch (SnapshotColumns.UnreadableValueException e) {
                log.warn("Snapshot given up after {} rows: {}. Debezium takes the snapshot instead.", rows,
                        e.getMessage());
                return Optional.empty();
            }
            read.commit();
            offsets.store(position);
            log.info("Snapshot read {} rows of {} tables at {}; streaming from there", rows, tables.size(), position);
            sink.completed();
            return Optional.of(position);
        }
    }

    private static long readTable(Connection read, String database, SnapshotColumns table, SourcePosition at,
            Sink sink) throws SQLException, InterruptedException {
        long rows = 0;
        try (Statement s = read.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            // Rows arrive as the server sends them, a few hundred at a time, never the whole table at once.
            s.setFetchSize(FETCH_ROWS);
            try (ResultSet rs = s.executeQuery(table.select(database))) {
                int unacknowledged = 0;
                while (rs.next()) {
                    sink.row(new RowChange(table.table(), RowOperation.READ, null, table.row(rs), at));
                    rows++;
                    if (++unacknowledged == BATCH_ROWS) {
                        sink.acknowledged();
                        unacknowledged = 0;
                    }
                }
                if (unacknowledged > 0) {
                    sink.acknowledged();
                }
            }
        }
        return rows;
    }

    /**
     * MariaDB's global read lock on one connection and the consistent read on another, taken on
     * Debezium's thread when its engine asks for the lock and released by the sidecar's.
     */
    private static final class ReadLock implements Lock {
        private final Statement lock;
        private final Connection read;
        /** When the lock was asked for ({@link System#nanoTime}); 0 until then. */
        private volatile long askedAt;
        /** The read's position, once it is open under the lock. */
        private volatile Position consistent;
        /** Why the lock or the read could not be had. */
        private volatile SQLException failure;

        ReadLock(Statement lock, Connection read) {
            this.lock = lock;
            this.read = read;
        }

        @Override
        public void take() {
            try {
                if (askedAt == 0) {
                    // Asked again only if Debezium starts its snapshot over; the lock held since the first ask.
                    askedAt = System.nanoTime();
                }
                lock.execute("FLUSH TABLES WITH READ LOCK");
                try (Statement rs = read.createStatement()) {
                    rs.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                    rs.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                }
                consistent = snapshotPosition(read);
            } catch (SQLException e) {
                failure = e;
                // Without the SQL error as its cause, so that Debezium does not take it for a lost
                // connection and start its snapshot again.
                throw new IllegalStateException("the sidecar could not take the global read lock and open its read");
            }
        }

        /** Releases the lock if it was asked for; how long it was held, in milliseconds. */
        long release() throws SQLException {
            if (askedAt == 0) {
                return 0;
            }
            lock.execute("UNLOCK TABLES");
            return (System.nanoTime() - askedAt) / 1_000_000;
        }
    }

    /** The binlog position MariaDB reports for the session's consistent read. */
    private static Position snapshotPosition(Connection read) throws SQLException {
        String file = null;
        Long pos = null;
        try (Statement s = read.createStatement();
                ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'binlog_snapshot_%'")) {
            while (rs.next()) {
                switch (rs.getString(1).toLowerCase(java.util.Locale.ROOT)) {
                    case "binlog_snapshot_file" -> file = rs.getString(2);
                    case "binlog_snapshot_position" -> pos = Long.parseLong(rs.getString(2));
                    default -> {
                    }
                }
            }
        }
        if (file == null || file.isEmpty() || pos == null) {
            throw new SQLException("the server reports no binlog position for a consistent read (binlog_snapshot_file "
                    + file + ", binlog_snapshot_position " + pos + "): is the binary log on?");
        }
        return new Position(file, pos, null);
    }
}
