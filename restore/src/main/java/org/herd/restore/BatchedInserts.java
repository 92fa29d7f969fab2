package org.herd.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A {@link GazelleTarget} that writes rows with multi-row INSERTs, one pending statement per
 * table, sent when it reaches {@code maxRows} rows or about {@code maxBytes} bytes (a FileList
 * can be megabytes, and a statement must stay below the server's max_allowed_packet). Each
 * statement commits on its own: a restore is started again from scratch, never resumed.
 */
final class BatchedInserts implements GazelleTarget, AutoCloseable {

    private final Connection connection;
    private final int maxRows;
    private final long maxBytes;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Long> written = new LinkedHashMap<>();

    private static final class Pending {
        final List<String> columns;
        final List<Object[]> rows = new ArrayList<>();
        long bytes;

        Pending(List<String> columns) {
            this.columns = columns;
        }
    }

    BatchedInserts(Connection connection, int maxRows, long maxBytes) {
        this.connection = Objects.requireNonNull(connection, "connection");
        if (maxRows < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a batch needs at least one row and one byte");
        }
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    @Override
    public void row(String table, Map<String, Object> values) {
        List<String> columns = List.copyOf(values.keySet());
        Pending p = pending.get(table);
        if (p != null && !p.columns.equals(columns)) {
            flush(table);
            p = null;
        }
        if (p == null) {
            p = new Pending(columns);
            pending.put(table, p);
        }
        Object[] row = values.values().toArray();
        long size = size(row);
        if (!p.rows.isEmpty() && p.bytes + size > maxBytes) {
            flush(table);
            p = new Pending(columns);
            pending.put(table, p);
        }
        p.rows.add(row);
        p.bytes += size;
        if (p.rows.size() >= maxRows) {
            flush(table);
        }
    }

    /** Sends what is pending for every table. */
    void flush() {
        for (String table : List.copyOf(pending.keySet())) {
            flush(table);
        }
    }

    private void flush(String table) {
        Pending p = pending.remove(table);
        if (p == null || p.rows.isEmpty()) {
            return;
        }
        String one = "(" + p.columns.stream().map(c -> "?").collect(Collectors.joining(",")) + ")";
        StringBuilder sql = new StringBuilder("INSERT INTO `").append(table).append("` (")
                .append(p.columns.stream().map(c -> "`" + c + "`").collect(Collectors.joining(",")))
                .append(") VALUES ");
        for (int i = 0; i < p.rows.size(); i++) {
            sql.append(i == 0 ? "" : ",").append(one);
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            int i = 1;
            for (Object[] row : p.rows) {
                for (Object v : row) {
                    ps.setObject(i++, v);
                }
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new RestoreException("writing " + p.rows.size() + " rows into " + table + " (the first with "
                    + p.columns.get(0) + " = " + p.rows.get(0)[0] + ") failed: " + e.getMessage(), e);
        }
        written.merge(table, (long) p.rows.size(), Long::sum);
    }

    /** Rows written per table, in the order tables were first written. */
    Map<String, Long> written() {
        return written;
    }

    private static long size(Object[] row) {
        long n = 0;
        for (Object v : row) {
            if (v instanceof String s) {
                // At most three bytes per UTF-16 unit in UTF-8, and the quoting around it.
                n += 3L * s.length() + 4;
            } else if (v instanceof byte[] b) {
                n += 2L * b.length + 4;
            } else {
                n += 24;
            }
        }
        return n;
    }

    @Override
    public void close() {
        flush();
    }
}
