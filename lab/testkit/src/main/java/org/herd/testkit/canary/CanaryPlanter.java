package org.herd.testkit.canary;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.TableDef;

/**
 * Plants canaries in a Gazelle database: a unique, recognisable value in every column that the
 * catalogue does not name public, in an existing row and in a new row of every table. What is
 * planted follows from the catalogue and the database's own column types at run time, so a table
 * added to the catalogue is covered without new test code.
 *
 * <p>Which columns get what:
 * <ul>
 * <li>text ({@code char}, {@code varchar}, {@code *text}): {@code CNRY<table>.<column>#<n>}, or
 *     {@code CNRY#<n>} where that does not fit; columns shorter than 9 characters carry none;</li>
 * <li>binary ({@code binary}, {@code varbinary}, {@code *blob}): the same text as bytes;</li>
 * <li>{@code int}: 2100000337 + 1000n, {@code bigint}: 9100000000000000337 + 1000n, found only as
 *     whole numbers; {@code tinyint}, {@code smallint}, {@code mediumint} carry none (their few
 *     digits occur everywhere);</li>
 * <li>{@code decimal} and {@code double} with at least 8 usable digits: {@code 4000…n…7};
 *     {@code float} carries none (7 significant digits);</li>
 * <li>{@code datetime}, {@code timestamp}: a time in 2037; {@code date}: a day in 2036;</li>
 * <li>{@code enum}, {@code set}, {@code time}, {@code year}, generated columns: none, see
 *     {@link ColumnShape#unplantableReason()}.</li>
 * </ul>
 * Every table of the database is planted in, catalogued or not: a table the catalogue does not
 * know is private as a whole (default deny).
 *
 * <p>New rows are copies of a table's first row (so that their public columns hold realistic
 * values and the row is published rather than quarantined) with canaries in the non-public
 * columns, new values in the columns of primary and unique keys (the maximum plus one for
 * integers, a control for public text) and, in replicated tables, a <em>control</em> in the first
 * public text column of 24 characters or more: a public value planted the same way as the
 * canaries, which a leak test must find. An empty table gets a row of defaults plus canaries.
 *
 * <p>Each call plants fresh values; repeated calls to {@link #plantInExistingRows} pick the next
 * row of each table, so that a live round plants in rows other than the first. The session's
 * sql_mode is set to Gazelle's non-strict one and foreign-key checks are turned off (new rows
 * reference ids that need not exist).
 */
public final class CanaryPlanter {

    /** Smallest column length that gets a public control (besides unique text columns). */
    static final int CONTROL_MIN_LENGTH = 24;
    static final long INT_BASE = 2_100_000_337L;
    static final long BIGINT_BASE = 9_100_000_000_000_000_337L;
    static final LocalDateTime DATETIME_BASE = LocalDateTime.of(2037, 2, 3, 4, 5, 6);
    static final LocalDate DATE_BASE = LocalDate.of(2036, 3, 4);

    private final GazelleCatalogue catalogue;
    private final List<Canary> canaries = new ArrayList<>();
    private final List<Canary> controls = new ArrayList<>();
    private final Map<String, Unplantable> unplantable = new LinkedHashMap<>();
    private final Set<String> tables = new LinkedHashSet<>();
    private int next = 1;
    private int existingRound;

    public CanaryPlanter(GazelleCatalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    /** Canaries in one existing row and in one new row of every table. */
    public Planting plant(Connection connection) throws SQLException {
        Planting existing = plantInExistingRows(connection);
        Planting fresh = plantInNewRows(connection);
        List<Canary> c = new ArrayList<>(existing.canaries());
        c.addAll(fresh.canaries());
        List<String> t = new ArrayList<>(existing.tables());
        fresh.tables().stream().filter(x -> !t.contains(x)).forEach(t::add);
        return new Planting(c, fresh.controls(), fresh.unplantable(), t);
    }

    /**
     * Canaries in the non-public columns of one existing row of every table that has one: the
     * first row by primary key on the first call, the second on the next, and so on (the first
     * again when a table has fewer rows).
     */
    public Planting plantInExistingRows(Connection connection) throws SQLException {
        prepare(connection);
        List<Canary> planted = new ArrayList<>();
        List<String> touched = new ArrayList<>();
        for (String table : tables(connection)) {
            TableShape shape = read(connection, table);
            List<Canary> row = new ArrayList<>();
            List<String> assignments = new ArrayList<>();
            for (ColumnShape col : shape.columns()) {
                if (!isPublic(table, col.name()) && col.canaryKind() != null) {
                    row.add(canary(table, col));
                    assignments.add(quote(col.name()) + " = ?");
                }
            }
            if (row.isEmpty()) {
                continue;
            }
            int updated;
            if (shape.primaryKey().isEmpty()) {
                try (PreparedStatement ps = connection.prepareStatement("UPDATE " + quote(table) + " SET "
                        + String.join(", ", assignments) + " LIMIT 1")) {
                    bindAll(ps, 1, row);
                    updated = ps.executeUpdate();
                }
            } else {
                List<Object> key = rowKey(connection, shape, existingRound);
                if (key == null) {
                    continue;
                }
                String where = shape.primaryKey().stream().map(k -> quote(k) + " = ?")
                        .collect(Collectors.joining(" AND "));
                try (PreparedStatement ps = connection.prepareStatement("UPDATE " + quote(table) + " SET "
                        + String.join(", ", assignments) + " WHERE " + where)) {
                    int i = bindAll(ps, 1, row);
                    for (Object k : key) {
                        bindValue(ps, i++, k);
                    }
                    updated = ps.executeUpdate();
                }
            }
            if (updated > 0) {
                planted.addAll(row);
                touched.add(table);
            }
        }
        existingRound++;
        return finish(connection, planted, List.of(), touched);
    }

    /** A new row in every table, with canaries in its non-public columns (see the class comment). */
    public Planting plantInNewRows(Connection connection) throws SQLException {
        prepare(connection);
        List<Canary> planted = new ArrayList<>();
        List<Canary> plantedControls = new ArrayList<>();
        List<String> touched = new ArrayList<>();
        for (String table : tables(connection)) {
            TableShape shape = read(connection, table);
            boolean hasRow = hasRow(connection, table);
            Set<String> uniqueColumns = shape.uniqueColumns();
            String controlColumn = controlColumn(table, shape, uniqueColumns);
            List<String> columns = new ArrayList<>();
            List<String> expressions = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            List<Canary> rowCanaries = new ArrayList<>();
            List<Canary> rowControls = new ArrayList<>();
            for (ColumnShape col : shape.columns()) {
                if (col.generated()) {
                    continue;
                }
                boolean isPublic = isPublic(table, col.name());
                Object value = null;
                if (!isPublic && col.canaryKind() != null) {
                    Canary c = canary(table, col);
                    rowCanaries.add(c);
                    value = c.value();
                } else if (uniqueColumns.contains(col.name()) && col.isInteger()) {
                    value = nextInteger(connection, table, col.name());
                } else if (uniqueColumns.contains(col.name()) && isPublic && col.isText()
                        || col.name().equals(controlColumn)) {
                    Canary c = control(table, col);
                    if (c != null) {
                        rowControls.add(c);
                        value = c.value();
                    }
                }
                if (value != null) {
                    columns.add(quote(col.name()));
                    expressions.add("?");
                    values.add(value);
                } else if (hasRow) {
                    columns.add(quote(col.name()));
                    expressions.add("src." + quote(col.name()));
                }
            }
            if (rowCanaries.isEmpty() && rowControls.isEmpty()) {
                continue;
            }
            String sql = "INSERT INTO " + quote(table) + " (" + String.join(", ", columns) + ") "
                    + (hasRow ? "SELECT " + String.join(", ", expressions) + " FROM " + quote(table) + " AS src"
                            + (shape.primaryKey().isEmpty() ? "" : " ORDER BY " + shape.primaryKey().stream()
                                    .map(k -> "src." + quote(k)).collect(Collectors.joining(", ")))
                            + " LIMIT 1"
                            : "VALUES (" + String.join(", ", expressions) + ")");
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int i = 1;
                for (Object v : values) {
                    bindValue(ps, i++, v);
                }
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new SQLException("planting a new row in " + table + " failed: " + e.getMessage(),
                        e.getSQLState(), e.getErrorCode(), e);
            }
            planted.addAll(rowCanaries);
            plantedControls.addAll(rowControls);
            touched.add(table);
        }
        return finish(connection, planted, plantedControls, touched);
    }

    /** Everything planted so far by this planter. */
    public Planting planted() {
        return new Planting(canaries, controls, List.copyOf(unplantable.values()), List.copyOf(tables));
    }

    private Planting finish(Connection connection, List<Canary> planted, List<Canary> plantedControls,
            List<String> touched) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        canaries.addAll(planted);
        controls.addAll(plantedControls);
        tables.addAll(touched);
        return new Planting(planted, plantedControls, List.copyOf(unplantable.values()), touched);
    }

    private void prepare(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET SESSION sql_mode = '" + GazelleSchema.GAZELLE_SQL_MODE + "'");
            st.execute("SET SESSION foreign_key_checks = 0");
        }
    }

    /**
     * The catalogue's tables in catalogue order, then the database's other tables: a table the
     * catalogue does not know is private as a whole. A catalogued table the database lacks is an
     * error: its columns could not be covered.
     */
    private List<String> tables(Connection connection) throws SQLException {
        Set<String> inDatabase = new LinkedHashSet<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                        + "AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                inDatabase.add(rs.getString(1));
            }
        }
        List<String> out = new ArrayList<>();
        for (TableDef t : catalogue.tables()) {
            if (!inDatabase.remove(t.name())) {
                throw new IllegalStateException("the " + catalogue.variant() + " catalogue names table " + t.name()
                        + " but the database has no such table: no canary could be planted in it");
            }
            out.add(t.name());
        }
        out.addAll(inDatabase);
        return out;
    }

    private boolean isPublic(String table, String column) {
        return catalogue.table(table).map(t -> t.isPublic(column)).orElse(false);
    }

    /** The first public text column of a replicated table, long enough and outside every unique key. */
    private String controlColumn(String table, TableShape shape, Set<String> uniqueColumns) {
        Optional<TableDef> def = catalogue.table(table).filter(TableDef::isReplicated);
        if (def.isEmpty()) {
            return null;
        }
        return shape.columns().stream()
                .filter(c -> def.get().isPublic(c.name()) && c.isText() && !c.generated()
                        && c.charLength() >= CONTROL_MIN_LENGTH && !uniqueColumns.contains(c.name()))
                .map(ColumnShape::name).findFirst().orElse(null);
    }

    private Canary canary(String table, ColumnShape col) {
        int n = next++;
        String label = table + "." + col.name() + "#" + n;
        return switch (col.canaryKind()) {
            case TEXT -> Canary.text(label, table, col.name(), fit("CNRY" + table + "." + col.name(), n, col));
            case BINARY -> Canary.binary(label, table, col.name(),
                    fit("CNRY" + table + "." + col.name(), n, col).getBytes(StandardCharsets.US_ASCII));
            case INTEGER -> Canary.integer(label, table, col.name(), (col.isBigint() ? BIGINT_BASE : INT_BASE)
                    + 1000L * n);
            case DECIMAL -> Canary.decimal(label, table, col.name(), decimal(col, n));
            case DATETIME -> Canary.datetime(label, table, col.name(), DATETIME_BASE.plusMinutes(61L * n));
            case DATE -> Canary.date(label, table, col.name(), DATE_BASE.plusDays(n));
        };
    }

    /** A public value for a control, only lower-case letters and digits, or null when none fits. */
    private Canary control(String table, ColumnShape col) {
        int n = next++;
        String full = "pubctl" + table.replaceAll("[^a-z0-9]", "") + String.format("%04d", n);
        String compact = "pubctl" + String.format("%04d", n);
        String value = full.length() <= col.charLength() ? full : compact.length() <= col.charLength() ? compact : null;
        return value == null ? null : Canary.text(table + "." + col.name() + "#" + n, table, col.name(), value);
    }

    private static String fit(String prefix, int n, ColumnShape col) {
        String number = String.format("%04d", n);
        String full = prefix + "#" + number;
        if (full.length() <= col.charLength()) {
            return full;
        }
        String compact = "CNRY#" + number;
        if (compact.length() <= col.charLength()) {
            return compact;
        }
        throw new IllegalStateException("canary " + compact + " does not fit " + col.columnType());
    }

    /** {@code 4}, the number n, {@code 7}: digits split before and after the point as the column allows. */
    private static String decimal(ColumnShape col, int n) {
        int integer = col.integerDigits();
        int digits = integer + col.fractionDigits();
        String all = "4" + String.format("%0" + (digits - 2) + "d", n) + "7";
        return (integer == 0 ? "0" : all.substring(0, integer)) + "." + all.substring(integer);
    }

    private static long nextInteger(Connection connection, String table, String column) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT COALESCE(MAX(" + quote(column) + "), 0) + 1 FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean hasRow(Connection connection, String table) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM " + quote(table) + " LIMIT 1")) {
            return rs.next();
        }
    }

    /** The primary key of the table's row at {@code offset} in key order, the first row's if there are fewer. */
    private static List<Object> rowKey(Connection connection, TableShape shape, int offset) throws SQLException {
        String keys = shape.primaryKey().stream().map(CanaryPlanter::quote).collect(Collectors.joining(", "));
        for (int at : new int[] {offset, 0}) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT " + keys
                    + " FROM " + quote(shape.name()) + " ORDER BY " + keys + " LIMIT 1 OFFSET " + at)) {
                if (rs.next()) {
                    List<Object> key = new ArrayList<>();
                    for (int i = 1; i <= shape.primaryKey().size(); i++) {
                        // Text for everything but binary: a zero date has no java.sql value.
                        key.add(shape.column(shape.primaryKey().get(i - 1)).isBinary() ? rs.getBytes(i)
                                : rs.getString(i));
                    }
                    return key;
                }
            }
        }
        return null;
    }

    private static int bindAll(PreparedStatement ps, int first, List<Canary> values) throws SQLException {
        int i = first;
        for (Canary c : values) {
            bindValue(ps, i++, c.value());
        }
        return i;
    }

    private static void bindValue(PreparedStatement ps, int i, Object value) throws SQLException {
        if (value instanceof byte[] b) {
            ps.setBytes(i, b);
        } else if (value instanceof Long l) {
            ps.setLong(i, l);
        } else {
            ps.setString(i, (String) value);
        }
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** Reads a table's shape and notes why its non-public columns that carry no canary carry none. */
    private TableShape read(Connection connection, String table) throws SQLException {
        TableShape shape = TableShape.read(connection, table);
        for (ColumnShape col : shape.columns()) {
            if (!isPublic(table, col.name()) && col.canaryKind() == null) {
                unplantable.putIfAbsent(table + "." + col.name(),
                        new Unplantable(table, col.name(), col.columnType(), col.unplantableReason()));
            }
        }
        return shape;
    }
}
