package org.herd.translator.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static final SourcePosition POS = new SourcePosition("mysql-bin.000002", 1234, 5, 2, true, 1_600_000_000_000L);

    /** A record with a sample value in every field of an entity. */
    static NeutralRecord sample(EntityType entity) {
        Map<String, Object> key = new LinkedHashMap<>();
        entity.keyFields().forEach(f -> key.put(f.name(), sampleValue(f)));
        Map<String, Object> payload = new LinkedHashMap<>();
        entity.payloadFields().forEach(f -> payload.put(f.name(), f.nullable() && f.name().hashCode() % 3 == 0
                ? null : sampleValue(f)));
        return NeutralRecord.upsert(entity.name(), "site-1", key, POS, payload);
    }

    private static Object sampleValue(Field f) {
        return switch (f.type()) {
            case INTEGER -> 4_000_000_000L + f.name().length();
            case TEXT -> "ünïcödé \"quoted\" \n 𝄞 " + f.name();
            case BOOLEAN -> true;
            case TIMESTAMP -> LocalDateTime.of(2016, 11, 17, 23, 59, 1);
        };
    }

    @Test
    void everyEntityRoundTrips() {
        for (EntityType entity : NeutralSchema.entities()) {
            NeutralRecord record = sample(entity);
            assertThat(WireFormat.decode(WireFormat.encode(record))).as(entity.name()).isEqualTo(record);
            NeutralRecord delete = NeutralRecord.delete(entity.name(), "site-1", record.key(), POS);
            assertThat(WireFormat.decode(WireFormat.encode(delete))).as(entity.name()).isEqualTo(delete);
        }
    }

    @Test
    void keyBytesAreTheKeyFieldsOnlyAndStable() {
        NeutralRecord a = sample(NeutralSchema.RELEASE_GROUP_TAG);
        NeutralRecord b = NeutralRecord.delete(a.entity(), a.origin(), a.key(),
                new SourcePosition("mysql-bin.000009", 1, 0, 0, false, 0));
        assertThat(WireFormat.encodeKey(a)).isEqualTo(WireFormat.encodeKey(b));
        assertThat(new String(WireFormat.encodeKey(a), StandardCharsets.UTF_8))
                .isEqualTo("{\"release_group_id\":4000000016,\"tag_id\":4000000006}");
    }

    @Test
    void valueLooksAsDocumented() {
        NeutralRecord r = NeutralRecord.upsert("tag", "site-1", Map.of("tag_id", 3L), POS,
                mapOf("name", "idm", "tag_type", "genre", "uses", 12L));
        assertThat(new String(WireFormat.encode(r), StandardCharsets.UTF_8)).isEqualTo(
                "{\"format\":\"herd/1\",\"entity\":\"tag\",\"origin\":\"site-1\",\"op\":\"upsert\","
                        + "\"key\":{\"tag_id\":3},\"position\":{\"file\":\"mysql-bin.000002\",\"pos\":1234,"
                        + "\"event\":5,\"row\":2,\"snapshot\":true,\"ts_ms\":1600000000000},"
                        + "\"payload\":{\"name\":\"idm\",\"tag_type\":\"genre\",\"uses\":12}}");
    }

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void rejectsWhatAMirrorCannotTrust() {
        assertThatThrownBy(() -> WireFormat.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> WireFormat.decode(new byte[] {(byte) 0xff, 0x00, 0x13}))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> WireFormat.decode(null)).isInstanceOf(WireFormatException.class);
        String good = new String(WireFormat.encode(sample(NeutralSchema.TAG)), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decode(good.replace("herd/1", "herd/2")))
                .hasMessageContaining("unsupported format 'herd/2'");
        assertThatThrownBy(() -> decode(good.replace("\"entity\":\"tag\"", "\"entity\":\"member\"")))
                .hasMessageContaining("unknown entity 'member'");
        assertThatThrownBy(() -> decode(good.replace("\"op\":\"upsert\"", "\"op\":\"merge\"")))
                .hasMessageContaining("unknown op 'merge'");
        assertThatThrownBy(() -> decode(good.replace("\"tag_type\":", "\"password\":\"x\",\"tag_type\":")))
                .hasMessageContaining("tag.payload: unknown field 'password'");
        assertThatThrownBy(() -> decode(good.replace("\"uses\":4000000004", "\"uses\":\"many\"")))
                .hasMessageContaining("tag.payload.uses must be a 64-bit integer");
        String simple = new String(WireFormat.encode(NeutralRecord.upsert("tag", "site-1", Map.of("tag_id", 3L), POS,
                mapOf("name", "idm", "tag_type", "genre", "uses", 12L))), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decode(simple.replace("\"tag_type\":\"genre\"", "\"tag_type\":null")))
                .hasMessageContaining("tag.payload.tag_type is required");
        assertThatThrownBy(() -> decode(good.replace("\"file\":\"mysql-bin.000002\"", "\"file\":\"x\"")))
                .hasMessageContaining("invalid position");
    }

    private static NeutralRecord decode(String json) {
        return WireFormat.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
