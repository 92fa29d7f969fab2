package org.herd.translator.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.herd.translator.FieldMap;
import org.herd.translator.FileEntry;
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
            case FILE_LIST -> List.of(new FileEntry("CD1/01 - ünïcödé \"quoted\" 𝄞.flac", Long.MAX_VALUE),
                    new FileEntry("", 0L));
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

    /**
     * Values shorter than the generator's own buffer, as long as it, and several times longer,
     * across the boundary one character at a time: each is every byte the generator wrote, once,
     * and nothing after them (the strict reader refuses content after the record).
     */
    @Test
    void valuesOfEveryLengthAroundTheGeneratorsBufferAreWhole() {
        Map<String, Object> payload = new LinkedHashMap<>(sample(NeutralSchema.RELEASE).payload());
        for (int length : new int[] {0, 1, 7_700, 7_800, 7_900, 7_950, 7_990, 8_000, 8_010, 8_100, 16_000, 16_100, 100_000}) {
            for (int shift = 0; shift < (length >= 7_900 && length <= 8_100 ? 40 : 1); shift++) {
                payload.put("description", "é".repeat(shift) + "x".repeat(length));
                NeutralRecord r = NeutralRecord.upsert("release", "site-1", Map.of("release_id", 1201L), POS, payload);
                byte[] value = WireFormat.encode(r);
                assertThat(WireFormat.decodeStrict(value)).as(length + "+" + shift).isEqualTo(r);
                assertThat(new String(value, StandardCharsets.UTF_8)).as(length + "+" + shift)
                        .startsWith("{\"format\":\"herd/").endsWith("}}");
            }
        }
    }

    /** Keys written by hand (integer ids under plain names) are the bytes Jackson's generator writes. */
    @Test
    void everyKeyIsWrittenAsTheGeneratorWritesIt() {
        java.util.Random random = new java.util.Random(20261207L);
        long[] edges = {0, 1, -1, 9, 10, 99, 100, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
        List<Map<String, Object>> keys = new java.util.ArrayList<>();
        for (EntityType entity : NeutralSchema.entities()) {
            for (int round = 0; round < 200; round++) {
                Map<String, Object> key = new LinkedHashMap<>();
                for (Field f : entity.keyFields()) {
                    long v = round < edges.length ? edges[round] : random.nextLong() >> random.nextInt(64);
                    key.put(f.name(), round % 3 == 2 && v == (int) v ? (Object) (int) v : (Object) v);
                }
                keys.add(key);
            }
        }
        // Keys the generator writes alone: text, null, other names, nothing.
        keys.add(Map.of("name", "ünïcödé \"quoted\" \n 𝄞"));
        keys.add(new LinkedHashMap<>(java.util.Collections.singletonMap("tag_id", null)));
        keys.add(Map.of("tag-id", 3L));
        keys.add(Map.of("tägid", 3L));
        keys.add(Map.of("tag\"id", 3L));
        keys.add(Map.of("Tag_ID_2", 3L));
        keys.add(Map.of("", 3));
        keys.add(Map.of());
        for (Map<String, Object> key : keys) {
            NeutralRecord r = NeutralRecord.delete("tag", "site-1", key, POS);
            assertThat(new String(WireFormat.encodeKey(r), StandardCharsets.UTF_8)).as(key.toString())
                    .isEqualTo(new String(WireFormat.encodeKeyByGenerator(r), StandardCharsets.UTF_8));
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
                        + "\"key\":{\"tag_id\":3},\"position\":{\"epoch\":0,\"file\":\"mysql-bin.000002\",\"pos\":1234,"
                        + "\"event\":5,\"row\":2,\"snapshot\":true,\"ts_ms\":1600000000000},"
                        + "\"payload\":{\"name\":\"idm\",\"tag_type\":\"genre\",\"uses\":12}}");
    }

    @Test
    void epochIsTheFirstMemberOfThePositionAndRoundTrips() {
        NeutralRecord r = NeutralRecord.upsert("tag", "site-1", Map.of("tag_id", 3L), POS.withEpoch(7),
                mapOf("name", "idm", "tag_type", "genre", "uses", 12L));
        String json = new String(WireFormat.encode(r), StandardCharsets.UTF_8);
        assertThat(json).contains("\"position\":{\"epoch\":7,\"file\":\"mysql-bin.000002\",");
        assertThat(WireFormat.decode(WireFormat.encode(r)).position()).isEqualTo(POS.withEpoch(7));
    }

    @Test
    void aPositionWithoutEpochIsOfEpochZero() {
        // As records were written before positions had epochs.
        String old = "{\"format\":\"herd/1\",\"entity\":\"tag\",\"origin\":\"site-1\",\"op\":\"delete\","
                + "\"key\":{\"tag_id\":3},\"position\":{\"file\":\"mysql-bin.000002\",\"pos\":1234,"
                + "\"event\":5,\"row\":2,\"snapshot\":true,\"ts_ms\":1600000000000}}";
        assertThat(decode(old).position()).isEqualTo(POS).extracting(SourcePosition::epoch).isEqualTo(0L);
        String good = new String(WireFormat.encode(sample(NeutralSchema.TAG)), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decode(good.replace("\"epoch\":0", "\"epoch\":\"one\"")))
                .hasMessageContaining("tag: position.epoch must be an integer");
        assertThatThrownBy(() -> decode(good.replace("\"epoch\":0", "\"epoch\":-1")))
                .hasMessageContaining("invalid position").hasMessageContaining("negative epoch -1");
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

    /** A release whose files field holds these files (sample() leaves it null). */
    private static NeutralRecord release(List<FileEntry> files) {
        Map<String, Object> payload = new LinkedHashMap<>(sample(NeutralSchema.RELEASE).payload());
        payload.put("files", files);
        return NeutralRecord.upsert("release", "site-1", Map.of("release_id", 1201L), POS, payload);
    }

    @Test
    void fileListsAreArraysOfPathAndSize() {
        NeutralRecord r = release(List.of(new FileEntry("01 - Intro.flac", 31_457_280L), new FileEntry("rip.log", 4096L)));
        String json = new String(WireFormat.encode(r), StandardCharsets.UTF_8);
        assertThat(json).contains("\"files\":[{\"path\":\"01 - Intro.flac\",\"size_bytes\":31457280},"
                + "{\"path\":\"rip.log\",\"size_bytes\":4096}]");
        assertThat(WireFormat.decode(WireFormat.encode(r))).isEqualTo(r);

        NeutralRecord odd = release(List.of(new FileEntry("CD1/01 - ünïcödé \"quoted\" 𝄞\n.flac", Long.MAX_VALUE),
                new FileEntry("", 0L)));
        assertThat(WireFormat.decode(WireFormat.encode(odd))).isEqualTo(odd);

        NeutralRecord empty = release(List.of());
        assertThat(new String(WireFormat.encode(empty), StandardCharsets.UTF_8)).contains("\"files\":[]");
        assertThat(WireFormat.decode(WireFormat.encode(empty))).isEqualTo(empty);
    }

    @Test
    void fileListJsonReadsBackAsPostgresqlReturnsIt() {
        List<FileEntry> files = List.of(new FileEntry("Scans/Back.jpg", 1_234_567L),
                new FileEntry("a \"b\" ÷ c", 9_223_372_036_854_775_807L));
        assertThat(WireFormat.encodeFileList(files)).isEqualTo("[{\"path\":\"Scans/Back.jpg\",\"size_bytes\":1234567},"
                + "{\"path\":\"a \\\"b\\\" ÷ c\",\"size_bytes\":9223372036854775807}]");
        assertThat(WireFormat.decodeFileList(WireFormat.encodeFileList(files))).isEqualTo(files);
        // jsonb's own text form: keys in its order, spaces after ':' and ','.
        assertThat(WireFormat.decodeFileList("[{\"path\": \"Scans/Back.jpg\", \"size_bytes\": 1234567}]"))
                .containsExactly(new FileEntry("Scans/Back.jpg", 1_234_567L));
        assertThat(WireFormat.decodeFileList("[{\"size_bytes\": 5, \"path\": \"x\"}]"))
                .containsExactly(new FileEntry("x", 5L));
        assertThat(WireFormat.decodeFileList("[]")).isEmpty();
    }

    @Test
    void rejectsFileListsThatAreNotListsOfFiles() {
        String good = new String(WireFormat.encode(release(List.of(new FileEntry("a", 1L)))), StandardCharsets.UTF_8);
        int at = good.indexOf("\"files\":");
        int end = good.indexOf(']', at) + 1;
        String before = good.substring(0, at);
        String after = good.substring(end);
        for (String bad : new String[] {
            "\"files\":\"01.flac\"",
            "\"files\":{\"path\":\"a\",\"size_bytes\":1}",
            "\"files\":[{\"path\":\"a\"}]",
            "\"files\":[{\"path\":\"a\",\"size_bytes\":-1}]",
            "\"files\":[{\"path\":\"a\",\"size_bytes\":1.5}]",
            "\"files\":[{\"path\":\"a\",\"size_bytes\":9223372036854775808}]",
            "\"files\":[{\"path\":1,\"size_bytes\":1}]",
            "\"files\":[{\"path\":\"a\",\"size_bytes\":1,\"owner\":\"x\"}]",
            "\"files\":[null]"}) {
            assertThatThrownBy(() -> decode(before + bad + after)).as(bad)
                    .isInstanceOf(WireFormatException.class).hasMessageContaining("release.payload.files");
        }
        assertThatThrownBy(() -> WireFormat.decodeFileList("{\"path\":\"a\"}"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("must be an array");
        assertThatThrownBy(() -> WireFormat.decodeFileList("[{")).isInstanceOf(WireFormatException.class);
    }

    /**
     * A plain key compared where it lies answers as the encoded key compared: for every kind of
     * integer, and for every Kafka key one byte away from the right one (changed, cut, lengthened).
     */
    @Test
    void isKeyOfAnswersAsTheEncodedKeyDoes() {
        Random random = new Random(20261208);
        SourcePosition at = new SourcePosition("mysql-bin.000001", 4, 1, 0, false, 0);
        FieldMap.Layout layout = FieldMap.Layout.keyOf(NeutralSchema.RELEASE_GROUP_TAG);
        long[] edges = {0, 1, -1, 9, 10, -10, 99, 100, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
            Long.MIN_VALUE, Long.MIN_VALUE + 1, 1_000_000_007L};
        int compared = 0;
        for (int round = 0; round < 400; round++) {
            long a = round < edges.length ? edges[round] : random.nextLong() >> random.nextInt(64);
            Object b = round % 3 == 0 ? (Object) (int) (a >> 3) : (Object) (a ^ random.nextInt(1000));
            NeutralRecord r = NeutralRecord.delete("release_group_tag", "ops",
                    layout.builder().set(0, a).set(1, b).build(), at);
            byte[] key = WireFormat.encodeKey(r);
            assertThat(WireFormat.isKeyOf(key, r)).as(new String(key, StandardCharsets.US_ASCII)).isTrue();
            for (byte[] other : oneByteAway(key, random)) {
                assertThat(WireFormat.isKeyOf(other, r)).as(new String(other, StandardCharsets.US_ASCII))
                        .isEqualTo(Arrays.equals(other, key));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10_000);

        NeutralRecord r = NeutralRecord.delete("release_group_tag", "ops",
                layout.builder().set(0, 5L).set(1, 6L).build(), at);
        assertThat(WireFormat.isKeyOf(null, r)).isFalse();
        assertThat(WireFormat.isKeyOf("{\"release_group_id\":5,\"tag_id\":6}".getBytes(StandardCharsets.US_ASCII), r))
                .isTrue();
        assertThat(WireFormat.isKeyOf("{\"release_group_id\":05,\"tag_id\":6}".getBytes(StandardCharsets.US_ASCII), r))
                .isFalse();
        assertThat(WireFormat.isKeyOf("{\"release_group_id\":5, \"tag_id\":6}".getBytes(StandardCharsets.US_ASCII), r))
                .isFalse();
        // Keys that are not plain, and maps of other kinds, are compared by their encoding.
        NeutralRecord text = NeutralRecord.delete("release_group_tag", "ops",
                layout.builder().set(0, 5L).set(1, "six").build(), at);
        assertThat(WireFormat.isKeyOf(WireFormat.encodeKey(text), text)).isTrue();
        assertThat(WireFormat.isKeyOf(key(5, 6), text)).isFalse();
        NeutralRecord linked = NeutralRecord.delete("release_group_tag", "ops",
                new LinkedHashMap<>(Map.of("release_group_id", 5L)), at);
        assertThat(WireFormat.isKeyOf("{\"release_group_id\":5}".getBytes(StandardCharsets.US_ASCII), linked)).isTrue();
    }

    private static byte[] key(long a, long b) {
        return ("{\"release_group_id\":" + a + ",\"tag_id\":" + b + "}").getBytes(StandardCharsets.US_ASCII);
    }

    /** Every change of one byte of {@code key} (a few values per place), every cut, and a byte added anywhere. */
    private static List<byte[]> oneByteAway(byte[] key, Random random) {
        List<byte[]> all = new java.util.ArrayList<>();
        byte[] candidates = {'0', '1', '9', '-', '"', ',', '}', '{', ':', 'a', ' '};
        for (int i = 0; i < key.length; i++) {
            for (int k = 0; k < 3; k++) {
                byte[] changed = key.clone();
                changed[i] = candidates[random.nextInt(candidates.length)];
                all.add(changed);
            }
            all.add(Arrays.copyOf(key, i));
            byte[] longer = new byte[key.length + 1];
            System.arraycopy(key, 0, longer, 0, i);
            longer[i] = candidates[random.nextInt(candidates.length)];
            System.arraycopy(key, i, longer, i + 1, key.length - i);
            all.add(longer);
        }
        all.add(Arrays.copyOf(key, key.length + 1));
        return all;
    }
}
