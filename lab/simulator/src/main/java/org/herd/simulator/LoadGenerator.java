package org.herd.simulator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load on a loaded WhatCD database at a target rate of binlog row changes per second: several
 * connections, each running short transactions of Gazelle's own statements ({@link LoadKind}) in the
 * proportions of a {@link LoadMix}, on an open-loop schedule ({@link OpenLoopSchedule}). Every
 * transaction counts the row changes it wrote to the binlog, by {@link RowClass}
 * ({@link LoadTransactions} says how); the report gives the rate achieved, the mix as it came out,
 * and the latency of each transaction from the moment it was due, not from when it was sent.
 */
public final class LoadGenerator {

    /** Consecutive failed transactions on one connection after which the run stops: the server is gone. */
    private static final int GIVE_UP_AFTER = 200;

    /**
     * @param connections how many connections write, each with its own share of the rows
     * @param mix         the proportions of the transactions
     * @param seed        what the transactions' random choices follow from
     * @param reservedIds release groups and artists whose id is at most this are left alone (the
     *                    bench renames them as lag markers)
     */
    public record Settings(int connections, LoadMix mix, long seed, int reservedIds) {

        public Settings {
            if (connections < 1) {
                throw new IllegalArgumentException("the load generator needs at least 1 connection, got " + connections);
            }
            if (reservedIds < 0) {
                throw new IllegalArgumentException("reserved ids cannot be negative, got " + reservedIds);
            }
        }
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Settings settings;
    private long runs;

    /**
     * @param jdbcUrl the Gazelle database's MariaDB Connector/J URL; added to it:
     *                {@code useAffectedRows=true}, which the counting needs, {@code allowMultiQueries=true},
     *                so that a transaction's statements go in as few round trips as its picks allow, and
     *                {@code useServerPrepStmts=true}, so that a pick is parsed once per connection
     *                ({@link LoadTransactions} says how)
     */
    public LoadGenerator(String jdbcUrl, String user, String password, Settings settings) {
        this.jdbcUrl = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?")
                + "useAffectedRows=true&allowMultiQueries=true&useServerPrepStmts=true";
        this.user = user;
        this.password = password;
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Writes at {@code rowsPerSecond} binlog row changes per second for {@code duration}, then waits
     * for the transactions under way.
     */
    public LoadReport run(double rowsPerSecond, Duration duration) throws SQLException, InterruptedException {
        long run = runs++;
        LoadTransactions.Site site;
        try (Connection c = open(); Statement s = c.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
            site = LoadTransactions.Site.read(c, settings.reservedIds());
        }
        int n = settings.connections();
        List<LoadTransactions> connections = new ArrayList<>();
        try {
            for (int w = 0; w < n; w++) {
                connections.add(new LoadTransactions(open(), settings.seed() * 1_000_003L + run * 1_009L + w,
                        settings.mix(), site, w, n));
            }
            // A little ahead, so that every connection is waiting when the first transaction is due.
            OpenLoopSchedule schedule = new OpenLoopSchedule(System.nanoTime() + 20_000_000L, duration.toNanos(),
                    rowsPerSecond);
            List<Writer> writers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            AtomicReference<Throwable> error = new AtomicReference<>();
            for (int w = 0; w < n; w++) {
                Writer writer = new Writer(connections.get(w), schedule,
                        new SplittableRandom(settings.seed() * 31 + run * 7 + w));
                writers.add(writer);
                Thread t = new Thread(() -> {
                    try {
                        writer.run();
                    } catch (Throwable e) {
                        error.compareAndSet(null, e);
                    }
                }, "herd-load-" + w);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            if (error.get() != null) {
                throw new IllegalStateException("the load generator stopped: " + error.get().getMessage(), error.get());
            }
            return report(schedule, writers);
        } finally {
            for (LoadTransactions t : connections) {
                try {
                    t.close();
                } catch (SQLException e) {
                    // Closing after the run: nothing left to measure on it.
                }
            }
        }
    }

    private Connection open() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    private LoadReport report(OpenLoopSchedule schedule, List<Writer> writers) {
        Map<LoadKind, Long> transactions = new EnumMap<>(LoadKind.class);
        Map<LoadKind, RowCounts> rows = new EnumMap<>(LoadKind.class);
        long failed = 0;
        long anomalies = 0;
        String firstAnomaly = null;
        String firstFailure = null;
        long lastDone = schedule.endNanos();
        int latencies = 0;
        for (Writer w : writers) {
            w.transactions.forEach((k, v) -> transactions.merge(k, v, Long::sum));
            w.rows.forEach((k, v) -> rows.merge(k, v, RowCounts::plus));
            failed += w.failed;
            anomalies += w.anomalies;
            firstAnomaly = firstAnomaly != null ? firstAnomaly : w.firstAnomaly;
            firstFailure = firstFailure != null ? firstFailure : w.firstFailure;
            lastDone = Math.max(lastDone, w.lastDone);
            latencies += w.latencyCount;
        }
        double[] all = new double[latencies];
        int i = 0;
        for (Writer w : writers) {
            System.arraycopy(w.latencies, 0, all, i, w.latencyCount);
            i += w.latencyCount;
        }
        double seconds = (lastDone - schedule.startNanos()) / 1e9;
        return LoadReport.of(schedule.rowsPerSecond(), settings.connections(), settings.mix(), seconds, transactions,
                rows, failed, Latencies.of(all), anomalies, firstAnomaly, firstFailure);
    }

    /** One connection's loop, and what it counted. */
    private final class Writer {

        private final LoadTransactions transactionsOf;
        private final OpenLoopSchedule schedule;
        private final SplittableRandom random;
        private final Map<LoadKind, Long> transactions = new EnumMap<>(LoadKind.class);
        private final Map<LoadKind, RowCounts> rows = new EnumMap<>(LoadKind.class);
        /** Rows each kind wrote lately, for the schedule's reservations. */
        private final double[] expected = new double[LoadKind.values().length];
        private double[] latencies = new double[1024];
        private int latencyCount;
        private long failed;
        private long anomalies;
        private String firstAnomaly;
        private String firstFailure;
        private long lastDone;

        Writer(LoadTransactions transactions, OpenLoopSchedule schedule, SplittableRandom random) {
            this.transactionsOf = transactions;
            this.schedule = schedule;
            this.random = random;
            for (LoadKind k : LoadKind.values()) {
                expected[k.ordinal()] = k.expectedRows(settings.mix());
            }
        }

        void run() throws SQLException, InterruptedException {
            int failingInARow = 0;
            while (true) {
                LoadKind kind = settings.mix().pick(random);
                long expectedRows = Math.round(expected[kind.ordinal()]);
                long due = schedule.reserve(expectedRows, System.nanoTime());
                if (due == OpenLoopSchedule.ENDED) {
                    return;
                }
                sleepUntil(due);
                LoadTransactions.Outcome o = transactionsOf.run(kind);
                long done = System.nanoTime();
                long written = o.rows().total();
                schedule.correct(expectedRows, written);
                expected[kind.ordinal()] = 0.9 * expected[kind.ordinal()] + 0.1 * written;
                lastDone = done;
                record((done - due) / 1e6);
                transactions.merge(o.kind(), 1L, Long::sum);
                rows.merge(o.kind(), o.rows(), RowCounts::plus);
                if (o.anomaly() != null) {
                    anomalies++;
                    firstAnomaly = firstAnomaly != null ? firstAnomaly : o.kind().label() + ": " + o.anomaly();
                }
                if (o.committed()) {
                    failingInARow = 0;
                } else {
                    failed++;
                    firstFailure = firstFailure != null ? firstFailure : o.kind().label() + ": " + o.failure();
                    if (++failingInARow >= GIVE_UP_AFTER) {
                        throw new SQLException(failingInARow + " transactions in a row failed on one connection, "
                                + "the last one (" + o.kind().label() + ") with: " + o.failure());
                    }
                }
            }
        }

        private void record(double millis) {
            if (latencyCount == latencies.length) {
                latencies = java.util.Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = millis;
        }
    }

    private static void sleepUntil(long due) throws InterruptedException {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
