package org.herd.translator.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.herd.translator.FileEntry;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.Test;

/** The streaming reader reads exactly what the tree reader reads, and gives every doubtful value to it. */
class WireReaderTest {

    private static final JsonFactory JSON = new JsonFactory();

    private static NeutralRecord read(String json) {
        return WireReader.read(JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(NeutralRecord r) {
        return new String(WireFormat.encode(r), StandardCharsets.UTF_8);
    }

    private static List<String> samples() {
        List<String> samples = new ArrayList<>();
        for (EntityType entity : NeutralSchema.entities()) {
            NeutralRecord r = WireFormatTest.sample(entity);
            samples.add(json(r));
            samples.add(json(NeutralRecord.delete(entity.name(), "site-1", r.key(),
                    new SourcePosition(3, "mysql-bin.000117", 99, 4, 1, false, 1_700_000_000_000L))));
        }
        return samples;
    }

    @Test
    void readsEverythingTheSidecarWrites() {
        for (String s : samples()) {
            NeutralRecord streamed = read(s);
            assertThat(streamed).as(s).isNotNull().isEqualTo(WireFormat.decodeTree(s.getBytes(StandardCharsets.UTF_8)));
            // Equal maps in another order would give another Kafka key.
            assertThat(WireFormat.encodeKey(streamed)).isEqualTo(WireFormat.encodeKey(
                    WireFormat.decodeTree(s.getBytes(StandardCharsets.UTF_8))));
            assertThat(json(streamed)).isEqualTo(s);
        }
    }

    @Test
    void readsMembersInAnotherOrderAndSpacedOut() {
        String reordered = "{ \"origin\" : \"site-1\", \"format\":\"herd/1\", \"op\":\"upsert\", \"entity\":\"tag\","
                + " \"position\": {\"row\":2, \"file\":\"mysql-bin.000002\", \"event\":5, \"pos\":1234},"
                + " \"payload\": {\"uses\":12, \"name\":\"idm\", \"tag_type\":\"genre\"}, \"key\": {\"tag_id\":3} }";
        NeutralRecord r = read(reordered);
        assertThat(r).isEqualTo(WireFormat.decodeTree(reordered.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.payload()).containsExactly(Map.entry("name", "idm"), Map.entry("tag_type", "genre"),
                Map.entry("uses", 12L));
    }

    @Test
    void givesUpOnWhatOnlyTheTreeReaderMayJudge() {
        String good = json(NeutralRecord.upsert("tag", "site-1", Map.of("tag_id", 3L),
                new SourcePosition("mysql-bin.000002", 1234, 5, 2, true, 1L), Map.of("name", "idm", "tag_type", "genre",
                        "uses", 12L)));
        assertThat(read(good)).isNotNull();
        for (String bad : new String[] {
            // the tree keeps the last of a member named twice
            good.replace("\"uses\":12", "\"uses\":\"many\",\"uses\":12"),
            good.replace("\"origin\":\"site-1\"", "\"origin\":\"x\",\"origin\":\"site-1\""),
            // members the tree ignores or converts
            good.replace("\"op\":", "\"extra\":1,\"op\":"),
            good.replace("\"snapshot\":true", "\"snapshot\":\"true\""),
            good.replace("\"ts_ms\":1", "\"ts_ms\":1.0"),
            // a key before the entity that declares it
            "{\"key\":{\"tag_id\":3}," + good.substring(1).replace(",\"key\":{\"tag_id\":3}", ""),
            // content after the object
            good + " {}",
            good.replace("\"uses\":12", "\"uses\":12.0"),
            good.replace("\"uses\":12", "\"uses\":99999999999999999999"),
            good.replace("\"row\":2", "\"row\":4294967296"),
            good.replace("herd/1", "herd/2"),
            good.replace("\"file\":\"mysql-bin.000002\"", "\"file\":\"x\""),
        }) {
            assertThat(read(bad)).as(bad).isNull();
        }
    }

    /**
     * Random damage to every sample: whatever the streaming reader still reads, the tree reader
     * reads to the same record.
     */
    @Test
    void neverReadsWhatTheTreeReaderReadsOtherwiseOrRefuses() {
        Random random = new Random(20261206L);
        List<String> samples = samples();
        samples.add(json(NeutralRecord.upsert("release", "site-1", Map.of("release_id", 1L),
                new SourcePosition("mysql-bin.000002", 1, 0, 0, false, 0),
                filesPayload(List.of(new FileEntry("a/b.flac", 7L), new FileEntry("c \"d\"", 0L))))));
        String[] pieces = {"null", "1", "-1", "1.5", "\"x\"", "true", "{}", "[]", ",", ":", "\"path\"", "\"size_bytes\"",
            "\"uses\"", "\"epoch\"", "\"row\"", "\"file\"", "\"payload\"", "\"key\"", "\"2016-13-01T00:00:00\"", " "};
        int read = 0;
        for (int round = 0; round < 40_000; round++) {
            String s = samples.get(random.nextInt(samples.size()));
            StringBuilder b = new StringBuilder(s);
            for (int k = 1 + random.nextInt(2); k > 0; k--) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, pieces[random.nextInt(pieces.length)]);
                    default -> b.replace(at, Math.min(b.length(), at + 1 + random.nextInt(6)),
                            pieces[random.nextInt(pieces.length)]);
                }
            }
            String damaged = b.toString();
            NeutralRecord streamed = read(damaged);
            if (streamed != null) {
                read++;
                assertThat(streamed).as(damaged).isEqualTo(WireFormat.decodeTree(damaged.getBytes(StandardCharsets.UTF_8)));
            }
        }
        // Damage in a string or a number still leaves a record: the comparison above was made.
        assertThat(read).isGreaterThan(1_000);
    }

    /** Reads {@code json} with duplicate detection and to its end; false when that refuses it. */
    private static boolean strictlyOneObject(String json) {
        JsonFactory strict = JsonFactory.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        try (com.fasterxml.jackson.core.JsonParser p = strict.createParser(json.getBytes(StandardCharsets.UTF_8))) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aDeleteWithAPayloadIsLeftToTheTreeReaderWhichIgnoresIt() {
        NeutralRecord delete = NeutralRecord.delete("tag", "site-1", Map.of("tag_id", 3L),
                new SourcePosition(1, "mysql-bin.000002", 1234, 5, 2, false, 1L));
        String json = json(delete);
        assertThat(read(json)).isEqualTo(delete);
        for (String withPayload : new String[] {
            json.replace("}}", "},\"payload\":{}}"),
            json.replace("}}", "},\"payload\":{\"a\":1,\"a\":2}}"),
            json.replace("}}", "},\"payload\":null}")}) {
            assertThat(read(withPayload)).as(withPayload).isNull();
            assertThat(WireFormat.decode(withPayload.getBytes(StandardCharsets.UTF_8))).isEqualTo(delete);
            assertThat(WireFormat.decodeStrict(withPayload.getBytes(StandardCharsets.UTF_8))).isNull();
        }
        assertThat(WireFormat.decodeStrict(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(delete);
        assertThat(WireFormat.decodeStrict(null)).isNull();
    }

    /**
     * What {@link WireFormat#decodeStrict} promises readers that refuse ambiguous values: every
     * value it reads, damaged or not, is one JSON object with no member named twice at any depth
     * and nothing after it. The damage here copies members next to themselves, at every depth.
     */
    @Test
    void readsOnlyValuesWithNoMemberNamedTwiceAndNothingAfterThem() {
        Random random = new Random(20261207L);
        List<String> samples = samples();
        samples.add(json(NeutralRecord.upsert("release", "site-1", Map.of("release_id", 1L),
                new SourcePosition("mysql-bin.000002", 1, 0, 0, false, 0),
                filesPayload(List.of(new FileEntry("a/b.flac", 7L), new FileEntry("c", 0L))))));
        java.util.regex.Pattern member = java.util.regex.Pattern.compile("\"[a-z_]+\":(-?[0-9]+|true|false|null|\"[^\"]*\")");
        int read = 0;
        for (int round = 0; round < 20_000; round++) {
            String s = samples.get(random.nextInt(samples.size()));
            List<java.util.regex.MatchResult> members = member.matcher(s).results().toList();
            java.util.regex.MatchResult m = members.get(random.nextInt(members.size()));
            String damaged = switch (random.nextInt(4)) {
                case 0 -> s.substring(0, m.end()) + "," + m.group() + s.substring(m.end());
                case 1 -> s.substring(0, m.start()) + m.group() + "," + s.substring(m.start());
                case 2 -> s + (random.nextBoolean() ? " {}" : " 1");
                default -> s;
            };
            NeutralRecord strict = WireFormat.decodeStrict(damaged.getBytes(StandardCharsets.UTF_8));
            if (strict != null) {
                read++;
                assertThat(strictlyOneObject(damaged)).as(damaged).isTrue();
                assertThat(damaged).isEqualTo(s);
            }
        }
        assertThat(read).isGreaterThan(3_000);
    }

    private static Map<String, Object> filesPayload(List<FileEntry> files) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>(WireFormatTest.sample(NeutralSchema.RELEASE).payload());
        payload.put("files", files);
        return payload;
    }
}
