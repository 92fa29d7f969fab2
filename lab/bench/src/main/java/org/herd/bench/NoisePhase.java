package org.herd.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.Consumer;
import org.herd.simulator.GazelleWorkload;
import org.herd.verify.Verification;

/**
 * Tracker noise, which touches only columns that never leave the origin: how many such row changes
 * the sidecar discards per second, as the tracker writes them and from a backlog.
 */
final class NoisePhase {

    private static final int TORRENTS_PER_FLUSH = 200;

    private NoisePhase() {
    }

    static BenchReport.Noise run(Verification.Connector gazelle, ChildProcess sidecar, int noiseSeconds, long seed,
            Consumer<String> say) throws Exception {
        long before = sidecar.counter("discarded");
        long flushes = 0;
        long t = System.nanoTime();
        long end = t + noiseSeconds * 1_000_000_000L;
        try (Connection c = gazelle.connect()) {
            GazelleWorkload w = new GazelleWorkload(c, seed);
            while (System.nanoTime() < end) {
                w.trackerFlush(TORRENTS_PER_FLUSH);
                flushes++;
            }
        }
        double writeSeconds = (System.nanoTime() - t) / 1e9;
        // The sidecar is done when its count stops moving.
        long last = sidecar.counter("discarded");
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < 2_000_000_000L && (System.nanoTime() - t) / 1e9 < 120) {
            Thread.sleep(50);
            long now = sidecar.counter("discarded");
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        long discarded = last - before;
        double seconds = (lastChange - t) / 1e9;
        say.accept(String.format(Locale.ROOT, "Noise: %,d tracker flushes of 200 torrents written in %.1f s; the "
                + "sidecar discarded %,d row changes in %.1f s = %,.0f/s", flushes, writeSeconds, discarded, seconds,
                discarded / seconds));
        BenchReport.NoiseBacklog backlog = backlog(gazelle, sidecar, say);
        return new BenchReport.Noise(flushes, TORRENTS_PER_FLUSH, Bench.round(writeSeconds), discarded,
                Bench.round(seconds), Bench.round(discarded / seconds), backlog);
    }

    /**
     * How fast the sidecar gets through noise when the writer is not the limit: the tracker's
     * statistics, users' transfer totals and Gazelle's sphinx_delta churn written as one
     * transaction, which the binlog hands over whole at commit. Timed from the commit until the
     * sidecar has discarded the last torrents change (written last).
     */
    private static BenchReport.NoiseBacklog backlog(Verification.Connector gazelle, ChildProcess sidecar,
            Consumer<String> say) throws Exception {
        int rounds = 500;
        long torrentRows = 0;
        long userRows = 0;
        long sphinxRows = 0;
        long before = sidecar.counter("discarded");
        long committed;
        try (Connection c = gazelle.connect()) {
            boolean sphinx = hasTable(c, "sphinx_delta");
            long maxTorrent = maxId(c, "torrents");
            long maxUser = maxId(c, "users_main");
            c.setAutoCommit(false);
            try (PreparedStatement torrents = c.prepareStatement("UPDATE torrents SET Seeders = Seeders + 1, "
                    + "Leechers = ?, Snatched = Snatched + 1, last_action = NOW() WHERE ID BETWEEN ? AND ?");
                    PreparedStatement users = c.prepareStatement("UPDATE users_main SET Uploaded = Uploaded + ?, "
                            + "Downloaded = Downloaded + ? WHERE ID BETWEEN ? AND ?");
                    PreparedStatement delta = sphinx ? c.prepareStatement("REPLACE INTO sphinx_delta (ID, GroupID, "
                            + "GroupName) SELECT ID, GroupID, 'noise' FROM torrents WHERE ID BETWEEN ? AND ?") : null) {
                for (int i = 0; i < rounds; i++) {
                    long from = 1 + (i * 200L) % Math.max(1, maxTorrent - 200);
                    users.setLong(1, 1 + i);
                    users.setLong(2, i);
                    long u = 1 + (i * 50L) % Math.max(1, maxUser - 50);
                    users.setLong(3, u);
                    users.setLong(4, u + 49);
                    userRows += users.executeUpdate();
                    if (delta != null) {
                        delta.setLong(1, from);
                        delta.setLong(2, from + 19);
                        sphinxRows += delta.executeUpdate();
                    }
                    torrents.setInt(1, i % 7);
                    torrents.setLong(2, from);
                    torrents.setLong(3, from + 199);
                    torrentRows += torrents.executeUpdate();
                }
            }
            c.commit();
            committed = System.nanoTime();
        }
        long last = sidecar.counter("discarded");
        long lastChange = committed;
        while (last - before < torrentRows && System.nanoTime() - lastChange < 10_000_000_000L) {
            Thread.sleep(5);
            long now = sidecar.counter("discarded");
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        double seconds = (lastChange - committed) / 1e9;
        long total = torrentRows + userRows + sphinxRows;
        say.accept(String.format(Locale.ROOT, "Noise backlog: one transaction of %,d torrents, %,d users_main and %,d "
                + "sphinx_delta row changes; the sidecar was through it %.2f s after commit = %,.0f row changes/s (%,d "
                + "discarded)", torrentRows, userRows, sphinxRows, seconds, total / seconds, last - before));
        return new BenchReport.NoiseBacklog(torrentRows, userRows, sphinxRows, last - before, Bench.round(seconds),
                Bench.round(total / seconds));
    }

    private static boolean hasTable(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, table, null)) {
            return rs.next();
        }
    }

    private static long maxId(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(ID) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
