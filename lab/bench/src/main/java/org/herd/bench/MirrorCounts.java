package org.herd.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Live rows per entity table of a mirror: what a phase polls until it equals {@link OriginCounts#entityRows};
 * and the indexes its first copy deferred, without which it does not hold what the origin holds yet;
 * and what autovacuum did meanwhile.
 */
final class MirrorCounts {

    private MirrorCounts() {
    }

    /** Rows per entity; empty while Flyway has not created the tables yet. */
    static Map<String, Long> read(DataSource mirror, Iterable<String> entities) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = mirror.getConnection(); Statement s = c.createStatement()) {
            for (String entity : entities) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM herd.\"" + entity + "\" WHERE NOT deleted")) {
                    rs.next();
                    counts.put(entity, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            // Flyway has not created the tables yet.
            if ("42P01".equals(e.getSQLState())) {
                return Map.of();
            }
            throw e;
        }
        return counts;
    }

    /** Indexes the mirror's first copy deferred and has not built yet; 0 before its schema has them. */
    static int deferredIndexes(DataSource mirror) throws SQLException {
        try (Connection c = mirror.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT CASE WHEN to_regclass('herd.deferred_index') IS NULL THEN 0"
                        + " ELSE (SELECT count(*) FROM herd.deferred_index) END")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Autovacuum's vacuums and analyses of the mirror's tables since its database was created, as
     * PostgreSQL's statistics have them: work that competes with a copy for the same cores.
     */
    static String autovacuumRuns(DataSource mirror) throws SQLException {
        try (Connection c = mirror.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(sum(autovacuum_count), 0), coalesce(sum(autoanalyze_count), 0)"
                        + " FROM pg_stat_user_tables WHERE schemaname = 'herd'")) {
            rs.next();
            return rs.getLong(1) + " vacuums, " + rs.getLong(2) + " analyses";
        }
    }
}
