package org.herd.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.herd.simulator.Latencies;
import org.herd.simulator.LoadGenerator;
import org.herd.simulator.LoadReport;

/**
 * One streaming rate: the load generator ({@link LoadGenerator}) writes Gazelle's realistic mix at a
 * target rate of binlog row changes per second while lag is measured by markers, end to end.
 *
 * <p>MariaDB's binlog timestamps have one-second resolution, so lag is not taken from them.
 * Instead a marker thread renames a few artists and release groups to "herd bench marker N",
 * noting the time just before each commit, and a watcher polls those rows in the mirror every
 * {@value #WATCH_INTERVAL_MS} ms. A marker counts as visible when the mirror's row shows it or a
 * later marker of the same row (the mirror applies one row's changes in order, so a later one
 * implies the earlier). Markers sit on rows of two entities and several keys, so they travel
 * through several topics and partitions like the rest of the workload; the load generator leaves
 * those rows alone ({@link #RESERVED_IDS}).
 */
final class Streaming {

    static final int MARKERS_PER_SECOND = 50;
    static final int WATCH_INTERVAL_MS = 5;
    static final String MARKER = "herd bench marker ";
    /** The lowest artist and release group ids carry the markers; the load generator does not touch them. */
    static final int RESERVED_IDS = 4;
    private static final long DRAIN_TIMEOUT_NS = 60_000_000_000L;

    /**
     * Figures of one rate.
     *
     * @param load               what the load generator wrote
     * @param capturedRowChanges row changes the sidecar received from Debezium meanwhile (until the last
     *                           marker was visible): the generator's public and noise rows and the markers
     * @param published          records the sidecar published meanwhile
     * @param discarded          row changes the sidecar dropped (nothing public changed)
     * @param applied            records the mirror consumed meanwhile
     * @param lag                marker lag, commit at the origin to visible in the mirror
     */
    record Result(LoadReport load, double seconds, long markers, long markersLost, Latencies lag,
            long capturedRowChanges, long published, long discarded, long applied) {
    }

    private final ConnectionFactory gazelle;
    private final LoadGenerator generator;
    private final DataSource mirror;
    private final String origin;
    private final ChildProcess sidecar;
    private final ChildProcess replicator;
    /** Marker numbers run on across rates, so that a marker left in the mirror by an earlier rate is never taken for a new one. */
    private final AtomicLong markerSeq = new AtomicLong();

    /** Opens a new connection to the Gazelle database. */
    interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    Streaming(ConnectionFactory gazelle, LoadGenerator generator, DataSource mirror, String origin,
            ChildProcess sidecar, ChildProcess replicator) {
        this.gazelle = gazelle;
        this.generator = generator;
        this.mirror = mirror;
        this.origin = origin;
        this.sidecar = sidecar;
        this.replicator = replicator;
    }

    Result run(int rate, int seconds) throws Exception {
        List<Long> artists;
        List<Long> groups;
        try (Connection c = gazelle.open(); Statement s = c.createStatement()) {
            artists = ids(s, "SELECT ArtistID FROM artists_group WHERE ArtistID <= " + RESERVED_IDS
                    + " ORDER BY ArtistID");
            groups = ids(s, "SELECT ID FROM torrents_group WHERE ID <= " + RESERVED_IDS + " ORDER BY ID");
        }
        Markers markers = new Markers(artists, groups);
        long capturedBefore = sidecar.counter("rowChanges");
        long publishedBefore = sidecar.counter("published");
        long discardedBefore = sidecar.counter("discarded");
        long appliedBefore = replicator.counter("applied") + replicator.counter("notNewer");
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        ConcurrentHashMap<String, Throwable> errors = new ConcurrentHashMap<>();
        Thread markerThread = started("herd-bench-markers", () -> {
            try {
                markers.write(start, end);
            } catch (Exception e) {
                errors.put("markers", e);
            }
        });
        Thread watcher = started("herd-bench-watcher", () -> {
            try {
                markers.watch(markerThread);
            } catch (Exception e) {
                errors.put("watcher", e);
            }
        });
        LoadReport load = generator.run(rate, Duration.ofSeconds(seconds));
        markerThread.join();
        watcher.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long captured = sidecar.counter("rowChanges") - capturedBefore;
        long published = sidecar.counter("published") - publishedBefore;
        long discarded = sidecar.counter("discarded") - discardedBefore;
        long applied = replicator.counter("applied") + replicator.counter("notNewer") - appliedBefore;
        if (!errors.isEmpty()) {
            Map.Entry<String, Throwable> e = errors.entrySet().iterator().next();
            throw new IllegalStateException("streaming at " + rate + " row changes/s: the " + e.getKey() + " failed: "
                    + e.getValue(), e.getValue());
        }
        double[] lags = markers.lags();
        return new Result(load, elapsed, markers.written(), markers.written() - lags.length, Latencies.of(lags),
                captured, published, discarded, applied);
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
                return written.stream().filter(m -> m[2] != 0).mapToDouble(m -> (m[2] - m[1]) / 1e6).toArray();
            }
        }
    }
}
