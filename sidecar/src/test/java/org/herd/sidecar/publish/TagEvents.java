package org.herd.sidecar.publish;

import io.debezium.engine.RecordChangeEvent;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Debezium change events of Gazelle's {@code tags}, as the MariaDB connector shapes them. */
final class TagEvents {

    static final String FILE = "mysql-bin.000004";

    private static final Schema SOURCE = SchemaBuilder.struct().name("source")
            .field("table", Schema.STRING_SCHEMA).field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA).field("row", Schema.INT32_SCHEMA)
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().name("tags.Value")
            .field("ID", Schema.INT32_SCHEMA).field("Name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("TagType", Schema.STRING_SCHEMA).field("Uses", Schema.INT32_SCHEMA).optional().build();
    private static final Schema ENVELOPE = envelope(ROW, Schema.STRING_SCHEMA);

    private TagEvents() {
    }

    private static Schema envelope(Schema row, Schema op) {
        return SchemaBuilder.struct().name("Envelope").field("op", op).field("before", row).field("after", row)
                .field("source", SOURCE).build();
    }

    private static Struct source(long pos) {
        return new Struct(SOURCE).put("table", "tags").put("file", FILE).put("pos", pos).put("row", 0)
                .put("snapshot", "false").put("ts_ms", 1L);
    }

    private static SourceRecord record(Schema schema, Struct value, long pos) {
        return new SourceRecord(Map.of("server", "unit"), Map.of("file", FILE, "pos", pos, "event", 2L),
                "unit.gazelle.tags", null, null, schema, value);
    }

    /** A change of tag {@code id} named idm, used 3 times: {@code op} c, u, d or t (a TRUNCATE, no row). */
    static SourceRecord change(String op, int id, String tagType, long pos) {
        Struct row = new Struct(ROW).put("ID", id).put("Name", "idm").put("TagType", tagType).put("Uses", 3);
        Struct value = new Struct(ENVELOPE).put("op", op).put("source", source(pos));
        if (!op.equals("t")) {
            value.put("after", row);
        }
        return record(ENVELOPE, value, pos);
    }

    /** A change of tags after its Name column was renamed: Debezium's rows no longer carry it. */
    static SourceRecord renamedName(int id, long pos) {
        Schema row = SchemaBuilder.struct().name("tags.Value").field("ID", Schema.INT32_SCHEMA)
                .field("TagType", Schema.STRING_SCHEMA).field("Uses", Schema.INT32_SCHEMA).optional().build();
        Schema envelope = envelope(row, Schema.STRING_SCHEMA);
        Struct value = new Struct(envelope).put("op", "c").put("source", source(pos))
                .put("after", new Struct(row).put("ID", id).put("TagType", "genre").put("Uses", 1));
        return record(envelope, value, pos);
    }

    /** An event the connector's envelope does not describe: its op is not text. */
    static SourceRecord unreadable(long pos) {
        Schema envelope = envelope(ROW, Schema.INT32_SCHEMA);
        return record(envelope, new Struct(envelope).put("op", 99).put("source", source(pos)), pos);
    }

    /** A heartbeat: an event that is no row change. */
    static SourceRecord heartbeat() {
        Schema schema = SchemaBuilder.struct().name("Heartbeat").field("ts_ms", Schema.INT64_SCHEMA).build();
        return new SourceRecord(Map.of("server", "unit"), Map.of("file", FILE, "pos", 4L), "__debezium-heartbeat.unit",
                null, null, schema, new Struct(schema).put("ts_ms", 1L));
    }

    /** An event as the engine hands it over. */
    static RecordChangeEvent<SourceRecord> event(SourceRecord record) {
        return () -> record;
    }
}
