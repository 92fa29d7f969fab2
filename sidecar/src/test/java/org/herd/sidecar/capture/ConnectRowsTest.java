package org.herd.sidecar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.herd.translator.RowChange;
import org.herd.translator.RowOperation;
import org.herd.translator.SourcePosition;
import org.junit.jupiter.api.Test;

/** Debezium's change events as the translator receives them. */
class ConnectRowsTest {

    private static final Schema ROW = SchemaBuilder.struct().name("torrents.Value").optional()
            .field("ID", Schema.INT32_SCHEMA)
            .field("Time", SchemaBuilder.int64().name("io.debezium.time.Timestamp").build())
            .field("last_action", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
            .field("Stamp", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional().build())
            .field("info", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("Remastered", Schema.STRING_SCHEMA)
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("source")
            .field("table", Schema.STRING_SCHEMA).field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA).field("row", Schema.INT32_SCHEMA)
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("Envelope")
            .field("op", Schema.STRING_SCHEMA).field("before", ROW).field("after", ROW).field("source", SOURCE).build();

    private static SourceRecord record(String op, String snapshot, Map<String, ?> offset) {
        Struct row = new Struct(ROW).put("ID", 7)
                .put("Time", 1_300_000_000_000L)
                .put("last_action", 1_300_000_000_123_456L)
                .put("Stamp", "2011-03-13T07:06:40+02:00")
                .put("info", ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .put("Remastered", "1");
        Struct source = new Struct(SOURCE).put("table", "torrents").put("file", "mysql-bin.000012")
                .put("pos", 4_096L).put("row", 3).put("snapshot", snapshot).put("ts_ms", 99L);
        Struct value = new Struct(ENVELOPE).put("op", op).put("source", source);
        value.put(op.equals("d") ? "before" : "after", row);
        if (op.equals("u")) {
            value.put("before", row);
        }
        return new SourceRecord(Map.of(), offset, "t", null, null, ENVELOPE, value);
    }

    @Test
    void convertsDebeziumTypesToThePlainValuesTheTranslatorReads() {
        RowChange change = ConnectRows.toRowChange(record("c", "false", Map.of("event", 5L)), 0);

        assertThat(change.table()).isEqualTo("torrents");
        assertThat(change.op()).isEqualTo(RowOperation.INSERT);
        assertThat(change.after())
                .containsEntry("ID", 7)
                .containsEntry("Time", LocalDateTime.of(2011, 3, 13, 7, 6, 40))
                .containsEntry("last_action", LocalDateTime.of(2011, 3, 13, 7, 6, 40, 123_456_000))
                .containsEntry("Stamp", LocalDateTime.of(2011, 3, 13, 5, 6, 40))
                .containsEntry("Remastered", "1");
        assertThat((byte[]) change.after().get("info")).containsExactly(1, 2, 3);
        assertThat(change.before()).isEmpty();
    }

    @Test
    void positionTakesTheEventIndexFromTheOffset() {
        assertThat(ConnectRows.toRowChange(record("u", "false", Map.of("event", 5L)), 0).position())
                .isEqualTo(new SourcePosition("mysql-bin.000012", 4_096, 5, 3, false, 99));
        // Snapshot reads order before every streamed change at the same position.
        assertThat(ConnectRows.toRowChange(record("r", "true", Map.of("event", 5L)), 0).position())
                .isEqualTo(new SourcePosition("mysql-bin.000012", 4_096, 0, 3, true, 99));
        assertThat(ConnectRows.toRowChange(record("d", "false", Map.of()), 0).position().event()).isZero();
        // The sidecar's epoch is the most significant part of every position it reads.
        assertThat(ConnectRows.toRowChange(record("u", "false", Map.of("event", 5L)), 3).position())
                .isEqualTo(new SourcePosition(3, "mysql-bin.000012", 4_096, 5, 3, false, 99));
    }

    @Test
    void mapsOperationsAndRecognisesTruncateAndSnapshotEnd() {
        assertThat(ConnectRows.toRowChange(record("r", "true", Map.of()), 0).op()).isEqualTo(RowOperation.READ);
        assertThat(ConnectRows.toRowChange(record("u", "false", Map.of()), 0).op()).isEqualTo(RowOperation.UPDATE);
        RowChange delete = ConnectRows.toRowChange(record("d", "false", Map.of()), 0);
        assertThat(delete.op()).isEqualTo(RowOperation.DELETE);
        assertThat(delete.before()).containsEntry("ID", 7);
        assertThat(ConnectRows.isTruncate(record("t", "false", Map.of()))).isTrue();
        assertThat(ConnectRows.toRowChange(record("t", "false", Map.of()), 0)).isNull();
        assertThat(ConnectRows.isLastSnapshotRecord(record("r", "last", Map.of()))).isTrue();
        assertThat(ConnectRows.isLastSnapshotRecord(record("r", "true", Map.of()))).isFalse();
    }
}
