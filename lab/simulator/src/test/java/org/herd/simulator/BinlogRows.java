package org.herd.simulator;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import java.io.IOException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.TableDef;

/**
 * The row changes of a MariaDB binlog from a position to its end, read as a replica reads them
 * (Debezium's binlog client), each with its table and the columns it changed: what tests compare a
 * load's own counts with.
 */
final class BinlogRows {

    /** A binlog position. */
    record Position(String file, long position) {
    }

    /**
     * One row change.
     *
     * @param type    "insert", "update" or "delete"
     * @param columns the table's columns in order
     * @param before  the row before (null for an insert)
     * @param after   the row after (null for a delete)
     */
    record Change(String table, String type, List<String> columns, Serializable[] before, Serializable[] after) {

        /** The columns whose value differs between before and after; every column for an insert or delete. */
        Set<String> changedColumns() {
            Set<String> changed = new LinkedHashSet<>();
            for (int i = 0; i < columns.size(); i++) {
                if (before == null || after == null || !Objects.deepEquals(before[i], after[i])) {
                    changed.add(columns.get(i));
                }
            }
            return changed;
        }

        /** A column's value after the change (before it, for a delete). */
        Serializable value(String column) {
            int i = columns.indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException(table + " has no column " + column + ": " + columns);
            }
            return (after != null ? after : before)[i];
        }

        /** What the change is to Herd, judged by the catalogue alone. */
        RowClass classify(GazelleCatalogue catalogue) {
            TableDef def = catalogue.table(table).orElse(null);
            if (def == null || !def.isReplicated()) {
                return RowClass.UNCAPTURED;
            }
            if (!type.equals("update")) {
                return RowClass.PUBLIC;
            }
            return changedColumns().stream().anyMatch(def::isPublic) ? RowClass.PUBLIC : RowClass.NOISE;
        }
    }

    private BinlogRows() {
    }

    static Position position(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) {
                throw new IllegalStateException("the server's binlog is off");
            }
            return new Position(rs.getString(1), rs.getLong(2));
        }
    }

    /** The row changes of {@code database} from {@code from} to the binlog's end as it is now. */
    static List<Change> read(EmbeddedMariaDb mariaDb, String database, Position from) throws IOException, SQLException {
        Map<String, List<String>> columns = new HashMap<>();
        try (Connection c = mariaDb.connect(database);
                PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS "
                        + "WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        BinaryLogClient client = new BinaryLogClient(mariaDb.host(), mariaDb.port(), mariaDb.user(),
                mariaDb.password());
        client.setServerId(4_200_000L + ProcessHandle.current().pid() % 1000);
        client.setBinlogFilename(from.file());
        client.setBinlogPosition(from.position());
        // Not blocking: the server ends the stream at the end of its binlog, and connect() returns.
        client.setBlocking(false);
        client.setKeepAlive(false);
        EventDeserializer deserializer = new EventDeserializer();
        deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG,
                EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        client.setEventDeserializer(deserializer);
        Map<Long, TableMapEventData> tables = new HashMap<>();
        List<Change> changes = new ArrayList<>();
        // The client logs and drops what a listener throws; collected here and thrown once read.
        List<RuntimeException> errors = new ArrayList<>();
        client.registerEventListener(event -> {
            try {
                collect(event.getHeader().getEventType(), event.getData(), database, columns, tables, changes);
            } catch (RuntimeException e) {
                errors.add(e);
            }
        });
        client.connect();
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return changes;
    }

    private static void collect(EventType type, EventData data, String database, Map<String, List<String>> columns,
            Map<Long, TableMapEventData> tables, List<Change> changes) {
        if (data instanceof TableMapEventData map) {
            tables.put(map.getTableId(), map);
        } else if (data instanceof WriteRowsEventData w) {
            String table = table(tables, w.getTableId(), database);
            if (table != null) {
                w.getRows().forEach(r -> changes.add(new Change(table, "insert", columns.get(table), null, r)));
            }
        } else if (data instanceof UpdateRowsEventData u) {
            String table = table(tables, u.getTableId(), database);
            if (table != null) {
                u.getRows().forEach(r -> changes.add(new Change(table, "update", columns.get(table), r.getKey(),
                        r.getValue())));
            }
        } else if (data instanceof DeleteRowsEventData d) {
            String table = table(tables, d.getTableId(), database);
            if (table != null) {
                d.getRows().forEach(r -> changes.add(new Change(table, "delete", columns.get(table), r, null)));
            }
        } else if (EventType.isRowMutation(type)) {
            throw new IllegalStateException("a row event this reader does not decode: " + type);
        }
    }

    private static String table(Map<Long, TableMapEventData> tables, long id, String database) {
        TableMapEventData map = tables.get(id);
        if (map == null) {
            throw new IllegalStateException("a row event for table id " + id + " without its table map");
        }
        return map.getDatabase().equals(database) ? map.getTable() : null;
    }
}
