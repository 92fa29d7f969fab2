package org.herd.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes generated rows with multi-row INSERTs, one commit per statement. Rows of a table are
 * buffered until a batch is full; tables with large text columns get smaller batches so that one
 * statement stays far below the server's max_allowed_packet.
 */
final class JdbcRowWriter implements RowSink, AutoCloseable {

    /** Carries an SQLException out of {@link RowSink#row}, which cannot throw checked exceptions. */
    static final class WriteFailure extends RuntimeException {
        WriteFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private static final int DEFAULT_BATCH = 1000;
    private static final Map<String, Integer> BATCH = Map.of(
            "torrents", 250, "wiki_torrents", 500, "wiki_artists", 500, "torrents_group", 500,
            "torrents_logs_new", 250, "sphinx_delta", 250);

    private final Connection connection;
    private final ProgressListener listener;
    private final GeneratedCounts planned;
    private final Function<String, List<String>> columnsOf;
    private final Map<String, List<Object[]>> buffers = new HashMap<>();
    private final Map<String, PreparedStatement> fullBatch = new HashMap<>();
    private final Map<String, Long> written = new LinkedHashMap<>();

    JdbcRowWriter(Connection connection, ProgressListener listener, GeneratedCounts planned) {
        this(connection, listener, planned, GazelleDataGenerator::columns);
    }

    /** A writer for rows whose column order {@code columnsOf} gives (another variant's tables). */
    JdbcRowWriter(Connection connection, ProgressListener listener, GeneratedCounts planned,
            Function<String, List<String>> columnsOf) {
        this.connection = connection;
        this.listener = listener;
        this.planned = planned;
        this.columnsOf = columnsOf;
        planned.rows().keySet().forEach(t -> written.put(t, 0L));
    }

    @Override
    public void row(String table, Object[] values) {
        List<Object[]> buffer = buffers.computeIfAbsent(table, t -> new ArrayList<>(batchSize(t)));
        buffer.add(values);
        if (buffer.size() >= batchSize(table)) {
            try {
                flush(table, buffer);
            } catch (SQLException e) {
                throw new WriteFailure(e);
            }
        }
    }

    /** Writes what is still buffered. */
    void finish() throws SQLException {
        for (String table : planned.rows().keySet()) {
            List<Object[]> buffer = buffers.get(table);
            if (buffer != null && !buffer.isEmpty()) {
                flush(table, buffer);
            }
        }
    }

    /** Closes the cached statements. */
    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement ps : fullBatch.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                failure = e;
            }
        }
        fullBatch.clear();
        if (failure != null) {
            throw failure;
        }
    }

    GeneratedCounts written() {
        return new GeneratedCounts(written);
    }

    private static int batchSize(String table) {
        return BATCH.getOrDefault(table, DEFAULT_BATCH);
    }

    private void flush(String table, List<Object[]> rows) throws SQLException {
        List<String> columns = columnsOf.apply(table);
        int n = rows.size();
        boolean full = n == batchSize(table);
        PreparedStatement ps = full ? fullBatch.get(table) : null;
        if (ps == null) {
            ps = connection.prepareStatement(insertSql(table, columns, n));
            if (full) {
                fullBatch.put(table, ps);
            }
        }
        try {
            int p = 1;
            for (Object[] row : rows) {
                if (row.length != columns.size()) {
                    throw new IllegalStateException("generated row for " + table + " has " + row.length
                            + " values for " + columns.size() + " columns");
                }
                for (Object v : row) {
                    bind(ps, p++, v);
                }
            }
            ps.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            throw new SQLException("inserting " + n + " generated rows into " + table + " failed: " + e.getMessage(),
                    e.getSQLState(), e.getErrorCode(), e);
        } finally {
            if (!full) {
                ps.close();
            }
        }
        long total = written.merge(table, (long) n, Long::sum);
        rows.clear();
        if (listener != null) {
            listener.batchCommitted(table, total, planned.of(table));
        }
    }

    static String insertSql(String table, List<String> columns, int rows) {
        StringBuilder b = new StringBuilder("INSERT INTO `").append(table).append("` (");
        for (int i = 0; i < columns.size(); i++) {
            b.append(i == 0 ? "`" : ", `").append(columns.get(i)).append('`');
        }
        b.append(") VALUES ");
        String tuple = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        for (int r = 0; r < rows; r++) {
            if (r > 0) {
                b.append(", ");
            }
            b.append(tuple);
        }
        return b.toString();
    }

    static void bind(PreparedStatement ps, int index, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(index, Types.NULL);
        } else if (v instanceof Integer i) {
            ps.setInt(index, i);
        } else if (v instanceof Long l) {
            ps.setLong(index, l);
        } else if (v instanceof Double d) {
            ps.setDouble(index, d);
        } else if (v instanceof String s) {
            ps.setString(index, s);
        } else if (v instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else {
            throw new IllegalArgumentException("cannot bind a " + v.getClass().getName() + " at parameter " + index);
        }
    }
}
