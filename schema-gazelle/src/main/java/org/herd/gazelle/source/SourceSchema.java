package org.herd.gazelle.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tables and columns of a Gazelle database as its own information_schema shows them to the
 * connected user. A user with column grants (as {@code herd grants} creates) sees only the
 * columns it may read, so what is absent here may exist but be out of reach.
 *
 * @param database the schema (database) name
 * @param tables   column names per table, tables by name, columns in table order
 */
public record SourceSchema(String database, Map<String, List<String>> tables) {

    public SourceSchema {
        Objects.requireNonNull(database, "database");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        tables.forEach((t, cols) -> copy.put(t, List.copyOf(cols)));
        tables = Collections.unmodifiableMap(copy);
    }

    /** Reads {@code database}'s tables and columns from information_schema. */
    public static SourceSchema read(Connection connection, String database) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return new SourceSchema(database, tables);
    }

    public boolean hasTable(String table) {
        return tables.containsKey(table);
    }

    /** Whether {@code table} has {@code column}, spelled exactly so (the sidecar matches names exactly). */
    public boolean hasColumn(String table, String column) {
        return tables.getOrDefault(table, List.of()).contains(column);
    }
}
