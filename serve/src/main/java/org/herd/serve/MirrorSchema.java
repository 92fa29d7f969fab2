package org.herd.serve;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The mirror schema this server reads, checked at start-up. The replicator's Flyway migrations own
 * the schema; this server never migrates. It needs {@value #MIGRATION}, whose indexes its search
 * relies on, and refuses to start on a database without it, naming it.
 */
public final class MirrorSchema {

    /** The newest migration this server needs. */
    public static final String MIGRATION = "V11__search.sql";
    static final String VERSION = "11";

    private MirrorSchema() {
    }

    /**
     * @throws IllegalStateException naming what is missing and what to do
     */
    public static void check(DataSource dataSource, String url) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('herd.flyway_schema_history') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new IllegalStateException("the database " + url + " holds no Herd mirror (no table "
                            + "herd.flyway_schema_history): point spring.datasource.url at a mirror's database, one a "
                            + "replicator (herd mirror) has created");
                }
            }
            String applied;
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version::int)::text, 'none')"
                    + " FROM herd.flyway_schema_history WHERE success AND version ~ '^[0-9]+$'")) {
                rs.next();
                applied = rs.getString(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM herd.flyway_schema_history"
                    + " WHERE success AND version = '" + VERSION + "'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    throw new IllegalStateException("the mirror schema in " + url + " is at version " + applied
                            + "; this server needs migration " + MIGRATION + " (version " + VERSION + "), which the "
                            + "replicator applies when it starts: run herd mirror of this version on the database once");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the mirror schema in " + url + ": " + e.getMessage()
                    + " (SQLState " + e.getSQLState() + ")", e);
        }
    }
}
