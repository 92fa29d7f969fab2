package org.herd.sidecar.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.herd.sidecar.source.SourceJdbc;
import org.herd.translator.ArrayMap;

/**
 * How the sidecar's own snapshot reads the captured columns of one table: the SELECT, and for each
 * column the Java value Debezium's change event would have carried after {@code ConnectRows}
 * (Short for TINYINT and SMALLINT, Integer for MEDIUMINT and INT, Long for INT UNSIGNED and BIGINT,
 * String for text, ENUM and DECIMAL, byte[] for binary strings, LocalDateTime for DATETIME,
 * TIMESTAMP and DATE, null for a zero date). The translator sees the same row whichever read it.
 *
 * @param table   the Gazelle table
 * @param columns the captured columns in the table's own order, as Debezium orders them
 * @param names   their names, which every row read shares ({@link #row})
 */
record SnapshotColumns(String table, List<Column> columns, ArrayMap.Names names) {

    SnapshotColumns(String table, List<Column> columns) {
        this(table, columns, new ArrayMap.Names(columns.stream().map(Column::name).toList()));
    }

    /** One column and how its value is read from a result set. */
    record Column(String name, String columnType, Reader reader) {
    }

    @FunctionalInterface
    interface Reader {
        Object read(ResultSet rs, int index) throws SQLException;
    }

    /** Why a table cannot be read by the sidecar: a column type it does not map as Debezium does. */
    static final class UnsupportedColumnException extends Exception {
        UnsupportedColumnException(String message) {
            super(message);
        }
    }

    /**
     * The captured columns of every table, read from information_schema.
     *
     * @throws UnsupportedColumnException naming table, column and type, when a captured column has a
     *         type this reader does not map (then Debezium snapshots instead)
     */
    static List<SnapshotColumns> read(Connection c, String database, Map<String, List<String>> captured)
            throws SQLException, UnsupportedColumnException {
        List<SnapshotColumns> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            for (Map.Entry<String, List<String>> e : captured.entrySet()) {
                ps.setString(1, database);
                ps.setString(2, e.getKey());
                Map<String, Column> found = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        if (e.getValue().stream().anyMatch(name::equalsIgnoreCase)) {
                            String columnType = rs.getString(3);
                            found.put(name, new Column(name, columnType, reader(e.getKey(), name,
                                    rs.getString(2).toLowerCase(Locale.ROOT), columnType.toLowerCase(Locale.ROOT))));
                        }
                    }
                }
                if (!found.isEmpty()) {
                    tables.add(new SnapshotColumns(e.getKey(), List.copyOf(found.values())));
                }
            }
        }
        return tables;
    }

    /** The SELECT of the table's captured columns, in their order. */
    String select(String database) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(SourceJdbc.quote(columns.get(i).name()));
        }
        return sql.append(" FROM ").append(SourceJdbc.quote(database)).append('.').append(SourceJdbc.quote(table))
                .toString();
    }

    /** A value the reader cannot read as Debezium would: named by table, column and the row's first column. */
    static final class UnreadableValueException extends RuntimeException {
        UnreadableValueException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The current row as Debezium's event would have carried it, keyed by column name in table order.
     *
     * @throws UnreadableValueException naming table, column and the row's first column (its id)
     */
    Map<String, Object> row(ResultSet rs) throws SQLException {
        // Values in one array beside the table's names, not a map per row: the snapshot reads
        // every row of the site, and the translator keeps such a row as it is.
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Column column = columns.get(i);
            try {
                values[i] = column.reader().read(rs, i + 1);
            } catch (IllegalArgumentException e) {
                throw new UnreadableValueException(table + "." + column.name() + " of the row with "
                        + columns.get(0).name() + " " + rs.getString(1) + ": " + e.getMessage(), e);
            }
        }
        return ArrayMap.of(names, values);
    }


    static Reader reader(String table, String column, String dataType, String columnType)
            throws UnsupportedColumnException {
        boolean unsigned = columnType.contains("unsigned");
        return switch (dataType) {
            case "tinyint" -> SnapshotColumns::readShort;
            case "smallint" -> unsigned ? SnapshotColumns::readInt : SnapshotColumns::readShort;
            case "mediumint" -> SnapshotColumns::readInt;
            case "int", "integer" -> unsigned ? SnapshotColumns::readLong : SnapshotColumns::readInt;
            // Debezium's default bigint.unsigned.handling.mode is long, as here.
            case "bigint" -> SnapshotColumns::readLong;
            case "double", "real" -> SnapshotColumns::readDouble;
            // Debezium carries FLOAT as a double widened from the driver's float.
            case "float" -> SnapshotColumns::readFloat;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" ->
                    SnapshotColumns::readString;
            // decimal.handling.mode=string: the exact digits as text.
            case "decimal", "numeric" -> SnapshotColumns::readDecimal;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> SnapshotColumns::readBytes;
            case "datetime", "timestamp", "date" -> SnapshotColumns::readDateTime;
            default -> throw new UnsupportedColumnException(table + "." + column + " is " + columnType
                    + ", a type the sidecar's own snapshot does not read as Debezium does");
        };
    }

    // JDBC reads a NULL number as 0 and says so only afterwards (wasNull): each reader boxes the
    // value it read and keeps it only if it was not NULL.
    private static Object readShort(ResultSet rs, int i) throws SQLException {
        return unlessNull(rs, rs.getShort(i));
    }

    private static Object readInt(ResultSet rs, int i) throws SQLException {
        return unlessNull(rs, rs.getInt(i));
    }

    private static Object readLong(ResultSet rs, int i) throws SQLException {
        return unlessNull(rs, rs.getLong(i));
    }

    private static Object readDouble(ResultSet rs, int i) throws SQLException {
        return unlessNull(rs, rs.getDouble(i));
    }

    private static Object readFloat(ResultSet rs, int i) throws SQLException {
        return unlessNull(rs, (double) rs.getFloat(i));
    }

    private static Object unlessNull(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private static Object readString(ResultSet rs, int i) throws SQLException {
        return rs.getString(i);
    }

    private static Object readDecimal(ResultSet rs, int i) throws SQLException {
        java.math.BigDecimal v = rs.getBigDecimal(i);
        return v == null ? null : v.toPlainString();
    }

    private static Object readBytes(ResultSet rs, int i) throws SQLException {
        return rs.getBytes(i);
    }

    /**
     * DATETIME, TIMESTAMP and DATE as the server writes them ({@code yyyy-MM-dd[ HH:mm:ss[.ffffff]]}),
     * the wall-clock time without a zone as Debezium reads it. A zero date, or a zero inside one
     * ('2009-00-00', which a server outside strict mode stores), reads as null, as Debezium has it.
     */
    private static Object readDateTime(ResultSet rs, int i) throws SQLException {
        String text = rs.getString(i);
        return text == null ? null : dateTime(text);
    }

    static LocalDateTime dateTime(String text) {
        try {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (month == 0 || day == 0) {
                return null;
            }
            if (text.length() == 10) {
                return LocalDateTime.of(year, month, day, 0, 0);
            }
            int nanos = 0;
            if (text.length() > 20) {
                String fraction = text.substring(20);
                nanos = digits(fraction, 0, fraction.length()) * (int) Math.pow(10, 9 - fraction.length());
            }
            return LocalDateTime.of(year, month, day, digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19),
                    nanos);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date and time as the server writes them", e);
        }
    }

    private static int digits(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                throw new NumberFormatException("'" + ch + "' at " + i);
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }
}
