package org.herd.gazelle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads Gazelle rows over JDBC into the value conventions the translator expects of a row change
 * (strings for character and enum columns, numbers, {@code byte[]} for binary columns), with
 * datetimes as Gazelle's {@code yyyy-MM-dd HH:mm:ss} text: a zero date has no {@code java.sql}
 * value, and the translator reads the text form, zero date included. Plain SELECTs: InnoDB
 * consistent reads, no locks.
 */
public final class SourceRows {

    private SourceRows() {
    }

    /** Hands each row of a result set to {@code rows} as column label to value. */
    private static void forEachRow(ResultSet rs, Consumer<Map<String, Object>> rows) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                row.put(md.getColumnLabel(i), value(rs, md, i));
            }
            rows.accept(row);
        }
    }

    /**
     * Streams the given columns of every row of {@code table} whose columns equal the values in
     * {@code where} (all rows when it is empty).
     */
    public static void select(Connection connection, String table, List<String> columns, Map<String, Object> where,
            Consumer<Map<String, Object>> rows) throws SQLException {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns to read from " + table);
        }
        List<Map.Entry<String, Object>> conditions = new ArrayList<>(where.entrySet());
        String sql = "SELECT " + columns.stream().map(SourceRows::quote).collect(Collectors.joining(", "))
                + " FROM " + quote(table) + whereClause(conditions);
        try (PreparedStatement ps = prepare(connection, sql, conditions)) {
            try (ResultSet rs = ps.executeQuery()) {
                forEachRow(rs, rows);
            }
        }
    }

    /**
     * Streams the given columns of the rows of {@code table} whose {@code rangeColumn} lies in
     * {@code [from, to)} (every row when {@code rangeColumn} is null), fetching them from the
     * server in batches instead of all at once, for tables too large to hold in memory. The
     * connection runs nothing else until this returns (a streaming result set holds it).
     */
    public static void stream(Connection connection, String table, List<String> columns, String rangeColumn,
            long from, long to, Consumer<Map<String, Object>> rows) throws SQLException {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns to read from " + table);
        }
        String sql = "SELECT " + columns.stream().map(SourceRows::quote).collect(Collectors.joining(", "))
                + " FROM " + quote(table)
                + (rangeColumn == null ? "" : " WHERE " + quote(rangeColumn) + " >= ? AND " + quote(rangeColumn)
                        + " < ?");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (rangeColumn != null) {
                ps.setLong(1, from);
                ps.setLong(2, to);
            }
            // MySQL's driver streams only with this sentinel; MariaDB's streams with any positive size.
            boolean mysqlDriver = connection.getMetaData().getDriverName().toLowerCase(java.util.Locale.ROOT)
                    .contains("mysql");
            ps.setFetchSize(mysqlDriver ? Integer.MIN_VALUE : 1000);
            try (ResultSet rs = ps.executeQuery()) {
                forEachRow(rs, rows);
            }
        }
    }

    /** The rows {@link #select} streams, as a list. */
    public static List<Map<String, Object>> list(Connection connection, String table, List<String> columns,
            Map<String, Object> where) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        select(connection, table, columns, where, rows::add);
        return rows;
    }

    /** COUNT(*) and the SUM of one column over the rows matching {@code where}. */
    public static long[] countAndSum(Connection connection, String table, Map<String, Object> where, String sumColumn)
            throws SQLException {
        List<Map.Entry<String, Object>> conditions = new ArrayList<>(where.entrySet());
        String sql = "SELECT COUNT(*), COALESCE(SUM(" + quote(sumColumn) + "), 0) FROM " + quote(table)
                + whereClause(conditions);
        try (PreparedStatement ps = prepare(connection, sql, conditions)) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getBigDecimal(2).longValueExact()};
            }
        }
    }

    private static String whereClause(List<Map.Entry<String, Object>> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + conditions.stream().map(e -> quote(e.getKey()) + " = ?")
                .collect(Collectors.joining(" AND "));
    }

    private static PreparedStatement prepare(Connection connection, String sql,
            List<Map.Entry<String, Object>> conditions) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < conditions.size(); i++) {
                ps.setObject(i + 1, conditions.get(i).getValue());
            }
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
        return ps;
    }

    private static Object value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        int type = md.getColumnType(i);
        if (type == Types.TIMESTAMP || type == Types.DATE || type == Types.TIMESTAMP_WITH_TIMEZONE) {
            String s = rs.getString(i);
            return s != null && s.length() > 19 ? s.substring(0, 19) : s;
        }
        return rs.getObject(i);
    }

    private static String quote(String identifier) {
        if (identifier.indexOf('`') >= 0) {
            throw new IllegalArgumentException("identifier " + identifier + " contains a backquote");
        }
        return "`" + identifier + "`";
    }
}
