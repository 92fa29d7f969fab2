package org.herd.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    private static final String DIGEST = "0f".repeat(32);
    private static final BinlogPosition POSITION = new BinlogPosition("mysql-bin.000002", 4, 0, 0);

    private final OriginSigner signer = new OriginSigner(new Signer(TestKeys.origin1()), "site-1", 1);
    private final OriginVerifier verifier = new OriginVerifier(TestKeys.rootV1());

    private static Checkpoint sample() {
        return new Checkpoint("site-1", 1, POSITION, true, 1_700_000_000_000L,
                new TreeMap<>(Map.of("tag", new RowsDigest(2, DIGEST), "artist", new RowsDigest(0, RowsDigest.EMPTY))));
    }

    @Test
    void encodesAsCanonicalJsonAndReadsBack() {
        String json = new String(sample().encode(), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"entities\":{\"artist\":{\"digest\":\"" + RowsDigest.EMPTY + "\",\"rows\":0},"
                + "\"tag\":{\"digest\":\"" + DIGEST + "\",\"rows\":2}},\"epoch\":1,\"issued_at_ms\":1700000000000,"
                + "\"origin\":\"site-1\",\"position\":{\"event\":0,\"file\":\"mysql-bin.000002\",\"pos\":4,\"row\":0},"
                + "\"snapshot_complete\":true,\"spec\":1,\"type\":\"herd-checkpoint\"}");
        assertThat(Checkpoint.decode(sample().encode())).isEqualTo(sample());
    }

    @Test
    void supersedingEarlierEpochsIsWrittenOnlyWhenTrueAndSigned() {
        Checkpoint c = sample();
        Checkpoint superseding = new Checkpoint(c.origin(), 2, c.position(), true, c.issuedAtMs(), c.entities(), true);
        String json = new String(superseding.encode(), StandardCharsets.UTF_8);

        assertThat(json).contains(",\"spec\":1,\"supersedes_earlier_epochs\":true,\"type\":");
        assertThat(new String(c.encode(), StandardCharsets.UTF_8)).doesNotContain("supersedes");
        assertThat(Checkpoint.decode(superseding.encode())).isEqualTo(superseding);
        assertThat(Checkpoint.decode(superseding.encode()).supersedesEarlierEpochs()).isTrue();
        // false is spelled by leaving the member out: written out, it is not the canonical form.
        assertDecodeError(json.replace("\"supersedes_earlier_epochs\":true", "\"supersedes_earlier_epochs\":false"),
                "not in canonical form");
        assertDecodeError(json.replace("\"supersedes_earlier_epochs\":true", "\"supersedes_earlier_epochs\":\"yes\""),
                "supersedes_earlier_epochs must be true or false, found string");
        assertThat(superseding.toString()).contains("supersedes earlier epochs");
    }

    @Test
    void takesTheDigestsOfIndexes() {
        DigestIndex tags = new DigestIndex("tag");
        tags.apply(1, 10);
        tags.apply(2, 20);

        Checkpoint c = Checkpoint.of("site-1", 1, POSITION, false, 5, List.of(tags, new DigestIndex("artist")));

        assertThat(c.entities()).containsOnlyKeys("artist", "tag");
        assertThat(c.entities().get("tag")).isEqualTo(tags.value());
        assertThat(c.entities().get("artist")).isEqualTo(new RowsDigest(0, RowsDigest.EMPTY));
        assertThatThrownBy(() -> Checkpoint.of("site-1", 1, POSITION, false, 5, List.of(tags, new DigestIndex("tag"))))
                .hasMessageContaining("two digest indexes for entity tag");
    }

    @Test
    void decodingErrorsNameTheMemberAndWhatIsWrong() {
        String json = new String(sample().encode(), StandardCharsets.UTF_8);

        assertDecodeError(json.replace("\"issued_at_ms\":1700000000000,", ""), "checkpoint: missing member issued_at_ms");
        assertDecodeError(json.replace("\"pos\":4", "\"pos\":\"4\""), "position.pos must be an integer, found string");
        assertDecodeError(json.replace("\"rows\":2", "\"rows\":-2"), "entities.tag.rows must be from 0");
        assertThatThrownBy(() -> Checkpoint.decode(json.replace("\"snapshot_complete\":true", "\"snapshot_complete\":1")
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageEndingWith("snapshot_complete must be true or false, found an integer");
        assertDecodeError(json.replace("\"pos\":4", "\"pos\":18446744073709551616"),
                "position.pos must be an integer, found an integer beyond 64 bits");
        assertDecodeError(json.replace(DIGEST, DIGEST.toUpperCase()), "entities.tag.digest must be 64 lower-case hex");
        assertDecodeError(json.replace(DIGEST, DIGEST.substring(1)), "entities.tag.digest must be 64 lower-case hex digits, "
                + "found 63");
        assertDecodeError(json.replace("\"spec\":1", "\"spec\":2"), "spec 2 is not understood");
        assertDecodeError(json.replace("herd-checkpoint", "herd-root"), "type is 'herd-root'");
        assertDecodeError(json.replace("\"epoch\":1", "\"epoch\":0"), "epoch must be from 1");
        assertDecodeError(json.replace(",", ", "), "not in canonical form");
        assertDecodeError("{\"b\":1,\"a\":2}".replace("{", "{\"type\":\"herd-checkpoint\","), "missing member");
        assertDecodeError(json + "\n", "not in canonical form");
    }

    @Test
    void membersItDoesNotKnowAreIgnoredInCanonicalPlace() {
        String json = new String(sample().encode(), StandardCharsets.UTF_8)
                .replace("\"spec\":1,", "\"spec\":1,\"successor\":null,");

        assertThat(Checkpoint.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(sample());
    }

    @Test
    void aSignedCheckpointVerifies() {
        SignedCheckpoint signed = signer.signCheckpoint(sample());

        CheckpointVerification v = verifier.verifyCheckpoint(signed.value(), signed.headers());

        assertThat(v.verified()).as(v.toString()).isTrue();
        assertThat(v.checkpoint()).isEqualTo(sample());
        assertThat(v.keyId()).isEqualTo(TestKeys.origin1().keyId());
    }

    @Test
    void aForgedCheckpointSignatureIsRefused() {
        SignedCheckpoint signed = signer.signCheckpoint(sample());
        Checkpoint claim = new Checkpoint("site-1", 1, POSITION, true, 1_700_000_000_000L,
                new TreeMap<>(Map.of("tag", new RowsDigest(3, DIGEST))));
        // A relay's own key, under the origin key's id.
        Signer forger = new Signer(TestKeys.key("relay"));
        SignatureHeaders forged = SignatureHeaders.of(TestKeys.origin1().keyId(),
                forger.sign(Checkpoint.signingMessage(claim.encode())));

        assertRejected(verifier.verifyCheckpoint(claim.encode(), forged), RejectReason.BAD_SIGNATURE);
        assertRejected(verifier.verifyCheckpoint(claim.encode(), signed.headers()), RejectReason.BAD_SIGNATURE);
        byte[] flipped = signed.headers().signatureValue();
        flipped[10] ^= 0x40;
        assertRejected(verifier.verifyCheckpoint(signed.value(),
                SignatureHeaders.of(TestKeys.origin1().keyId(), flipped)), RejectReason.BAD_SIGNATURE);
    }

    @Test
    void aRecordSignatureDoesNotPassForACheckpoint() {
        byte[] value = sample().encode();
        // Sign the checkpoint bytes as if they were a record, then present them as a checkpoint.
        RecordStatement statement = RecordStatement.of("site-1", 1, "tag", new byte[0], RecordOp.UPSERT, POSITION, value);
        Signer key = new Signer(TestKeys.origin1());
        SignedRecord asRecord = new OriginSigner(key, "site-1", 1).signBatch(List.of(statement)).get(0);
        SignatureHeaders rootSignature = SignatureHeaders.of(key.keyId(), asRecord.headers().signatureValue());
        SignatureHeaders raw = SignatureHeaders.of(key.keyId(), key.sign(value));

        // A record's headers, proof included, are no checkpoint's.
        CheckpointVerification withProof = verifier.verifyCheckpoint(value, asRecord.headers());
        assertRejected(withProof, RejectReason.MALFORMED_HEADERS);
        assertThat(withProof.detail()).contains("without herd-proof");
        assertRejected(verifier.verifyCheckpoint(value, rootSignature), RejectReason.BAD_SIGNATURE);
        assertRejected(verifier.verifyCheckpoint(value, raw), RejectReason.BAD_SIGNATURE);
    }

    @Test
    void originEpochKeyAndFormatAreChecked() {
        Signer key = new Signer(TestKeys.origin1());
        Checkpoint otherOrigin = new Checkpoint("site-2", 1, POSITION, false, 1, new TreeMap<>());
        Checkpoint otherEpoch = new Checkpoint("site-1", 2, POSITION, false, 1, new TreeMap<>());
        byte[] garbage = "{\"type\":\"herd-checkpoint\"}".getBytes(StandardCharsets.UTF_8);

        assertRejected(verifier.verifyCheckpoint(otherOrigin.encode(), signedBy(key, otherOrigin.encode())),
                RejectReason.WRONG_ORIGIN);
        CheckpointVerification epoch = verifier.verifyCheckpoint(otherEpoch.encode(), signedBy(key, otherEpoch.encode()));
        assertRejected(epoch, RejectReason.WRONG_EPOCH);
        assertThat(epoch.detail()).contains("names epoch 2").contains("has epoch 1");
        CheckpointVerification malformed = verifier.verifyCheckpoint(garbage, signedBy(key, garbage));
        assertRejected(malformed, RejectReason.MALFORMED);
        assertThat(malformed.detail()).contains("missing member spec");
        assertRejected(verifier.verifyCheckpoint(sample().encode(), SignatureHeaders.collect(List.<String>of(),
                n -> n, n -> null)), RejectReason.UNSIGNED);
        Signer stranger = new Signer(TestKeys.key("stranger"));
        assertRejected(verifier.verifyCheckpoint(sample().encode(), signedBy(stranger, sample().encode())),
                RejectReason.UNKNOWN_KEY);
        TrustRoot revoked = RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES,
                List.of(new RootChange.RotateOriginKey(TestKeys.origin2().publicKey(), true)));
        assertRejected(new OriginVerifier(revoked).verifyCheckpoint(sample().encode(), signedBy(key, sample().encode())),
                RejectReason.REVOKED_KEY);
        assertThatThrownBy(() -> signer.signCheckpoint(otherEpoch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be signed by the key of site-1 epoch 1");
    }

    private static SignatureHeaders signedBy(Signer key, byte[] value) {
        return SignatureHeaders.of(key.keyId(), key.sign(Checkpoint.signingMessage(value)));
    }

    private static void assertDecodeError(String json, String message) {
        assertThatThrownBy(() -> Checkpoint.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TrustFormatException.class)
                .hasMessageContaining(message);
    }

    private static void assertRejected(CheckpointVerification v, RejectReason reason) {
        assertThat(v.verified()).as(v.toString()).isFalse();
        assertThat(v.reason()).as(v.toString()).isEqualTo(reason);
    }
}
