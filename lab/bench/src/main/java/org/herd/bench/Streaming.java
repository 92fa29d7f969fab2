package org.herd.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.herd.simulator.GazelleWorkload;

/**
 * One streaming rate: the Gazelle workload's own mix of public changes (uploads, release edits,
 * tag votes, wiki edits, renames, deletes) played at a target rate on several connections, with
 * lag measured by markers.
 *
 * <p>MariaDB's binlog timestamps have one-second resolution, so lag is not taken from them.
 * Instead a marker thread renames a few artists and release groups to "herd bench marker N",
 * noting the time just before each commit, and a watcher polls those rows in the mirror every
 * {@value #WATCH_INTERVAL_MS} ms. A marker counts as visible when the mirror's row shows it or a
 * later marker of the same row (the mirror applies one row's changes in order, so a later one
 * implies the earlier). Markers sit on rows of two entities and several keys, so they travel
 * through several topics and partitions like the rest of the workload.
 */
final class Streaming {

    static final int MARKERS_PER_SECOND = 50;
    static final int WATCH_INTERVAL_MS = 5;
    static final String MARKER = "herd bench marker ";
    private static final long DRAIN_TIMEOUT_NS = 60_000_000_000L;

    /** Figures of one rate. */
    record Result(int targetRate, double seconds, long changes, double changesPerSecond, long failedChanges,
            long markers, long markersLost, double lagP50Ms, double lagP99Ms, double lagMaxMs, double rowChangesPerSecond,
            double appliedPerSecond) {
    }

    private final ConnectionFactory gazelle;
    private final DataSource mirror;
    private final String origin;
    private final ChildProcess sidecar;
    private final ChildProcess replicator;
    private final int threads;
    private final long seed;
    /** Marker numbers run on across rates, so that a marker left in the mirror by an earlier rate is never taken for a new one. */
    private final AtomicLong markerSeq = new AtomicLong();

    /** Opens a new connection to the Gazelle database. */
    interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    Streaming(ConnectionFactory gazelle, DataSource mirror, String origin, ChildProcess sidecar,
            ChildProcess replicator, int threads, long seed) {
        this.gazelle = gazelle;
        this.mirror = mirror;
        this.origin = origin;
        this.sidecar = sidecar;
        this.replicator = replicator;
        this.threads = threads;
        this.seed = seed;
    }

    Result run(int rate, int seconds) throws Exception {
        List<Long> artists;
        List<Long> groups;
        try (Connection c = gazelle.open(); Statement s = c.createStatement()) {
            artists = ids(s, "SELECT ArtistID FROM artists_group ORDER BY ArtistID LIMIT 4");
            groups = ids(s, "SELECT ID FROM torrents_group ORDER BY ID LIMIT 4");
        }
        Markers markers = new Markers(artists, groups);
        long rowChangesBefore = sidecar.counter("rowChanges");
        long appliedBefore = replicator.counter("applied") + replicator.counter("notNewer");
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        AtomicLong slots = new AtomicLong();
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicLong lastDone = new AtomicLong(start);
        ConcurrentHashMap<Integer, Throwable> errors = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            workers.add(started("herd-bench-workload-" + w, () -> {
                try (Connection c = gazelle.open()) {
                    GazelleWorkload workload = new GazelleWorkload(c, seed * 1000 + rate * 10L + worker);
                    while (true) {
                        long slot = slots.getAndIncrement();
                        long due = start + slot * 1_000_000_000L / rate;
                        if (due >= end) {
                            return;
                        }
                        sleepUntil(due);
                        try {
                            workload.step();
                            done.increment();
                            lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                        } catch (SQLException e) {
                            // Lock waits and deadlocks between the workload's connections: Gazelle
                            // retries nothing either; the change is counted as failed.
                            failed.increment();
                        }
                    }
                } catch (Exception e) {
                    errors.put(worker, e);
                }
            }));
        }
        Thread markerThread = started("herd-bench-markers", () -> {
            try {
                markers.write(start, end);
            } catch (Exception e) {
                errors.put(-1, e);
            }
        });
        Thread watcher = started("herd-bench-watcher", () -> {
            try {
                markers.watch(markerThread);
            } catch (Exception e) {
                errors.put(-2, e);
            }
        });
        for (Thread t : workers) {
            t.join();
        }
        markerThread.join();
        double elapsed = (Math.max(lastDone.get(), end) - start) / 1e9;
        long rowChanges = sidecar.counter("rowChanges") - rowChangesBefore;
        long applied = replicator.counter("applied") + replicator.counter("notNewer") - appliedBefore;
        watcher.join();
        if (!errors.isEmpty()) {
            Throwable e = errors.values().iterator().next();
            throw new IllegalStateException("streaming at " + rate + " changes/s failed: " + e, e);
        }
        double[] lags = markers.lags();
        long seen = lags.length;
        return new Result(rate, elapsed, done.sum(), done.sum() / elapsed, failed.sum(), markers.written(),
                markers.written() - seen, percentile(lags, 50), percentile(lags, 99),
                seen == 0 ? Double.NaN : lags[lags.length - 1], rowChanges / elapsed, applied / elapsed);
    }

    private static Thread started(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static List<Long> ids(Statement s, String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static void sleepUntil(long due) throws InterruptedException {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** The markers of one rate: written on Gazelle, watched in the mirror. */
    private final class Markers {

        private final List<Long> artists;
        private final List<Long> groups;
        /** Per marker: row index, commit time, visible time (0 until seen). */
        private final List<long[]> written = new ArrayList<>();
        private volatile boolean writing = true;

        Markers(List<Long> artists, List<Long> groups) {
            this.artists = artists;
            this.groups = groups;
        }

        void write(long start, long end) throws Exception {
            try (Connection c = gazelle.open();
                    PreparedStatement artist = c.prepareStatement("UPDATE artists_group SET Name = ? WHERE ArtistID = ?");
                    PreparedStatement group = c.prepareStatement("UPDATE torrents_group SET Name = ? WHERE ID = ?")) {
                c.setAutoCommit(false);
                int rows = artists.size() + groups.size();
                for (long n = 1; ; n++) {
                    long due = start + n * 1_000_000_000L / MARKERS_PER_SECOND;
                    if (due >= end) {
                        break;
                    }
                    sleepUntil(due);
                    long seq = markerSeq.incrementAndGet();
                    int row = (int) (seq % rows);
                    PreparedStatement ps = row < artists.size() ? artist : group;
                    ps.setString(1, MARKER + seq);
                    ps.setLong(2, row < artists.size() ? artists.get(row) : groups.get(row - artists.size()));
                    int changed = ps.executeUpdate();
                    long committed = System.nanoTime();
                    c.commit();
                    if (changed == 1) {
                        synchronized (written) {
                            written.add(new long[] {row, committed, 0, seq});
                        }
                    }
                }
            } finally {
                writing = false;
            }
        }

        void watch(Thread writer) throws Exception {
            String sql = "SELECT 0, artist_id, name FROM herd.artist WHERE origin = ? AND artist_id = ANY (?)"
                    + " UNION ALL SELECT 1, release_group_id, name FROM herd.release_group"
                    + " WHERE origin = ? AND release_group_id = ANY (?)";
            long drainDeadline = Long.MAX_VALUE;
            try (Connection c = mirror.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                Array a = c.createArrayOf("bigint", artists.toArray());
                Array g = c.createArrayOf("bigint", groups.toArray());
                ps.setString(1, origin);
                ps.setArray(2, a);
                ps.setString(3, origin);
                ps.setArray(4, g);
                long[] seenSeq = new long[artists.size() + groups.size()];
                while (true) {
                    try (ResultSet rs = ps.executeQuery()) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            int row = rs.getInt(1) == 0 ? artists.indexOf(rs.getLong(2))
                                    : artists.size() + groups.indexOf(rs.getLong(2));
                            String name = rs.getString(3);
                            if (row < 0 || name == null || !name.startsWith(MARKER)) {
                                continue;
                            }
                            long seq = Long.parseLong(name.substring(MARKER.length()));
                            if (seq > seenSeq[row]) {
                                seenSeq[row] = seq;
                                resolve(row, seq, now);
                            }
                        }
                    }
                    if (!writing && !writer.isAlive()) {
                        if (drainDeadline == Long.MAX_VALUE) {
                            drainDeadline = System.nanoTime() + DRAIN_TIMEOUT_NS;
                        }
                        if (allSeen() || System.nanoTime() > drainDeadline) {
                            return;
                        }
                    }
                    Thread.sleep(WATCH_INTERVAL_MS);
                }
            }
        }

        private void resolve(int row, long seq, long now) {
            synchronized (written) {
                for (long[] m : written) {
                    if (m[0] == row && m[3] <= seq && m[2] == 0) {
                        m[2] = now;
                    }
                }
            }
        }

        private boolean allSeen() {
            synchronized (written) {
                return written.stream().allMatch(m -> m[2] != 0);
            }
        }

        long written() {
            synchronized (written) {
                return written.size();
            }
        }

        double[] lags() {
            synchronized (written) {
                double[] lags = written.stream().filter(m -> m[2] != 0).mapToDouble(m -> (m[2] - m[1]) / 1e6)
                        .toArray();
                Arrays.sort(lags);
                return lags;
            }
        }
    }
}
