package org.herd.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Keeps PostgreSQL's autovacuum out of the phases the bench measures. Every phase but the first
 * leaves a database freshly filled behind it (pgloader's target, the snapshot's mirror), and
 * autovacuum vacuums and analyses such tables a while later, on the cores the next phase is
 * measured on: before this, it vacuumed nine of the snapshot mirror's tables during the late
 * mirror of run L3 and pgloader's tables during Herd's snapshot (docs/benchmarks.md, runs L1 to
 * L10). The bench now vacuums each such database itself, untimed, and waits until no autovacuum
 * worker runs before a phase starts.
 */
final class Autovacuum {

    /** How long a phase waits for autovacuum workers before it starts beside them, and says so. */
    static final long PATIENCE_MS = 120_000;

    private Autovacuum() {
    }

    /**
     * VACUUM (ANALYZE) of the whole database, so that autovacuum has nothing left to do in it;
     * returns the seconds it took.
     */
    static double vacuumNow(DataSource db) throws SQLException {
        long t = System.nanoTime();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE)");
        }
        return (System.nanoTime() - t) / 1e9;
    }

    /**
     * Waits until no autovacuum worker runs anywhere on the server, at most {@code timeoutMs};
     * returns how many still run.
     */
    static int awaitIdle(DataSource any, long timeoutMs) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        try (Connection c = any.getConnection(); Statement s = c.createStatement()) {
            while (true) {
                int workers;
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE backend_type = 'autovacuum worker'")) {
                    rs.next();
                    workers = rs.getInt(1);
                }
                if (workers == 0 || System.currentTimeMillis() > deadline) {
                    return workers;
                }
                Thread.sleep(50);
            }
        }
    }
}
