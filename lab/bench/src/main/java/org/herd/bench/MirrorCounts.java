package org.herd.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Live rows per entity table of a mirror: what a phase polls until it equals {@link OriginCounts#entityRows}. */
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
}
