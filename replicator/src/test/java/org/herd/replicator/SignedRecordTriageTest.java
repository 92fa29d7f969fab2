package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.herd.testkit.TestRecords;
import org.herd.translator.NeutralRecord;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.herd.trust.BinlogPosition;
import org.herd.trust.OriginSigner;
import org.herd.trust.RecordOp;
import org.herd.trust.RecordStatement;
import org.herd.trust.SignedRecord;
import org.herd.trust.SignedRoot;
import org.herd.trust.Signer;
import org.junit.jupiter.api.Test;

/**
 * The triage of a mirror that verifies: what passes, and every reason a record is refused for,
 * with the detail naming what was found and never the payload.
 */
class SignedRecordTriageTest {

    private static final String ORIGIN = "site";
    private static final String PREFIX = "herd.site";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final OriginSigner signer = SignedTestRecords.signer(ORIGIN, 1);

    private static MirrorTrust trust(SignedRoot root) {
        return MirrorTrust.start(ORIGIN, root.toFileBytes(), "root.json", List.of(), NOW, Duration.ofDays(30)).trust();
    }

    private final RecordTriage triage = new RecordTriage(ORIGIN, new MirrorTopics(PREFIX),
            trust(SignedTestRecords.rootV1(ORIGIN)));

    private static NeutralRecord artist(long id, String name, long pos) {
        return TestRecords.artist(ORIGIN, id, name, TestRecords.at(pos));
    }

    private SignedTestRecords.Signed signed(NeutralRecord r) {
        return SignedTestRecords.sign(PREFIX, signer, r).get(0);
    }

    private RecordTriage.Outcome check(SignedTestRecords.Signed s) {
        return triage.check(s.consumerRecord(0, 7));
    }

    private RejectedRecord rejected(SignedTestRecords.Signed s, String reason) {
        RecordTriage.Outcome o = check(s);
        assertThat(o.record()).as("applied instead of refused").isNull();
        assertThat(o.rejected()).as("refused").isNotNull();
        assertThat(o.rejected().reason()).as(o.rejected().detail()).isEqualTo(reason);
        assertThat(o.rejected().subject()).isEqualTo(RejectedRecord.RECORD);
        assertThat(o.rejected().describe()).contains("topic " + s.topic() + " partition 0 offset 7");
        assertThat(o.rejected().detail()).doesNotContain("Secret payload");
        return o.rejected();
    }

    @Test
    void aPollCarriesTheCpuTimeItsVerificationTookAndAMirrorThatDoesNotVerifyNone() {
        List<NeutralRecord> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(artist(i + 1, "Artist " + i, 10 + i));
        }
        List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> polled = new ArrayList<>();
        List<SignedTestRecords.Signed> batch = SignedTestRecords.sign(PREFIX, signer, records);
        for (int i = 0; i < batch.size(); i++) {
            polled.add(batch.get(i).consumerRecord(0, i));
        }
        MirrorBatch verified = triage.triage(polled);
        assertThat(verified.records()).hasSize(200);
        // At least one Ed25519 check and 200 Merkle proofs: never 0 ns of CPU where threads are timed.
        if (java.lang.management.ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported()) {
            assertThat(verified.verifyCpuNanos()).isPositive();
        }
        MirrorBatch unverified = new RecordTriage(ORIGIN, new MirrorTopics(PREFIX)).triage(polled);
        assertThat(unverified.records()).hasSize(200);
        assertThat(unverified.verifyCpuNanos()).isZero();

        MirrorProgress progress = new MirrorProgress();
        progress.recordVerification(verified.verifyCpuNanos());
        progress.recordVerification(unverified.verifyCpuNanos());
        assertThat(progress.verifyCpuNanos()).isEqualTo(verified.verifyCpuNanos());
    }

    @Test
    void aSignedRecordOfEveryEntityPassesWithItsFingerprintAndSignature() {
        List<NeutralRecord> records = new ArrayList<>();
        for (EntityType e : NeutralSchema.entities()) {
            records.add(TestRecords.upsert(ORIGIN, e, 3, 9, TestRecords.at(10)));
            records.add(TestRecords.delete(ORIGIN, e, 4, TestRecords.at(11)));
        }
        List<SignedTestRecords.Signed> batch = SignedTestRecords.sign(PREFIX, signer, records);
        for (SignedTestRecords.Signed s : batch) {
            RecordTriage.Outcome o = check(s);
            assertThat(o.rejected()).as(s.topic() + ": " + o.rejected()).isNull();
            IncomingRecord in = o.record();
            assertThat(in.record().position().epoch()).isEqualTo(1);
            assertThat(in.value()).isEqualTo(s.value());
            assertThat(StoredSignature.headers(in.signature())).extracting(Header::key, h -> Arrays.toString(h.value()))
                    .containsExactlyElementsOf(s.headers().stream().map(h -> org.assertj.core.groups.Tuple.tuple(
                            h.key(), Arrays.toString(h.value()))).toList());
            // The row can be turned back into the signed record: its Kafka key is encodeKey of the key fields.
            assertThat(WireFormat.encodeKey(in.record())).isEqualTo(s.key());
            RecordStatement statement = RecordStatement.of(ORIGIN, 1, in.record().entity(), s.key(),
                    in.record().op() == org.herd.translator.Operation.DELETE ? RecordOp.DELETE : RecordOp.UPSERT,
                    new BinlogPosition(in.record().position().file(), in.record().position().pos(),
                            in.record().position().event(), in.record().position().row()), s.value());
            assertThat(in.fingerprint()).isEqualTo(statement.rowFingerprint());
        }
    }

    @Test
    void unsigned() {
        RejectedRecord r = rejected(signed(artist(1, "Secret payload", 4)).withHeaders(List.of()), "unsigned");
        // Described from the value, though nothing of it is believed.
        assertThat(r.entity()).isEqualTo("artist");
        assertThat(r.entityKey()).isEqualTo("{\"artist_id\":1}");
        assertThat(r.position()).isEqualTo("e1:mysql-bin.000001:4/0#0");
        assertThat(r.signature()).isNull();
    }

    @Test
    void duplicatedAndTruncatedHeadersAreMalformed() {
        SignedTestRecords.Signed s = signed(artist(1, "Secret payload", 4));
        List<Header> twice = new ArrayList<>(s.headers());
        twice.add(s.headers().get(1));
        rejected(s.withHeaders(twice), "malformed_headers");

        List<Header> truncated = new ArrayList<>(s.headers());
        truncated.set(2, new RecordHeader(truncated.get(2).key(), Arrays.copyOf(truncated.get(2).value(), 5)));
        rejected(s.withHeaders(truncated), "malformed_headers");

        rejected(s.withHeaders(s.headers().subList(0, 2)), "malformed_headers");
    }

    @Test
    void aKeyTheRootDoesNotNameIsUnknownAndTheRecordIsKeptWhole() {
        SignedTestRecords.Signed s = SignedTestRecords.sign(PREFIX, SignedTestRecords.signer(ORIGIN, 2),
                artist(1, "Secret payload", 4)).get(0);

        RejectedRecord r = rejected(s, "unknown_key");

        assertThat(r.keyId()).isEqualTo(SignedTestRecords.originKey(2).keyId().hex());
        assertThat(r.keptWhole()).isTrue();
        assertThat(r.value()).isEqualTo(s.value());
        assertThat(r.signature()).isNotNull();
        assertThat(RejectedRecord.MAY_PASS_LATER).contains(r.reason());
    }

    @Test
    void aRevokedKey() {
        SignedRoot v2 = SignedTestRecords.signedByTwo(SignedTestRecords.rotated(SignedTestRecords.rootV1(ORIGIN), 2,
                true));
        RecordTriage pinnedAtV2 = new RecordTriage(ORIGIN, new MirrorTopics(PREFIX), trust(v2));

        RecordTriage.Outcome o = pinnedAtV2.check(signed(artist(1, "Secret payload", 4)).consumerRecord(0, 7));

        assertThat(o.rejected().reason()).isEqualTo("revoked_key");
        assertThat(o.rejected().detail()).contains("revoked in trust root v2");
        assertThat(pinnedAtV2.check(SignedTestRecords.sign(PREFIX, SignedTestRecords.signer(ORIGIN, 2),
                artist(1, "B", 5)).get(0).consumerRecord(0, 8)).record()).isNotNull();
    }

    @Test
    void aValueThatIsNotARecordIsMalformedWithoutQuotingIt() {
        SignedTestRecords.Signed s = signed(artist(1, "A", 4));
        RejectedRecord r = rejected(s.withValue("{Secret payload".getBytes(StandardCharsets.UTF_8)), "malformed");
        assertThat(r.detail()).doesNotContain("Secret");
        rejected(s.withValue(null), "malformed");
    }

    @Test
    void alteredPayloadKeyOrPositionHaveABadSignature() {
        SignedTestRecords.Signed s = signed(artist(1, "Original", 4));
        rejected(s.withValue(s.valueText().replace("Original", "Secret payload").getBytes(StandardCharsets.UTF_8)),
                "bad_signature");
        rejected(s.withKey("{\"artist_id\":2}".getBytes(StandardCharsets.UTF_8)), "bad_signature");
        rejected(s.withValue(s.valueText().replace("\"pos\":4", "\"pos\":5").getBytes(StandardCharsets.UTF_8)),
                "bad_signature");
    }

    @Test
    void anotherOriginsRecordSignedWithThisOriginsKeyIsWrongOrigin() {
        OriginSigner other = new OriginSigner(new Signer(SignedTestRecords.originKey(1)), "other", 1);
        SignedTestRecords.Signed s = SignedTestRecords.sign(PREFIX, other,
                TestRecords.artist("other", 1, "Secret payload", TestRecords.at(4))).get(0);

        RejectedRecord r = rejected(s, "wrong_origin");

        assertThat(r.detail()).contains("other epoch 1 artist upsert at mysql-bin.000001:4/0#0");
    }

    @Test
    void anEpochTheRootDoesNotGiveTheKeyIsWrongEpoch() {
        OriginSigner claimsTwo = new OriginSigner(new Signer(SignedTestRecords.originKey(1)), ORIGIN, 2);

        rejected(SignedTestRecords.sign(PREFIX, claimsTwo, artist(1, "Secret payload", 4)).get(0), "wrong_epoch");
    }

    @Test
    void aSignedRecordMovedToAnotherEntitysTopicIsWrongTopic() {
        SignedTestRecords.Signed s = signed(artist(1, "Secret payload", 4));

        RejectedRecord r = rejected(s.withTopic(PREFIX + ".tag"), RejectedRecord.WRONG_TOPIC);

        assertThat(r.keyId()).isEqualTo(SignedTestRecords.originKey(1).keyId().hex());
    }

    @Test
    void aKafkaKeyThatIsNotTheValuesKeyIsMalformedEvenWhenSigned() {
        NeutralRecord r = SignedTestRecords.atEpoch(artist(1, "Secret payload", 4), 1);
        byte[] value = WireFormat.encode(r);
        byte[] otherKey = "{\"artist_id\":2}".getBytes(StandardCharsets.UTF_8);
        SignedRecord signedWithOtherKey = signer.signRecord("artist", otherKey, RecordOp.UPSERT,
                new BinlogPosition(TestRecords.BINLOG, 4, 0, 0), value);
        List<Header> headers = new ArrayList<>();
        signedWithOtherKey.headers().forEach((n, v) -> headers.add(new RecordHeader(n, v)));

        RejectedRecord rejected = rejected(new SignedTestRecords.Signed(PREFIX + ".artist", otherKey, value, headers),
                "malformed");

        assertThat(rejected.detail()).contains("the Kafka key is not the key its value names");
    }
}
