package org.herd.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.herd.gazelle.CarriedUserReferences;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * The MariaDB or MySQL database a restore writes into: refused when it holds tables (unless the
 * restore replaces them), then given the variant's tables from Herd's DDL.
 */
final class TargetDatabase {

    /**
     * OPS's code lists kept as tables, which OPS's own migrations create and fill: a database that
     * has them (OPS installed first) keeps them when the restore replaces the other tables; Herd
     * restores no row of them.
     */
    static final Set<String> OPS_SEEDED = Set.of("artist_role", "release_type", "torrent_attr");

    private TargetDatabase() {
    }

    /** The database the connection's URL named. */
    static String name(Connection connection) throws SQLException {
        String name = connection.getCatalog();
        if (name == null || name.isBlank()) {
            throw new RestoreException("the target URL names no database: give it as jdbc:mariadb://host:port/database");
        }
        return name;
    }

    /** The base tables the database holds, in name order. */
    static List<String> tables(Connection connection, String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    /**
     * Refuses a database that holds tables unless {@code replace}; changes nothing when it refuses.
     *
     * @return the tables that will be replaced (empty for an empty database)
     */
    static List<String> check(Connection connection, GazelleVariant variant, boolean replace) throws SQLException {
        String database = name(connection);
        List<String> existing = tables(connection, database);
        if (!existing.isEmpty() && !replace) {
            throw new RestoreException("the target database '" + database + "' is not empty (" + existing.size()
                    + " tables: " + abbreviate(existing) + "); restore into an empty database, or pass --replace to "
                    + "replace the tables Herd restores");
        }
        Set<String> replaced = new HashSet<>(GazelleSchema.tables(variant));
        replaced.add(CarriedUserReferences.TABLE);
        return existing.stream().filter(replaced::contains).filter(t -> !kept(variant, t)).toList();
    }

    private static boolean kept(GazelleVariant variant, String table) {
        return variant == GazelleVariant.OPS && OPS_SEEDED.contains(table);
    }

    /**
     * Drops the tables to replace, creates the variant's tables (keeping OPS's seeded code lists
     * where the database has them) and the table of carried references, and leaves the session as
     * the load needs it: the variant's sql_mode, foreign key checks off.
     */
    static void prepare(Connection connection, GazelleVariant variant, List<String> replaced) throws SQLException {
        String database = name(connection);
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION foreign_key_checks = 0");
            for (String table : replaced) {
                s.execute("DROP TABLE `" + table + "`");
            }
        }
        Set<String> keep = new HashSet<>(tables(connection, database));
        keep.retainAll(OPS_SEEDED);
        if (variant != GazelleVariant.OPS) {
            keep.clear();
        }
        GazelleSchema.load(connection, variant, keep);
        CarriedUserReferences.create(connection);
        try (Statement s = connection.createStatement()) {
            // Rows name user 0 ("nobody") and are written table by table: OPS's foreign keys would
            // refuse both, as they would OPS's own multi-row changes, which turn the checks off too.
            s.execute("SET SESSION foreign_key_checks = 0");
        }
    }

    private static String abbreviate(List<String> tables) {
        return tables.size() <= 5 ? String.join(", ", tables)
                : String.join(", ", tables.subList(0, 5)) + ", ...";
    }
}
