package org.herd.testkit.canary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A table as the database declares it: columns in order, primary key and unique keys. Read from
 * information_schema rather than from the catalogue, because the planter must meet the real
 * types and lengths, and tables Gazelle left without a primary key.
 */
record TableShape(String name, List<ColumnShape> columns, List<String> primaryKey, List<List<String>> uniqueKeys) {

    TableShape {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniqueKeys = List.copyOf(uniqueKeys);
    }

    static TableShape read(Connection connection, String table) throws SQLException {
        List<ColumnShape> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, "
                + "CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, EXTRA FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long length = rs.getLong(4);
                    int precision = rs.getInt(5);
                    int scale = rs.getInt(6);
                    if (rs.wasNull()) {
                        scale = -1;
                    }
                    String extra = rs.getString(7) == null ? "" : rs.getString(7).toLowerCase(Locale.ROOT);
                    // MySQL 8 says DEFAULT_GENERATED for a column defaulting to CURRENT_TIMESTAMP:
                    // only VIRTUAL/STORED/PERSISTENT GENERATED mark a computed column.
                    boolean generated = extra.matches(".*\\b(virtual|stored|persistent) generated\\b.*");
                    columns.add(new ColumnShape(rs.getString(1), rs.getString(2), rs.getString(3), length, precision,
                            scale, generated));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("table " + table + " has no columns in information_schema (does it exist?)");
        }
        Map<String, List<String>> unique = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT INDEX_NAME, COLUMN_NAME FROM "
                + "information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 0 "
                + "ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    unique.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<String> primary = unique.getOrDefault("PRIMARY", List.of());
        return new TableShape(table, columns, primary, new ArrayList<>(unique.values()));
    }

    ColumnShape column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no column " + column));
    }

    /** Every column that is part of the primary key or of a unique key. */
    Set<String> uniqueColumns() {
        Set<String> out = new LinkedHashSet<>();
        uniqueKeys.forEach(out::addAll);
        return out;
    }
}
