package org.herd.sidecar.capture;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.herd.translator.RowChange;
import org.herd.translator.RowOperation;
import org.herd.translator.SourcePosition;

/**
 * Turns Debezium's change events into the translator's {@link RowChange}, with the plain Java
 * value types the translator documents.
 */
public final class ConnectRows {

    private ConnectRows() {
    }

    /** The table a change event is for, or null for events that are not row changes. */
    public static String table(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("source") == null) {
            return null;
        }
        Struct source = value.getStruct("source");
        return source == null ? null : source.getString("table");
    }

    /**
     * A row change, or null when the event is not one (a heartbeat or a transaction marker).
     *
     * @param epoch the epoch of the key the sidecar signs with (0 when it does not sign), the most
     *              significant part of every position it publishes
     */
    public static RowChange toRowChange(SourceRecord record, long epoch) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
            return null;
        }
        Struct source = value.getStruct("source");
        RowOperation op = switch (value.getString("op")) {
            case "r" -> RowOperation.READ;
            case "c" -> RowOperation.INSERT;
            case "u" -> RowOperation.UPDATE;
            case "d" -> RowOperation.DELETE;
            default -> null;
        };
        if (op == null) {
            return null;
        }
        return new RowChange(source.getString("table"), op, values(value.getStruct("before")),
                values(value.getStruct("after")), position(source, record.sourceOffset(), epoch));
    }

    /**
     * The change's position. The source block's {@code pos} is where the change's transaction
     * begins; the connector's offset adds {@code event}, the number of binlog events from there
     * to this change, which orders the changes within the transaction.
     */
    static SourcePosition position(Struct source, Map<String, ?> offset, long epoch) {
        String file = source.getString("file");
        Long pos = source.getInt64("pos");
        Integer row = source.getInt32("row");
        Object snapshot = source.get("snapshot");
        Long tsMs = source.getInt64("ts_ms");
        boolean isSnapshot = snapshot != null && !"false".equals(snapshot.toString());
        Object event = offset == null ? null : offset.get("event");
        return new SourcePosition(epoch, file, pos == null ? 0 : pos,
                isSnapshot || !(event instanceof Number n) ? 0 : n.longValue(), row == null ? 0 : row, isSnapshot,
                tsMs == null ? 0 : tsMs);
    }

    /** Whether this event reports a TRUNCATE of a captured table. */
    public static boolean isTruncate(SourceRecord record) {
        return record.value() instanceof Struct value && value.schema().field("op") != null
                && "t".equals(value.getString("op"));
    }

    /** Whether this event is the snapshot's last one. */
    public static boolean isLastSnapshotRecord(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("source") == null) {
            return false;
        }
        Object snapshot = value.getStruct("source").get("snapshot");
        return snapshot != null && "last".equals(snapshot.toString());
    }

    static Map<String, Object> values(Struct row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : row.schema().fields()) {
            values.put(f.name(), convert(f.schema(), row.get(f)));
        }
        return values;
    }

    private static Object convert(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case "io.debezium.time.Timestamp":
                    // Debezium encodes DATETIME as if it were UTC: read it back the same way.
                    return LocalDateTime.ofInstant(Instant.ofEpochMilli((Long) value), ZoneOffset.UTC);
                case "io.debezium.time.MicroTimestamp": {
                    long micros = (Long) value;
                    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                            (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
                }
                case "io.debezium.time.NanoTimestamp": {
                    long nanos = (Long) value;
                    return LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                            (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC);
                }
                case "io.debezium.time.ZonedTimestamp":
                    return OffsetDateTime.parse((String) value).atZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
                case "io.debezium.time.Date":
                    return LocalDate.ofEpochDay((Integer) value).atStartOfDay();
                default:
                    break;
            }
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return value;
    }
}
