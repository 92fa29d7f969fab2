package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.herd.testkit.TestRecords;
import org.herd.translator.FileEntry;
import org.herd.translator.NeutralRecord;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.herd.trust.OriginVerifier;
import org.herd.trust.RecordEnvelope;
import org.herd.trust.RecordVerification;
import org.herd.trust.SignatureHeaders;
import org.junit.jupiter.api.Test;

/**
 * The triage reads a value once, with the wire format's strict reader, and gives the verifier the
 * members the signature names from that reading ({@link RecordTriage#envelope}) rather than having
 * them read again. This holds the rule that no two readers see different records in one value:
 * a value gets an envelope only when the signature's own reader ({@link RecordEnvelope#read})
 * reads the same one from it, and every value is verified, accepted or refused, with the same
 * reason, detail and statement as when the verifier reads it itself.
 */
class RecordEnvelopeParityTest {

    private static final String ORIGIN = "site";
    private static final String PREFIX = "herd.site";

    private final OriginVerifier verifier = MirrorTrust.start(ORIGIN, SignedTestRecords.rootV1(ORIGIN).toFileBytes(),
            "root.json", List.of(), Instant.parse("2030-01-01T00:00:00Z"), Duration.ofDays(30)).trust().verifier();
    private final List<SignedTestRecords.Signed> signed = signedRecords();

    private static List<SignedTestRecords.Signed> signedRecords() {
        List<NeutralRecord> records = new ArrayList<>();
        for (EntityType e : NeutralSchema.entities()) {
            records.add(TestRecords.upsert(ORIGIN, e, 3, 9, TestRecords.at(10)));
            records.add(TestRecords.delete(ORIGIN, e, 4, TestRecords.at(11)));
        }
        records.add(TestRecords.artist(ORIGIN, 5, "ünïcödé \"quoted\" \n 𝄞", TestRecords.at("mysql-bin.000123", 77, 9, 3)));
        return SignedTestRecords.sign(PREFIX, SignedTestRecords.signer(ORIGIN, 1), records);
    }

    /** The signed artist record of {@code op}, id 3 or 4, at position 10 or 11. */
    private SignedTestRecords.Signed artist(String op) {
        return signed.stream().filter(s -> s.topic().equals(PREFIX + ".artist")
                && s.valueText().contains("\"op\":\"" + op + "\"")).findFirst().orElseThrow();
    }

    /** What the signature's reader makes of a value: the envelope, or its refusal. */
    private static String byEnvelopeReader(byte[] value) {
        try {
            return RecordEnvelope.read(value).toString();
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The value's envelope from the strict reading, and the verdict with it equal to the verifier's own. */
    private boolean sameAsTheVerifiersOwnReading(SignedTestRecords.Signed s, byte[] value) {
        RecordEnvelope envelope = RecordTriage.envelope(WireFormat.decodeStrict(value));
        if (envelope != null) {
            assertThat(byEnvelopeReader(value)).as(new String(value, StandardCharsets.UTF_8))
                    .isEqualTo(envelope.toString());
        }
        SignatureHeaders headers = StoredSignature.collect(s.headers());
        RecordVerification own = verifier.verifyRecord(s.key(), value, headers);
        assertThat(verifier.verifyRecord(s.key(), value, headers, envelope))
                .as(new String(value, StandardCharsets.UTF_8)).isEqualTo(own);
        return envelope != null;
    }

    @Test
    void everySignedRecordGetsItsEnvelopeFromTheStrictReadingAndVerifies() {
        for (SignedTestRecords.Signed s : signed) {
            assertThat(sameAsTheVerifiersOwnReading(s, s.value())).as(s.topic()).isTrue();
            assertThat(verifier.verifyRecord(s.key(), s.value(), StoredSignature.collect(s.headers()),
                    RecordTriage.envelope(WireFormat.decodeStrict(s.value()))).verified()).isTrue();
        }
    }

    @Test
    void valuesTheEnvelopeReaderRefusesAreRefusedWithItsWords() {
        SignedTestRecords.Signed upsert = artist("upsert");
        SignedTestRecords.Signed delete = artist("delete");
        String u = upsert.valueText();
        String d = delete.valueText();
        String[][] cases = {
            // a member named twice: at the top, in the position, in the key, in the payload
            {u.replace("\"origin\":\"site\"", "\"origin\":\"site\",\"origin\":\"site\""), "Duplicate field 'origin'"},
            {u.replace("\"format\":\"herd/1\"", "\"format\":\"herd/1\",\"format\":\"herd/1\""), "Duplicate field 'format'"},
            {u.replace("\"pos\":10", "\"pos\":10,\"pos\":10"), "Duplicate field 'pos'"},
            {u.replace("\"artist_id\":3", "\"artist_id\":3,\"artist_id\":3"), "Duplicate field 'artist_id'"},
            {u.replace("\"vanity_house\":false", "\"vanity_house\":false,\"vanity_house\":false"),
                "Duplicate field 'vanity_house'"},
            // a delete's payload, which the wire format ignores, is read for duplicates all the same
            {d.substring(0, d.length() - 1) + ",\"payload\":{\"a\":1,\"a\":1}}", "Duplicate field 'a'"},
            // content after the object
            {u + " {}", "content after"},
            {u + "1", "content after"},
            // members in another form than the signature's reader reads
            {u.replace("\"pos\":10", "\"pos\":\"10\""), "position.pos must be an integer, found a string"},
            {u.replace("\"row\":0", "\"row\":0.0"), "position.row must be an integer, found a fraction"},
            {u.replace("\"row\":0", "\"row\":4294967296"), "position.row must be from 0 to 2147483647"},
            {u.replace("\"pos\":10", "\"pos\":99999999999999999999"), "position.pos is beyond 64 bits"},
            {u.replace("\"epoch\":1,", ""), "no member position.epoch"},
            {u.replace("\"epoch\":1", "\"epoch\":0"), "position.epoch must be from 1"},
            {u.replace("\"epoch\":1", "\"epoch\":\"1\""), "position.epoch must be an integer, found a string"},
            {u.replace("\"op\":\"upsert\"", "\"op\":\"merge\""), "unknown op 'merge'"},
            {u.replace("\"origin\":\"site\"", "\"origin\":[\"site\"]"), "origin must be a string, found an array"},
            {u.replace("\"origin\":\"site\",", ""), "no member origin"},
            {u.replace("\"file\":\"mysql-bin.000001\"", "\"file\":\"\\ud800.000001\""), "unpaired UTF-16 surrogate"},
            {"[" + u + "]", "not a JSON object"},
            {u.substring(0, u.length() - 1), "not valid JSON"},
        };
        for (String[] c : cases) {
            byte[] value = utf8(c[0]);
            assertThat(c[0]).as("the case changes the value").isNotEqualTo(u).isNotEqualTo(d);
            assertThat(byEnvelopeReader(value)).as(c[0]).startsWith("refused").contains(c[1]);
            assertThat(sameAsTheVerifiersOwnReading(upsert, value)).as(c[0]).isFalse();
            RecordVerification v = verifier.verifyRecord(upsert.key(), value, StoredSignature.collect(upsert.headers()),
                    RecordTriage.envelope(WireFormat.decodeStrict(value)));
            assertThat(v.reason()).as(c[0]).isEqualTo(org.herd.trust.RejectReason.MALFORMED);
            assertThat(v.detail()).contains(c[1]);
        }
    }

    /**
     * Values that both readers take but read differently than the sidecar wrote them (other
     * spacing, members in another order, an unsigned epoch) and random damage to every signed
     * value: wherever the strict reading yields an envelope it is the envelope reader's, and the
     * verdict is the verifier's own.
     */
    @Test
    void agreesWithTheVerifiersOwnReadingOnManyDamagedValues() {
        Random random = new Random(20261207L);
        String[] pieces = {"null", "0", "1", "-1", "1.5", "\"x\"", "true", "{}", "[]", ",", ":", " ", "\"pos\"",
            "\"epoch\"", "\"row\"", "\"file\"", "\"origin\"", "\"entity\"", "\"op\"", "\"delete\"", "\"upsert\"",
            "\"payload\"", "\"key\"", "\"position\"", "\"artist\"", "\"\\u0073ite\"", "99999999999999999999"};
        Pattern member = Pattern.compile("\"[a-z_]+\":(-?[0-9]+|true|false|null|\"[^\"]*\")");
        String[] inValues = {"0", "7", "-", "x", "\\u00e9", "\\\"", "𝄞", ".", "e", "\\ud800", " "};
        int withEnvelope = 0;
        for (int round = 0; round < 8_000; round++) {
            SignedTestRecords.Signed s = signed.get(random.nextInt(signed.size()));
            StringBuilder b = new StringBuilder(s.valueText());
            int kind = random.nextInt(4);
            if (kind < 2) {
                List<MatchResult> members = member.matcher(b).results().toList();
                MatchResult m = members.get(random.nextInt(members.size()));
                if (kind == 0) {
                    // A member copied next to itself: named twice at its depth.
                    b.insert(m.end(), "," + m.group());
                } else {
                    // A character changed or added in a member's value (a string, a number, a flag).
                    int valueAt = m.start(1) + random.nextInt(m.end(1) - m.start(1));
                    String piece = inValues[random.nextInt(inValues.length)];
                    if (random.nextBoolean()) {
                        b.insert(valueAt, piece);
                    } else {
                        b.replace(valueAt, valueAt + 1, piece);
                    }
                }
            } else {
                for (int k = 1 + random.nextInt(2); k > 0; k--) {
                    int at = random.nextInt(b.length());
                    String piece = pieces[random.nextInt(pieces.length)];
                    switch (random.nextInt(3)) {
                        case 0 -> b.deleteCharAt(at);
                        case 1 -> b.insert(at, piece);
                        default -> b.replace(at, Math.min(b.length(), at + 1 + random.nextInt(6)), piece);
                    }
                }
            }
            if (sameAsTheVerifiersOwnReading(s, utf8(b.toString()))) {
                withEnvelope++;
            }
        }
        // Damage inside a string or a number leaves a value both readers take: compared above.
        assertThat(withEnvelope).isGreaterThan(400);
    }

    @Test
    void readsTheSameFromValuesWrittenOtherwiseThanTheSidecarWrites() {
        NeutralRecord files = SignedTestRecords.atEpoch(NeutralRecord.upsert("release", ORIGIN,
                TestRecords.key(NeutralSchema.RELEASE, 1), TestRecords.at(4), withFiles(List.of(
                        new FileEntry("a/b.flac", 7L), new FileEntry("c", 0L)))), 1);
        SignedTestRecords.Signed s = artist("upsert");
        String u = s.valueText();
        for (String other : new String[] {
            u.replace(",", " ,\n ").replace(":", " : "),
            u.replace("\"origin\":\"site\",", "").replace("{\"format\"", "{\"origin\":\"site\",\"format\""),
            u.replace("\"epoch\":1,", "").replace("\"row\":0", "\"row\":0,\"epoch\":1"),
            u.replace("\"site\"", "\"\\u0073ite\""),
            u.replace("\"ts_ms\":0", "\"ts_ms\":-5"),
            new String(WireFormat.encode(files), StandardCharsets.UTF_8)}) {
            assertThat(other).isNotEqualTo(u);
            sameAsTheVerifiersOwnReading(s, utf8(other));
            assertThat(RecordTriage.envelope(WireFormat.decodeStrict(utf8(other)))).as(other).isNotNull();
        }
    }

    private static java.util.Map<String, Object> withFiles(List<FileEntry> files) {
        java.util.Map<String, Object> payload = TestRecords.payload(NeutralSchema.RELEASE, 2);
        payload.put("files", files);
        return payload;
    }
}
