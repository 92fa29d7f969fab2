package org.herd.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordSignaturesTest {

    private static final byte[] KEY = utf8("{\"tag_id\":3}");
    private static final BinlogPosition POSITION = new BinlogPosition("mysql-bin.000002", 1234, 5, 2);
    private static final String VALUE = "{\"format\":\"herd/1\",\"entity\":\"tag\",\"origin\":\"site-1\",\"op\":\"upsert\","
            + "\"key\":{\"tag_id\":3},\"position\":{\"epoch\":1,\"file\":\"mysql-bin.000002\",\"pos\":1234,\"event\":5,"
            + "\"row\":2,\"snapshot\":false,\"ts_ms\":1600000000000},\"payload\":{\"name\":\"idm\",\"tag_type\":\"genre\","
            + "\"uses\":12}}";

    private final OriginSigner signer = new OriginSigner(new Signer(TestKeys.origin1()), "site-1", 1);
    private final OriginVerifier verifier = new OriginVerifier(TestKeys.rootV1());

    @Test
    void aSignedRecordVerifies() {
        SignedRecord signed = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));

        RecordVerification v = verifier.verifyRecord(KEY, utf8(VALUE), signed.headers());

        assertThat(v.verified()).as(v.toString()).isTrue();
        assertThat(v.reason()).isNull();
        assertThat(v.keyId()).isEqualTo(TestKeys.origin1().keyId());
        assertThat(v.statement()).isEqualTo(signed.statement());
        assertThat(v.statement().rowFingerprint()).isEqualTo(signed.statement().rowFingerprint());
    }

    @Test
    void aSingleRecordIsABatchOfOneWithAnEmptyPath() {
        SignedRecord signed = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));

        assertThat(signed.headers().proofValue()).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
        byte[] leaf = MerkleTree.leafHash(signed.statement().encode());
        assertThat(Verifier.verify(MerkleTree.signingMessage(1, leaf), signed.headers().signatureValue(),
                TestKeys.origin1().publicKey())).isTrue();
    }

    /**
     * Statements and row fingerprints are hashed from one writer per thread, reused: each hash is of
     * its own bytes alone, whatever was written before it, longer or shorter.
     */
    @Test
    void hashesFromTheReusedWriterAreOfTheirOwnBytesAlone() {
        for (String entity : new String[] {"release_group_artist", "tag", "e".repeat(400), "tag", "t"}) {
            RecordStatement s = RecordStatement.of("site-1", 1, entity, KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));
            assertThat(s.leafHash()).as(entity).isEqualTo(MerkleTree.leafHash(s.encode()));
        }
        byte[] valueHash = Bytes.sha256(utf8(VALUE));
        long shortKey = Fingerprints.row(new byte[] {1}, 1, POSITION, valueHash);
        Fingerprints.row(new byte[600], 1, POSITION, valueHash);
        assertThat(Fingerprints.row(new byte[] {1}, 1, POSITION, valueHash)).isEqualTo(shortKey);
        assertThat(Fingerprints.row(new byte[] {2}, 1, POSITION, valueHash)).isNotEqualTo(shortKey);
    }

    @Test
    void theStatementIsTheDocumentedByteLayout() throws Exception {
        byte[] value = utf8(VALUE);
        byte[] encoded = RecordStatement.of("site-1", 1, "tag", KEY, RecordOp.DELETE, POSITION, value).encode();

        ByteBuffer b = ByteBuffer.wrap(encoded);
        assertThat(new String(take(b, 14), StandardCharsets.US_ASCII)).isEqualTo("herd-record/1\0");
        assertThat(new String(take(b, b.getShort() & 0xffff), StandardCharsets.UTF_8)).isEqualTo("site-1");
        assertThat(b.getLong()).isEqualTo(1);
        assertThat(new String(take(b, b.getShort() & 0xffff), StandardCharsets.UTF_8)).isEqualTo("tag");
        assertThat(take(b, b.getInt())).isEqualTo(KEY);
        assertThat(b.get()).isEqualTo((byte) 0x02);
        assertThat(new String(take(b, b.getShort() & 0xffff), StandardCharsets.UTF_8)).isEqualTo("mysql-bin.000002");
        assertThat(b.getLong()).isEqualTo(1234);
        assertThat(b.getLong()).isEqualTo(5);
        assertThat(b.getInt()).isEqualTo(2);
        assertThat(take(b, 32)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(value));
        assertThat(b.hasRemaining()).isFalse();
    }

    @Test
    void oneAlteredByteOfTheValueIsABadSignature() {
        SignedRecord signed = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));
        byte[] altered = utf8(VALUE.replace("\"uses\":12", "\"uses\":13"));

        assertRejected(verifier.verifyRecord(KEY, altered, signed.headers()), RejectReason.BAD_SIGNATURE);
    }

    @Test
    void anAlteredKeyIsABadSignature() {
        SignedRecord signed = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));

        RecordVerification v = verifier.verifyRecord(utf8("{\"tag_id\":4}"), utf8(VALUE), signed.headers());

        assertRejected(v, RejectReason.BAD_SIGNATURE);
        assertThat(v.detail()).contains("tag upsert at mysql-bin.000002:1234/5#2").doesNotContain("idm");
    }

    @Test
    void anAlteredPositionIsABadSignature() {
        SignedRecord signed = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));
        String later = VALUE.replace("\"pos\":1234", "\"pos\":9999");

        assertRejected(verifier.verifyRecord(KEY, utf8(later), signed.headers()), RejectReason.BAD_SIGNATURE);
        // A value whose position differs from the one the signer was told is also caught.
        SignedRecord mismatched = signer.signRecord("tag", KEY, RecordOp.UPSERT,
                new BinlogPosition("mysql-bin.000002", 1234, 5, 3), utf8(VALUE));
        assertRejected(verifier.verifyRecord(KEY, utf8(VALUE), mismatched.headers()), RejectReason.BAD_SIGNATURE);
    }

    @Test
    void aRecordSignedForAnotherOriginIsTheWrongOrigin() {
        // The right key, but the sidecar published under another origin id.
        OriginSigner misconfigured = new OriginSigner(new Signer(TestKeys.origin1()), "site-2", 1);
        String value = VALUE.replace("\"origin\":\"site-1\"", "\"origin\":\"site-2\"");
        SignedRecord signed = misconfigured.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(value));

        RecordVerification v = verifier.verifyRecord(KEY, utf8(value), signed.headers());

        assertRejected(v, RejectReason.WRONG_ORIGIN);
        assertThat(v.detail()).contains("site-2").contains("site-1");
        assertThat(v.statement().origin()).isEqualTo("site-2");
    }

    @Test
    void aRecordOfAnotherOriginsKeyIsAnUnknownKey() {
        OriginSigner other = new OriginSigner(new Signer(TestKeys.key("another site's key")), "site-1", 1);
        SignedRecord signed = other.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));

        RecordVerification v = verifier.verifyRecord(KEY, utf8(VALUE), signed.headers());

        assertRejected(v, RejectReason.UNKNOWN_KEY);
        assertThat(v.keyId()).isEqualTo(TestKeys.key("another site's key").keyId());
        assertThat(v.detail()).contains("is not an origin key of trust root v1 of site-1");
    }

    @Test
    void aRevokedKeysRecordsAreRefused() {
        TrustRoot v2 = RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES,
                List.of(new RootChange.RotateOriginKey(TestKeys.origin2().publicKey(), true)));
        SignedRecord signed = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));

        RecordVerification v = new OriginVerifier(v2).verifyRecord(KEY, utf8(VALUE), signed.headers());

        assertRejected(v, RejectReason.REVOKED_KEY);
        assertThat(v.detail()).contains("epoch 1").contains("revoked in trust root v2");
    }

    @Test
    void anEpochOtherThanTheKeysIsTheWrongEpoch() {
        OriginSigner wrongEpoch = new OriginSigner(new Signer(TestKeys.origin1()), "site-1", 2);
        String value = VALUE.replace("\"epoch\":1", "\"epoch\":2");
        SignedRecord signed = wrongEpoch.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(value));

        RecordVerification v = verifier.verifyRecord(KEY, utf8(value), signed.headers());

        assertRejected(v, RejectReason.WRONG_EPOCH);
        assertThat(v.detail()).contains("names epoch 2").contains("has epoch 1");
    }

    @Test
    void aValueThatNamesAnotherEpochThanWasSignedIsABadSignature() {
        SignedRecord signed = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));
        String value = VALUE.replace("\"epoch\":1", "\"epoch\":2");

        assertRejected(verifier.verifyRecord(KEY, utf8(value), signed.headers()), RejectReason.BAD_SIGNATURE);
    }

    @Test
    void aRecordWithoutHeadersIsUnsigned() {
        RecordVerification v = verifier.verifyRecord(KEY, utf8(VALUE), headers(List.of()));

        assertRejected(v, RejectReason.UNSIGNED);
        assertThat(v.keyId()).isNull();
    }

    @Test
    void missingRepeatedOrMalformedHeadersAreRefused() {
        SignedRecord signed = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));
        byte[] id = signed.headers().keyIdValue();
        byte[] sig = signed.headers().signatureValue();
        byte[] proof = signed.headers().proofValue();

        RecordVerification truncated = verify(List.of(h("herd-key-id", id), h("herd-sig", Arrays.copyOf(sig, 63)),
                h("herd-proof", proof)));
        assertRejected(truncated, RejectReason.MALFORMED_HEADERS);
        assertThat(truncated.detail()).contains("herd-sig is 63 bytes");

        RecordVerification duplicated = verify(List.of(h("herd-key-id", id), h("herd-sig", sig), h("herd-sig", sig),
                h("herd-proof", proof)));
        assertRejected(duplicated, RejectReason.MALFORMED_HEADERS);
        assertThat(duplicated.detail()).contains("2 herd-sig");

        assertRejected(verify(List.of(h("herd-key-id", id), h("herd-key-id", id), h("herd-sig", sig),
                h("herd-proof", proof))), RejectReason.MALFORMED_HEADERS);
        assertRejected(verify(List.of(h("herd-key-id", id), h("herd-sig", sig), h("herd-proof", proof),
                h("herd-proof", proof))), RejectReason.MALFORMED_HEADERS);
        assertRejected(verify(List.of(h("herd-sig", sig), h("herd-proof", proof))), RejectReason.MALFORMED_HEADERS);
        assertRejected(verify(List.of(h("herd-key-id", id), h("herd-proof", proof))), RejectReason.MALFORMED_HEADERS);
        // The signature of a batch means nothing without the record's place in it.
        RecordVerification noProof = verify(List.of(h("herd-key-id", id), h("herd-sig", sig)));
        assertRejected(noProof, RejectReason.MALFORMED_HEADERS);
        assertThat(noProof.detail()).contains("0 herd-proof");
        assertRejected(verify(List.of(h("herd-proof", proof))), RejectReason.MALFORMED_HEADERS);
        byte[] upper = new String(id, StandardCharsets.US_ASCII).toUpperCase().getBytes(StandardCharsets.US_ASCII);
        RecordVerification notHex = verify(List.of(h("herd-key-id", upper), h("herd-sig", sig), h("herd-proof", proof)));
        assertRejected(notHex, RejectReason.MALFORMED_HEADERS);
        assertThat(notHex.detail()).contains("lower-case hex");
        assertRejected(verify(List.of(h("herd-key-id", Arrays.copyOf(id, 63)), h("herd-sig", sig),
                h("herd-proof", proof))), RejectReason.MALFORMED_HEADERS);
        assertRejected(verify(List.of(h("herd-key-id", null), h("herd-sig", sig), h("herd-proof", proof))),
                RejectReason.MALFORMED_HEADERS);
        assertRejected(verify(List.of(h("herd-key-id", id), h("herd-sig", sig), h("herd-proof", null))),
                RejectReason.MALFORMED_HEADERS);
        // Other headers are no concern of the signature.
        assertThat(verify(List.of(h("trace", new byte[] {1}), h("herd-key-id", id), h("herd-sig", sig),
                h("herd-proof", proof))).verified()).isTrue();
    }

    /** The key id read for the record before is taken again only for the same bytes, never for a changed array. */
    @Test
    void theKeyIdIsReadAgainWheneverItsBytesDiffer() {
        SignedRecord signed = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));
        byte[] id = signed.headers().keyIdValue();
        byte[] sig = signed.headers().signatureValue();
        byte[] proof = signed.headers().proofValue();
        byte[] otherId = TestKeys.key("another site's key").keyId().toAscii();

        assertThat(verify(List.of(h("herd-key-id", id), h("herd-sig", sig), h("herd-proof", proof))).verified()).isTrue();
        RecordVerification other = verify(List.of(h("herd-key-id", otherId), h("herd-sig", sig), h("herd-proof", proof)));
        assertRejected(other, RejectReason.UNKNOWN_KEY);
        assertThat(other.keyId()).isEqualTo(TestKeys.key("another site's key").keyId());
        assertThat(verify(List.of(h("herd-key-id", id), h("herd-sig", sig), h("herd-proof", proof))).verified()).isTrue();
        // The same array, changed in place after it was read: read again, and refused.
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) Character.toUpperCase(id[i]);
        }
        RecordVerification changed = verify(List.of(h("herd-key-id", id), h("herd-sig", sig), h("herd-proof", proof)));
        assertRejected(changed, RejectReason.MALFORMED_HEADERS);
        assertThat(changed.detail()).contains("lower-case hex");
    }

    @Test
    void everyRecordOfABatchVerifiesOnItsOwn() {
        List<RecordStatement> statements = new java.util.ArrayList<>();
        List<byte[]> keys = new java.util.ArrayList<>();
        List<byte[]> values = new java.util.ArrayList<>();
        for (int i = 0; i < 13; i++) {
            byte[] key = utf8("{\"tag_id\":" + i + "}");
            byte[] value = utf8(VALUE.replace("\"tag_id\":3", "\"tag_id\":" + i).replace("\"row\":2", "\"row\":" + i));
            keys.add(key);
            values.add(value);
            statements.add(signer.statement("tag", key, RecordOp.UPSERT, new BinlogPosition("mysql-bin.000002", 1234, 5, i),
                    value));
        }

        List<SignedRecord> signed = signer.signBatch(statements);

        assertThat(signed).hasSize(13);
        for (int i = 0; i < 13; i++) {
            // A verifier of its own for each: nothing depends on the batch's other records.
            OriginVerifier alone = new OriginVerifier(TestKeys.rootV1());
            RecordVerification v = alone.verifyRecord(keys.get(i), values.get(i), signed.get(i).headers());
            assertThat(v.verified()).as(v.toString()).isTrue();
            assertThat(v.statement()).isEqualTo(statements.get(i));
            assertThat(v.detail()).contains("leaf " + i + " of 13");
            assertThat(signed.get(i).headers().signatureValue()).isEqualTo(signed.get(0).headers().signatureValue());
        }
        // One record's proof does not carry another record.
        assertRejected(verifier.verifyRecord(keys.get(1), values.get(1), signed.get(2).headers()),
                RejectReason.BAD_SIGNATURE);
    }

    @Test
    void aBatchsRootSignatureIsCheckedOnceAndAlteredSignatureBytesAreCheckedAgain() {
        List<RecordStatement> statements = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statements.add(signer.statement("tag", KEY, RecordOp.UPSERT, new BinlogPosition("mysql-bin.000002", 1234, 5, i),
                    utf8(VALUE.replace("\"row\":2", "\"row\":" + i))));
        }
        List<SignedRecord> signed = signer.signBatch(statements);
        OriginVerifier fresh = new OriginVerifier(TestKeys.rootV1());

        for (int i = 0; i < 5; i++) {
            assertThat(fresh.verifyRecord(KEY, utf8(VALUE.replace("\"row\":2", "\"row\":" + i)), signed.get(i).headers())
                    .verified()).isTrue();
        }
        assertThat(fresh.rootSignatureChecks()).isEqualTo(1);

        // The same root with other signature bytes is not taken from the cache: it fails as it would
        // on a mirror that had seen no other record of the batch.
        byte[] sig = signed.get(3).headers().signatureValue();
        sig[10] ^= 1;
        RecordVerification altered = fresh.verifyRecord(KEY, utf8(VALUE.replace("\"row\":2", "\"row\":3")),
                SignatureHeaders.collect(List.of(h("herd-key-id", signed.get(3).headers().keyIdValue()), h("herd-sig", sig),
                        h("herd-proof", signed.get(3).headers().proofValue())), Map.Entry::getKey, Map.Entry::getValue));
        assertRejected(altered, RejectReason.BAD_SIGNATURE);
        assertThat(fresh.rootSignatureChecks()).isEqualTo(2);
    }

    @Test
    void aProofThatCannotBeReadIsMalformedHeadersAndAnAlteredOneABadSignature() {
        List<RecordStatement> statements = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statements.add(signer.statement("tag", KEY, RecordOp.UPSERT, new BinlogPosition("mysql-bin.000002", 1234, 5, i),
                    utf8(VALUE.replace("\"row\":2", "\"row\":" + i))));
        }
        SignedRecord third = signer.signBatch(statements).get(2);
        byte[] value = utf8(VALUE);
        byte[] id = third.headers().keyIdValue();
        byte[] sig = third.headers().signatureValue();
        byte[] proof = third.headers().proofValue();
        assertThat(verifyWithProof(value, id, sig, proof).verified()).isTrue();
        assertThat(proof).hasSize(8 + 3 * 32);

        RecordVerification shortPath = verifyWithProof(value, id, sig, Arrays.copyOf(proof, proof.length - 32));
        assertRejected(shortPath, RejectReason.MALFORMED_HEADERS);
        assertThat(shortPath.detail()).contains("audit path of 3 hashes");
        byte[] longer = Arrays.copyOf(proof, proof.length + 32);
        assertRejected(verifyWithProof(value, id, sig, longer), RejectReason.MALFORMED_HEADERS);
        assertRejected(verifyWithProof(value, id, sig, Arrays.copyOf(proof, 7)), RejectReason.MALFORMED_HEADERS);
        byte[] empty = proof.clone();
        empty[7] = 0; // tree size 0
        assertThat(verifyWithProof(value, id, sig, empty).detail()).contains("tree of 0 leaves");
        byte[] huge = ByteBuffer.allocate(8).putInt(0).putInt(1025).array();
        assertRejected(verifyWithProof(value, id, sig, huge), RejectReason.MALFORMED_HEADERS);
        byte[] outside = proof.clone();
        outside[3] = 6; // leaf 6 of 6
        RecordVerification beyond = verifyWithProof(value, id, sig, outside);
        assertRejected(beyond, RejectReason.MALFORMED_HEADERS);
        assertThat(beyond.detail()).contains("leaf 6 of a tree of 6");

        byte[] otherLeaf = proof.clone();
        otherLeaf[3] = 3; // leaf 3 has a path of three hashes too
        assertRejected(verifyWithProof(value, id, sig, otherLeaf), RejectReason.BAD_SIGNATURE);
        byte[] alteredHash = proof.clone();
        alteredHash[8 + 40] ^= 1;
        assertRejected(verifyWithProof(value, id, sig, alteredHash), RejectReason.BAD_SIGNATURE);
        // A record of a batch presented as a batch of one.
        assertRejected(verifyWithProof(value, id, sig, ByteBuffer.allocate(8).putInt(0).putInt(1).array()),
                RejectReason.BAD_SIGNATURE);
    }

    private RecordVerification verifyWithProof(byte[] value, byte[] id, byte[] sig, byte[] proof) {
        return verifier.verifyRecord(KEY, value, headers(List.of(h("herd-key-id", id), h("herd-sig", sig),
                h("herd-proof", proof))));
    }

    @Test
    void aBatchIsOneToATreesMostLeavesOfTheSignersOriginAndEpoch() {
        RecordStatement s = signer.statement("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> signer.signBatch(List.of()))
                .hasMessageContaining("1 to 1024 records, found 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> signer.signBatch(java.util.Collections.nCopies(1025, s)))
                .hasMessageContaining("found 1025");
        assertThat(signer.signBatch(java.util.Collections.nCopies(1024, s))).hasSize(1024)
                .last().satisfies(r -> assertThat(r.headers().proofValue()).hasSize(8 + 10 * 32));
        RecordStatement otherEpoch = RecordStatement.of("site-1", 2, "tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> signer.signBatch(List.of(s, otherEpoch)))
                .hasMessageContaining("cannot be signed by the key of site-1 epoch 1");
    }

    @Test
    void aSignatureByAnotherKnownKeyThanTheHeaderNamesIsABadSignature() {
        TrustRoot twoKeys = RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES,
                List.of(new RootChange.RotateOriginKey(TestKeys.origin2().publicKey(), false)));
        SignedRecord byKey2 = new OriginSigner(new Signer(TestKeys.origin2()), "site-1", 1)
                .signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));
        SignatureHeaders claimsKey1 = headers(List.of(h("herd-key-id", TestKeys.origin1().keyId().toAscii()),
                h("herd-sig", byKey2.headers().signatureValue()), h("herd-proof", byKey2.headers().proofValue())));

        assertRejected(new OriginVerifier(twoKeys).verifyRecord(KEY, utf8(VALUE), claimsKey1),
                RejectReason.BAD_SIGNATURE);
    }

    @Test
    void aValueThatCannotBeReadIsMalformed() {
        SignatureHeaders headers = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE)).headers();

        assertMalformed(headers, "not json", "not valid JSON");
        assertMalformed(headers, "[1]", "not a JSON object");
        assertMalformed(headers, VALUE.replace("\"epoch\":1,", ""), "no member position.epoch");
        assertMalformed(headers, VALUE.replace("\"op\":\"upsert\"", "\"op\":\"merge\""), "unknown op 'merge'");
        assertMalformed(headers, VALUE.replace("\"pos\":1234", "\"pos\":\"1234\""), "position.pos must be an integer");
        assertMalformed(headers, VALUE.replace("\"pos\":1234", "\"pos\":-1"), "position.pos must be from 0");
        assertMalformed(headers, VALUE.replace("\"row\":2", "\"row\":2.0"), "position.row must be an integer, found a fraction");
        assertMalformed(headers, VALUE.replace("{\"format\"", "{\"origin\":\"site-1\",\"format\""), "Duplicate field 'origin'");
        assertMalformed(headers, VALUE + " {}", "content after");
        assertRejected(verifier.verifyRecord(KEY, null, headers), RejectReason.MALFORMED);
        assertRejected(verifier.verifyRecord(null, utf8(VALUE), headers), RejectReason.MALFORMED);
    }

    /**
     * The verifier folds each audit path only up to where it meets the one before: what it
     * decides is still what a verifier that checks each record alone decides, in any order, for
     * records altered anywhere in their path, their value or their signature.
     */
    @Test
    void aVerdictDoesNotDependOnTheRecordsCheckedBefore() {
        java.util.Random random = new java.util.Random(20261207L);
        List<byte[]> values = new java.util.ArrayList<>();
        List<RecordStatement> statements = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] value = utf8(VALUE.replace("\"row\":2", "\"row\":" + i));
            values.add(value);
            statements.add(RecordStatement.of("site-1", 1, "tag", KEY, RecordOp.UPSERT,
                    new BinlogPosition("mysql-bin.000002", 1234, 5, i), value));
        }
        List<SignedRecord> signed = new java.util.ArrayList<>(signer.signBatch(statements.subList(0, 200)));
        signed.addAll(signer.signBatch(statements.subList(200, 300)));
        OriginVerifier remembering = new OriginVerifier(TestKeys.rootV1());
        int verified = 0;
        for (int round = 0; round < 2_000; round++) {
            int i = random.nextInt(300);
            byte[] value = values.get(i);
            byte[] id = signed.get(i).headers().keyIdValue();
            byte[] sig = signed.get(i).headers().signatureValue();
            byte[] proof = signed.get(i).headers().proofValue();
            switch (random.nextInt(6)) {
                case 0 -> proof[8 + random.nextInt(proof.length - 8)] ^= 1;
                case 1 -> value = values.get(random.nextInt(300));
                case 2 -> sig = signed.get(random.nextInt(300)).headers().signatureValue();
                default -> {
                }
            }
            SignatureHeaders headers = headers(List.of(h("herd-key-id", id), h("herd-sig", sig), h("herd-proof", proof)));
            RecordVerification alone = new OriginVerifier(TestKeys.rootV1()).verifyRecord(KEY, value, headers);
            assertThat(remembering.verifyRecord(KEY, value, headers)).as("record %d, round %d", i, round)
                    .isEqualTo(alone);
            if (alone.verified()) {
                verified++;
            }
        }
        assertThat(verified).isBetween(500, 1_900);
    }

    @Test
    void collectedHeadersAreCountedAndTheFirstOfEachGivenAsReceived() {
        byte[] sig = new byte[64];
        SignatureHeaders headers = headers(List.of(h("herd-sig", sig), h("other", new byte[1]), h("herd-proof", null),
                h("herd-sig", new byte[3])));

        assertThat(headers.count(SignatureHeaders.SIGNATURE)).isEqualTo(2);
        assertThat(headers.first(SignatureHeaders.SIGNATURE)).isSameAs(sig);
        assertThat(headers.count(SignatureHeaders.PROOF)).isEqualTo(1);
        assertThat(headers.first(SignatureHeaders.PROOF)).isNull();
        assertThat(headers.count(SignatureHeaders.KEY_ID)).isZero();
        assertThat(headers.first(SignatureHeaders.KEY_ID)).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> headers.count("other"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'other' is not a signature header");
    }

    @Test
    void anEnvelopeReadByTheCallerVerifiesAsTheValuesOwnAndAnyOtherIsABadSignature() {
        SignedRecord signed = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));
        RecordEnvelope read = RecordEnvelope.read(utf8(VALUE));
        assertThat(read).isEqualTo(new RecordEnvelope("site-1", "tag", RecordOp.UPSERT, 1, POSITION));

        assertThat(verifier.verifyRecord(KEY, utf8(VALUE), signed.headers(), read))
                .isEqualTo(verifier.verifyRecord(KEY, utf8(VALUE), signed.headers()))
                .isEqualTo(verifier.verifyRecord(KEY, utf8(VALUE), signed.headers(), null))
                .satisfies(v -> assertThat(v.verified()).isTrue());
        // An envelope that is not the value's is a statement the origin did not sign.
        for (RecordEnvelope other : List.of(
                new RecordEnvelope("site-2", "tag", RecordOp.UPSERT, 1, POSITION),
                new RecordEnvelope("site-1", "artist", RecordOp.UPSERT, 1, POSITION),
                new RecordEnvelope("site-1", "tag", RecordOp.DELETE, 1, POSITION),
                new RecordEnvelope("site-1", "tag", RecordOp.UPSERT, 2, POSITION),
                new RecordEnvelope("site-1", "tag", RecordOp.UPSERT, 1, new BinlogPosition("mysql-bin.000002", 1234, 5, 3)))) {
            assertRejected(verifier.verifyRecord(KEY, utf8(VALUE), signed.headers(), other), RejectReason.BAD_SIGNATURE);
        }
        // Checks that come before the value are made first, whatever envelope is given.
        assertRejected(verifier.verifyRecord(KEY, utf8(VALUE), headers(List.of()), read), RejectReason.UNSIGNED);
        assertRejected(verifier.verifyRecord(null, utf8(VALUE), signed.headers(), read), RejectReason.MALFORMED);
    }

    @Test
    void anOriginOrEntityWithoutAUtf8EncodingIsMalformedNotAnError() {
        SignatureHeaders headers = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE)).headers();

        assertMalformed(headers, VALUE.replace("\"origin\":\"site-1\"", "\"origin\":\"site-\\ud800\""),
                "origin holds an unpaired UTF-16 surrogate at index 5");
        assertMalformed(headers, VALUE.replace("\"entity\":\"tag\"", "\"entity\":\"\\udc00tag\""),
                "entity holds an unpaired UTF-16 surrogate at index 0");
        assertMalformed(headers, VALUE.replace("\"file\":\"mysql-bin.000002\"", "\"file\":\"\\ud800.000002\""),
                "binlog file name holds an unpaired UTF-16 surrogate at index 0");
    }

    @Test
    void membersOfThePayloadNamedLikeEnvelopeMembersAreNotMistakenForThem() {
        String value = VALUE.replace("\"uses\":12", "\"uses\":12,\"origin\":\"elsewhere\",\"position\":{}");
        SignedRecord signed = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(value));

        assertThat(verifier.verifyRecord(KEY, utf8(value), signed.headers()).verified()).isTrue();
    }

    @Test
    void deletesAreSignedAndVerifiedLikeUpserts() {
        String delete = "{\"format\":\"herd/1\",\"entity\":\"tag\",\"origin\":\"site-1\",\"op\":\"delete\","
                + "\"key\":{\"tag_id\":3},\"position\":{\"epoch\":1,\"file\":\"mysql-bin.000002\",\"pos\":1234,"
                + "\"event\":5,\"row\":2,\"snapshot\":false,\"ts_ms\":1600000000000}}";
        SignedRecord signed = signer.signRecord("tag", KEY, RecordOp.DELETE, POSITION, utf8(delete));

        assertThat(verifier.verifyRecord(KEY, utf8(delete), signed.headers()).statement().op())
                .isEqualTo(RecordOp.DELETE);
        // The same record signed as an upsert does not pass as a delete.
        SignedRecord asUpsert = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(delete));
        assertRejected(verifier.verifyRecord(KEY, utf8(delete), asUpsert.headers()), RejectReason.BAD_SIGNATURE);
    }

    @Test
    void aPublishedRecordsStatementIsReadFromItsValueSignedOrNot() {
        SignedRecord signed = signer.signRecord("tag", KEY, RecordOp.UPSERT, POSITION, utf8(VALUE));
        assertThat(RecordStatement.read(KEY, utf8(VALUE))).isEqualTo(signed.statement());

        // Written by a sidecar that did not sign: epoch 0, or no epoch at all.
        String unsigned = VALUE.replace("\"epoch\":1,", "");
        assertThat(RecordStatement.read(KEY, utf8(unsigned)).epoch()).isZero();
        assertThat(RecordStatement.read(KEY, utf8(VALUE.replace("\"epoch\":1", "\"epoch\":0"))).epoch()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordStatement.read(KEY, utf8("[1]")))
                .isInstanceOf(TrustFormatException.class).hasMessageContaining("not a JSON object");
        // A verifier still wants the epoch of a signing key.
        assertMalformed(signed.headers(), unsigned, "no member position.epoch");
    }

    @Test
    void rejectReasonsHaveStableWireNames() {
        assertThat(Arrays.stream(RejectReason.values()).map(RejectReason::wireName)).containsExactly(
                "unsigned", "malformed_headers", "unknown_key", "revoked_key", "wrong_origin", "wrong_epoch",
                "bad_signature", "malformed");
    }

    @Test
    void aSidecarSignerTakesOriginAndEpochFromTheRoot() {
        TrustRoot v2 = RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES,
                List.of(new RootChange.RotateOriginKey(TestKeys.origin2().publicKey(), false)));

        OriginSigner second = OriginSigner.forRoot(new Signer(TestKeys.origin2()), v2);

        assertThat(second.origin()).isEqualTo("site-1");
        assertThat(second.epoch()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> OriginSigner.forRoot(new Signer(TestKeys.origin2()), TestKeys.rootV1()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not an origin key of");
        TrustRoot revoked = RootCeremony.propose(v2, TestKeys.EXPIRES,
                List.of(new RootChange.RevokeOriginKey(TestKeys.origin1().keyId())));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> OriginSigner.forRoot(new Signer(TestKeys.origin1()), revoked))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is revoked");
    }

    private void assertMalformed(SignatureHeaders headers, String value, String detail) {
        RecordVerification v = verifier.verifyRecord(KEY, utf8(value), headers);
        assertRejected(v, RejectReason.MALFORMED);
        assertThat(v.detail()).contains(detail);
    }

    private RecordVerification verify(List<Map.Entry<String, byte[]>> headers) {
        return verifier.verifyRecord(KEY, utf8(VALUE), headers(headers));
    }

    private static SignatureHeaders headers(List<Map.Entry<String, byte[]>> headers) {
        return SignatureHeaders.collect(headers, Map.Entry::getKey, Map.Entry::getValue);
    }

    private static Map.Entry<String, byte[]> h(String name, byte[] value) {
        return new AbstractMap.SimpleEntry<>(name, value);
    }

    private static void assertRejected(RecordVerification v, RejectReason reason) {
        assertThat(v.verified()).as(v.toString()).isFalse();
        assertThat(v.reason()).as(v.toString()).isEqualTo(reason);
    }

    private static byte[] take(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
