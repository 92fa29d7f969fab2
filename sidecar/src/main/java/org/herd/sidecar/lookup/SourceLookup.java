package org.herd.sidecar.lookup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.herd.gazelle.SourceRows;
import org.herd.translator.Cascade;
import org.herd.translator.OriginLookup;
import org.herd.translator.RowChange;

/**
 * Answers the translator's questions about other rows from the Gazelle database, and reads the
 * rows a cascade names. Only the columns the translator may read are ever selected.
 *
 * <p>Rows are cached, and the cache follows the stream: every change the sidecar translates is
 * {@linkplain #observe observed} first, so the answer for a row the stream has shown reflects
 * the binlog position being translated rather than whatever the database holds by then, and a row
 * deleted by the stream keeps its last values (a post deleted after its topic is still judged by
 * the forum its topic was in). A row not cached yet, and every row a cascade names, is read as
 * the database holds it now (docs/operator.md, known limits). Not thread-safe: the sidecar
 * translates on one thread.
 */
public final class SourceLookup implements OriginLookup, AutoCloseable {

    /** Opens connections to the Gazelle database. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;

        /**
         * Whether the lookup owns what {@link #connect} returns: then it makes the connection
         * read-only and closes it. A borrowed connection is used as it is and left open.
         */
        default boolean owned() {
            return true;
        }
    }

    private final Connector connector;
    private final Map<String, List<String>> readableColumns;
    private final Map<String, List<String>> primaryKeys;
    private final Map<String, CachedRow.Columns> cachedColumns = new HashMap<>();
    private final Map<CacheKey, Object[]> cache;
    private final Set<String> lookedUpTables = new HashSet<>();
    private Connection connection;

    /**
     * A row's table and its normalised key: the one value of a single-column key (every table
     * looked up today has one), a list of values otherwise.
     */
    private record CacheKey(String table, Object key) {
    }

    /** A cached "the origin has no such row". */
    private static final Object[] ABSENT = new Object[0];

    /**
     * @param readableColumns per translated table, the columns the translator may read
     * @param primaryKeys     per translated table, its primary key columns
     * @param cacheRows       how many rows to keep; the least recently used go first
     */
    public SourceLookup(Connector connector, Map<String, List<String>> readableColumns,
            Map<String, List<String>> primaryKeys, int cacheRows) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.readableColumns = Map.copyOf(readableColumns);
        this.primaryKeys = Map.copyOf(primaryKeys);
        this.readableColumns.forEach((table, columns) -> cachedColumns.put(table, new CachedRow.Columns(columns)));
        this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<CacheKey, Object[]> eldest) {
                return size() > cacheRows;
            }
        };
    }

    @Override
    public Optional<Map<String, Object>> row(String table, Map<String, Object> key) {
        List<String> columns = columns(table);
        List<String> pk = primaryKey(table);
        lookedUpTables.add(table);
        CacheKey ck = new CacheKey(table, normalised(pk, key));
        CachedRow.Columns shape = cachedColumns.get(table);
        Object[] cached = cache.get(ck);
        if (cached == null) {
            List<Map<String, Object>> rows = query(() -> SourceRows.list(connection(), table, columns,
                    whereOf(pk, key)), table);
            cached = rows.isEmpty() ? ABSENT : shape.valuesOf(rows.get(0));
            cache.put(ck, cached);
        }
        return cached == ABSENT ? Optional.empty() : Optional.of(new CachedRow(shape, cached));
    }

    @Override
    public Aggregate aggregate(String table, Map<String, Object> where, String sumColumn) {
        if (!columns(table).contains(sumColumn) || !columns(table).containsAll(where.keySet())) {
            throw new IllegalArgumentException("an aggregate of " + table + " may use only the columns the "
                    + "translator may read: " + columns(table));
        }
        long[] result = query(() -> SourceRows.countAndSum(connection(), table, where, sumColumn), table);
        return new Aggregate(result[0], result[1]);
    }

    /** The rows a cascade names, with the columns the translator may read. */
    public List<Map<String, Object>> rows(Cascade cascade) {
        List<String> columns = columns(cascade.table());
        if (!columns.containsAll(cascade.where().keySet())) {
            throw new IllegalArgumentException("a cascade to " + cascade.table() + " may select only by the "
                    + "columns the translator may read: " + columns);
        }
        List<Map<String, Object>> rows = query(() -> SourceRows.list(connection(), cascade.table(), columns,
                cascade.where()), cascade.table());
        for (Map<String, Object> row : rows) {
            remember(cascade.table(), row);
        }
        return rows;
    }

    /**
     * Brings the cache to the position of a change about to be translated. Only tables a mapping
     * has looked up are followed, so the others cost nothing here.
     */
    public void observe(RowChange change) {
        List<String> pk = primaryKeys.get(change.table());
        if (pk == null || !lookedUpTables.contains(change.table())) {
            return;
        }
        switch (change.op()) {
            case READ, INSERT -> remember(change.table(), change.after());
            case UPDATE -> {
                // A key change leaves the old key behind; it no longer names this row.
                cache.remove(new CacheKey(change.table(), normalised(pk, change.before())));
                remember(change.table(), change.after());
            }
            // The last values stay, cached or not: a child deleted later (a collage's entries
            // after the collage) must still be judged by this row, which the database no longer has.
            case DELETE -> remember(change.table(), change.before());
        }
    }

    private void remember(String table, Map<String, Object> row) {
        List<String> pk = primaryKeys.get(table);
        if (pk == null || !row.keySet().containsAll(pk)) {
            return;
        }
        CacheKey ck = new CacheKey(table, normalised(pk, row));
        if (lookedUpTables.contains(table) && !row.keySet().containsAll(columns(table))) {
            // A change without a column the translator reads (renamed or dropped since): caching
            // it would answer null for that column; the next lookup asks the database instead.
            cache.remove(ck);
        } else if (lookedUpTables.contains(table)) {
            cache.put(ck, cachedColumns.get(table).valuesOf(row));
        }
    }

    private List<String> columns(String table) {
        List<String> columns = readableColumns.get(table);
        if (columns == null) {
            throw new IllegalArgumentException("table " + table + " is not translated; the origin lookup reads "
                    + "only " + readableColumns.keySet());
        }
        return columns;
    }

    private List<String> primaryKey(String table) {
        List<String> pk = primaryKeys.get(table);
        if (pk == null || pk.isEmpty()) {
            throw new IllegalArgumentException("table " + table + " has no primary key Herd knows; rows of it "
                    + "cannot be looked up");
        }
        return pk;
    }

    private static Map<String, Object> whereOf(List<String> pk, Map<String, Object> key) {
        Map<String, Object> where = new LinkedHashMap<>();
        for (String c : pk) {
            if (!key.containsKey(c)) {
                throw new IllegalArgumentException("a lookup key must name " + pk + ", got " + key.keySet());
            }
            where.put(c, key.get(c));
        }
        return where;
    }

    /**
     * Key values as compared in the cache: JDBC and Debezium hand out different number types. A
     * single-column key is its one value, without a list around it.
     */
    private static Object normalised(List<String> pk, Map<String, Object> row) {
        if (pk.size() == 1) {
            return normalised(row.get(pk.get(0)));
        }
        List<Object> values = new ArrayList<>(pk.size());
        for (String c : pk) {
            values.add(normalised(row.get(c)));
        }
        return values;
    }

    private static Object normalised(Object v) {
        return v instanceof Number n && !(v instanceof java.math.BigDecimal) ? (Object) n.longValue()
                : v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1) : v;
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private <T> T query(SqlCall<T> call, String table) {
        try {
            return call.call();
        } catch (SQLException first) {
            if (isSchemaError(first)) {
                // The table or a column it reads is gone or renamed: asking again cannot help, and
                // failing the batch would make capture retry this change forever.
                throw new SchemaMismatchException(table, unknownColumn(first), "the Gazelle database no longer "
                        + "matches what Herd reads from " + table + ": " + first.getMessage(), first);
            }
            // One reconnect: the connection may simply have timed out while the site was quiet.
            closeQuietly();
            try {
                return call.call();
            } catch (SQLException second) {
                closeQuietly();
                second.addSuppressed(first);
                if (isSchemaError(second)) {
                    throw new SchemaMismatchException(table, unknownColumn(second), "the Gazelle database no "
                            + "longer matches what Herd reads from " + table + ": " + second.getMessage(), second);
                }
                throw new LookupFailedException("could not read " + table + " from the Gazelle database: "
                        + second.getMessage(), second);
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = connector.connect();
            if (connector.owned()) {
                connection.setReadOnly(true);
                connection.setAutoCommit(true);
            }
        }
        return connection;
    }

    private void closeQuietly() {
        if (connection != null && connector.owned()) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing a broken connection; nothing to do.
            }
        }
        connection = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /**
     * Whether an error says the statement does not fit the schema (MySQL/MariaDB 1054 unknown
     * column, 1146 no such table, SQLSTATE 42S22/42S02, or another syntax error other than access
     * denied), rather than that the database could not answer (connection, timeout, lock).
     */
    static boolean isSchemaError(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                int code = s.getErrorCode();
                String state = s.getSQLState() == null ? "" : s.getSQLState();
                if (code == 1054 || code == 1146 || state.equals("42S22") || state.equals("42S02")) {
                    return true;
                }
                // Access denied is a grant to fix, not a schema change: the change waits for it.
                boolean denied = code == 1044 || code == 1045 || code == 1142 || code == 1143;
                if (s instanceof java.sql.SQLSyntaxErrorException && !denied) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The column an "Unknown column 'x' in ..." error names, or null. */
    static String unknownColumn(SQLException e) {
        String m = e.getMessage();
        if (m == null) {
            return null;
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("Unknown column '([^']+)'").matcher(m);
        if (!matcher.find()) {
            return null;
        }
        String column = matcher.group(1);
        int dot = column.lastIndexOf('.');
        return dot >= 0 ? column.substring(dot + 1) : column;
    }

    /**
     * A lookup the schema of the Gazelle database no longer answers (a column Herd reads renamed or
     * dropped, a table dropped). Permanent for the change being translated: the change is
     * quarantined with table, key, column and position, and the stream goes on.
     */
    public static final class SchemaMismatchException extends RuntimeException {
        private final String table;
        private final String column;

        SchemaMismatchException(String table, String column, String message, Throwable cause) {
            super(message, cause);
            this.table = table;
            this.column = column;
        }

        /** The table the lookup read. */
        public String table() {
            return table;
        }

        /** The unknown column, when the database named one; else null. */
        public String column() {
            return column;
        }
    }

    /** The Gazelle database could not answer; a reason that may pass, so capture retries. */
    public static final class LookupFailedException extends RuntimeException {
        LookupFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
