package org.herd.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@code docs/trust-test-vectors.json} twice: the file must be exactly what
 * {@link TestVectors} computes from the seeds today, and every value in it must also follow from
 * the file's own inputs by the definitions in {@code docs/trust.md}, worked out here with the
 * JDK's SHA-256 and by reading the byte layouts field by field, as another implementation would.
 */
class TestVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Path FILE = Path.of("..", "docs", "trust-test-vectors.json");

    private static JsonNode vectors;

    @BeforeAll
    static void read() throws IOException {
        vectors = CanonicalJson.parse(Files.readAllBytes(FILE), "test vectors");
    }

    @Test
    void theFileIsWhatTheCodeComputesFromTheSeeds() throws IOException {
        assertThat(new String(Files.readAllBytes(FILE), StandardCharsets.UTF_8))
                .as("regenerate with the command in TestVectors' comment")
                .isEqualTo(new String(TestVectors.fileBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void keysFollowFromTheirSeeds() throws Exception {
        for (Map.Entry<String, JsonNode> e : vectors.get("keys").properties()) {
            JsonNode k = e.getValue();
            assertThat(k.get("seed").asText()).isEqualTo(HEX.formatHex(sha256(k.get("seed_label").asText()
                    .getBytes(StandardCharsets.US_ASCII))));
            Ed25519KeyPair key = Ed25519KeyPair.fromSeed(HEX.parseHex(k.get("seed").asText()));
            byte[] raw = HEX.parseHex(k.get("public_key_hex").asText());
            assertThat(key.publicKey().raw()).as(e.getKey()).isEqualTo(raw);
            assertThat(Base64.getDecoder().decode(k.get("public_key").asText())).isEqualTo(raw);
            assertThat(k.get("key_id").asText()).isEqualTo(HEX.formatHex(sha256(raw)));
        }
    }

    @Test
    void recordStatementsHashesAndSignaturesFollowTheLayout() throws Exception {
        Ed25519PublicKey originKey = publicKey("origin_epoch_1");
        for (JsonNode r : vectors.get("records")) {
            byte[] key = HEX.parseHex(r.get("kafka_key_hex").asText());
            byte[] value = HEX.parseHex(r.get("kafka_value_hex").asText());
            assertThat(key).isEqualTo(r.get("kafka_key").asText().getBytes(StandardCharsets.UTF_8));
            assertThat(value).isEqualTo(r.get("kafka_value").asText().getBytes(StandardCharsets.UTF_8));
            assertThat(r.get("value_sha256").asText()).isEqualTo(HEX.formatHex(sha256(value)));

            byte[] statement = HEX.parseHex(r.get("statement_hex").asText());
            ByteBuffer b = ByteBuffer.wrap(statement);
            assertThat(take(b, 14)).isEqualTo("herd-record/1\0".getBytes(StandardCharsets.US_ASCII));
            assertThat(utf8(take(b, b.getShort()))).isEqualTo(r.get("origin").asText());
            assertThat(b.getLong()).isEqualTo(r.get("epoch").asLong());
            assertThat(utf8(take(b, b.getShort()))).isEqualTo(r.get("entity").asText());
            assertThat(take(b, b.getInt())).isEqualTo(key);
            assertThat(b.get()).isEqualTo((byte) ("upsert".equals(r.get("op").asText()) ? 1 : 2));
            JsonNode p = r.get("position");
            assertThat(utf8(take(b, b.getShort()))).isEqualTo(p.get("file").asText());
            assertThat(b.getLong()).isEqualTo(p.get("pos").asLong());
            assertThat(b.getLong()).isEqualTo(p.get("event").asLong());
            assertThat(b.getInt()).isEqualTo(p.get("row").asInt());
            assertThat(HEX.formatHex(take(b, 32))).isEqualTo(r.get("value_sha256").asText());
            assertThat(b.hasRemaining()).isFalse();

            assertThat(r.get("header_herd_key_id").asText()).isEqualTo(originKey.id().hex());
            assertThat(r.get("header_herd_sig_hex").asText()).isEqualTo(vectors.get("batch").get("header_herd_sig_hex")
                    .asText());
            byte[] leaf = sha256(concat(new byte[] {0}, statement));
            assertThat(r.get("leaf_hash").asText()).isEqualTo(HEX.formatHex(leaf));
        }
    }

    @Test
    void theBatchRootIsSignedAndEveryProofLeadsToIt() throws Exception {
        JsonNode batch = vectors.get("batch");
        JsonNode records = vectors.get("records");
        int size = batch.get("tree_size").asInt();
        assertThat(size).isEqualTo(records.size());
        java.util.List<byte[]> leaves = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(HEX.parseHex(records.get(i).get("leaf_hash").asText()));
            assertThat(batch.get("leaf_hashes").get(i).asText()).isEqualTo(records.get(i).get("leaf_hash").asText());
        }
        byte[] root = MerkleTreeTest.mth(leaves);
        assertThat(batch.get("root").asText()).isEqualTo(HEX.formatHex(root));

        byte[] message = HEX.parseHex(batch.get("signing_message_hex").asText());
        ByteBuffer m = ByteBuffer.wrap(message);
        assertThat(take(m, 13)).isEqualTo("herd-batch/1\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(m.getInt()).isEqualTo(size);
        assertThat(take(m, 32)).isEqualTo(root);
        assertThat(m.hasRemaining()).isFalse();
        assertThat(Verifier.verify(message, HEX.parseHex(batch.get("header_herd_sig_hex").asText()),
                publicKey("origin_epoch_1"))).isTrue();

        for (int i = 0; i < size; i++) {
            byte[] proof = HEX.parseHex(records.get(i).get("header_herd_proof_hex").asText());
            assertThat(foldProof(leaves.get(i), proof, i, size)).as(records.get(i).get("name").asText())
                    .isEqualTo(root);
        }
    }

    @Test
    void theMerkleExampleFollowsRfc6962() throws Exception {
        JsonNode example = vectors.get("merkle_example");
        java.util.List<byte[]> leaves = new java.util.ArrayList<>();
        for (int i = 0; i < example.get("leaf_data").size(); i++) {
            byte[] leaf = sha256(concat(new byte[] {0}, example.get("leaf_data").get(i).asText()
                    .getBytes(StandardCharsets.UTF_8)));
            assertThat(example.get("leaf_hashes").get(i).asText()).isEqualTo(HEX.formatHex(leaf));
            leaves.add(leaf);
        }
        byte[] root = MerkleTreeTest.mth(leaves);
        assertThat(example.get("root").asText()).isEqualTo(HEX.formatHex(root));
        for (int i = 0; i < leaves.size(); i++) {
            byte[] proof = HEX.parseHex(example.get("proofs_hex").get(i).asText());
            ByteBuffer expected = ByteBuffer.allocate(8 + 32 * MerkleTreeTest.rfcPath(i, leaves).size())
                    .putInt(i).putInt(leaves.size());
            MerkleTreeTest.rfcPath(i, leaves).forEach(expected::put);
            assertThat(proof).isEqualTo(expected.array());
            assertThat(foldProof(leaves.get(i), proof, i, leaves.size())).isEqualTo(root);
        }
    }

    /**
     * The root a proof header leads to, by RFC 9162's verification algorithm (2.1.3.2), after
     * reading the header's index and size.
     */
    private static byte[] foldProof(byte[] leaf, byte[] header, int index, int size) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(header);
        assertThat(b.getInt()).isEqualTo(index);
        assertThat(b.getInt()).isEqualTo(size);
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        while (b.hasRemaining()) {
            byte[] p = take(b, 32);
            assertThat(sn).as("path longer than the tree").isNotZero();
            if ((fn & 1) == 1 || fn == sn) {
                r = sha256(concat(new byte[] {1}, p, r));
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = sha256(concat(new byte[] {1}, r, p));
            }
            fn >>= 1;
            sn >>= 1;
        }
        assertThat(sn).as("path shorter than the tree").isZero();
        return r;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    @Test
    void recordsAndTheCheckpointVerifyAgainstBothVersionsOfTheRoot() {
        TrustState v1 = TrustState.pin(rootFile("v1"), TestKeys.NOW).state();
        TrustState v2 = v1.offer(rootFile("v2"), TestKeys.NOW).state();
        assertThat(v2.root().version()).isEqualTo(2);
        for (TrustState state : new TrustState[] {v1, v2}) {
            OriginVerifier verifier = OriginVerifier.of(state);
            for (JsonNode r : vectors.get("records")) {
                SignatureHeaders headers = SignatureHeaders.collect(java.util.List.of(
                        Map.entry("herd-key-id", r.get("header_herd_key_id").asText().getBytes(StandardCharsets.US_ASCII)),
                        Map.entry("herd-sig", HEX.parseHex(r.get("header_herd_sig_hex").asText())),
                        Map.entry("herd-proof", HEX.parseHex(r.get("header_herd_proof_hex").asText()))),
                        Map.Entry::getKey, Map.Entry::getValue);

                RecordVerification v = verifier.verifyRecord(HEX.parseHex(r.get("kafka_key_hex").asText()),
                        HEX.parseHex(r.get("kafka_value_hex").asText()), headers);

                assertThat(v.verified()).as(v.toString()).isTrue();
                assertThat(HEX.formatHex(v.statement().encode())).isEqualTo(r.get("statement_hex").asText());
            }
            JsonNode c = vectors.get("checkpoint");
            CheckpointVerification checkpoint = verifier.verifyCheckpoint(
                    c.get("canonical").asText().getBytes(StandardCharsets.UTF_8),
                    SignatureHeaders.of(new KeyId(c.get("header_herd_key_id").asText()),
                            HEX.parseHex(c.get("header_herd_sig_hex").asText())));
            assertThat(checkpoint.verified()).as(checkpoint.toString()).isTrue();
        }
    }

    @Test
    void fingerprintsContributionsAndDigestsFollowTheDefinitions() throws Exception {
        Map<String, BigInteger> sums = new HashMap<>();
        Map<String, Long> rows = new HashMap<>();
        for (JsonNode r : vectors.get("records")) {
            byte[] key = HEX.parseHex(r.get("kafka_key_hex").asText());
            assertThat(r.get("key_hash").asText()).isEqualTo(HEX.formatHex(sha256(key), 0, 8));
            if (!r.get("live").asBoolean()) {
                assertThat(r.has("row_fingerprint")).isFalse();
                continue;
            }
            JsonNode p = r.get("position");
            byte[] file = p.get("file").asText().getBytes(StandardCharsets.UTF_8);
            ByteBuffer row = ByteBuffer.allocate(11 + 4 + key.length + 8 + 2 + file.length + 8 + 8 + 4 + 32);
            row.put("herd-row/1\0".getBytes(StandardCharsets.US_ASCII)).putInt(key.length).put(key)
                    .putLong(r.get("epoch").asLong()).putShort((short) file.length).put(file)
                    .putLong(p.get("pos").asLong()).putLong(p.get("event").asLong()).putInt(p.get("row").asInt())
                    .put(HEX.parseHex(r.get("value_sha256").asText()));
            assertThat(row.hasRemaining()).isFalse();
            byte[] fp = java.util.Arrays.copyOf(sha256(row.array()), 8);
            assertThat(r.get("row_fingerprint").asText()).isEqualTo(HEX.formatHex(fp));

            String entity = r.get("entity").asText();
            byte[] contribution = contribution(entity, fp);
            assertThat(r.get("contribution").asText()).isEqualTo(HEX.formatHex(contribution));
            sums.merge(entity, new BigInteger(1, contribution), BigInteger::add);
            rows.merge(entity, 1L, Long::sum);
        }
        JsonNode digests = vectors.get("digests");
        assertThat(digests.size()).isEqualTo(sums.size());
        sums.forEach((entity, sum) -> {
            assertThat(digests.get(entity).get("rows").asLong()).isEqualTo(rows.get(entity));
            assertThat(digests.get(entity).get("digest").asText()).isEqualTo(hex256(sum));
        });

        JsonNode example = vectors.get("digest_sum_example");
        BigInteger plain = BigInteger.ZERO;
        for (int i = 0; i < example.get("fingerprints").size(); i++) {
            byte[] c = contribution(example.get("entity").asText(),
                    HEX.parseHex(example.get("fingerprints").get(i).asText()));
            assertThat(example.get("contributions").get(i).asText()).isEqualTo(HEX.formatHex(c));
            plain = plain.add(new BigInteger(1, c));
        }
        assertThat(plain).isGreaterThan(BigInteger.TWO.pow(256)); // the example wraps around
        assertThat(example.get("plain_sum").asText()).isEqualTo(plain.toString(16));
        assertThat(example.get("digest").asText()).isEqualTo(hex256(plain));
        assertThat(example.get("rows").asInt()).isEqualTo(example.get("fingerprints").size());
    }

    @Test
    void theCheckpointStatesTheDigestsAndIsSignedByTheOriginKey() {
        JsonNode c = vectors.get("checkpoint");
        byte[] canonical = c.get("canonical").asText().getBytes(StandardCharsets.UTF_8);
        byte[] message = HEX.parseHex(c.get("signing_message_hex").asText());
        byte[] signature = HEX.parseHex(c.get("header_herd_sig_hex").asText());

        ByteBuffer m = ByteBuffer.wrap(message);
        assertThat(take(m, 18)).isEqualTo("herd-checkpoint/1\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(take(m, m.remaining())).isEqualTo(canonical);
        assertThat(Verifier.verify(message, signature, publicKey("origin_epoch_1"))).isTrue();
        assertThat(CanonicalJson.encode(CanonicalJson.parse(canonical, "checkpoint"))).isEqualTo(canonical);

        CheckpointVerification v = OriginVerifier.of(TrustState.pin(rootFile("v1"), TestKeys.NOW).state())
                .verifyCheckpoint(canonical, SignatureHeaders.of(new KeyId(c.get("header_herd_key_id").asText()),
                        signature));
        assertThat(v.verified()).as(v.toString()).isTrue();
        vectors.get("digests").properties().forEach(e -> assertThat(v.checkpoint().entities().get(e.getKey()))
                .isEqualTo(new RowsDigest(e.getValue().get("rows").asLong(), e.getValue().get("digest").asText())));
        assertThat(v.checkpoint().snapshotComplete()).isTrue();
        assertThat(v.checkpoint().position()).isEqualTo(new BinlogPosition("mysql-bin.000003", 4, 1, 0));
    }

    @Test
    void theTrustRootChainIsAcceptedAndItsSignaturesCoverTheCanonicalSignedPart() {
        for (String version : new String[] {"v1", "v2"}) {
            JsonNode v = vectors.get("trust_root").get(version);
            SignedRoot file = SignedRoot.parse(rootFile(version));
            byte[] canonical = v.get("canonical_signed").asText().getBytes(StandardCharsets.UTF_8);
            assertThat(file.canonicalSigned()).isEqualTo(canonical);
            byte[] message = ByteBuffer.allocate(12 + canonical.length)
                    .put("herd-root/1\0".getBytes(StandardCharsets.US_ASCII)).put(canonical).array();
            assertThat(v.get("signatures").size()).isEqualTo(v.get("signed_by").size());
            for (JsonNode signer : v.get("signed_by")) {
                Ed25519PublicKey key = publicKey(signer.asText());
                JsonNode sig = find(v.get("signatures"), key.id().hex());
                assertThat(Verifier.verify(message, Base64.getDecoder().decode(sig.get("sig_base64").asText()), key))
                        .as(version + " signed by " + signer.asText()).isTrue();
            }
        }

        RootUpdate v1 = TrustState.pin(rootFile("v1"), TestKeys.NOW);
        RootUpdate v2 = v1.state().offer(rootFile("v2"), TestKeys.NOW);

        assertThat(v2.accepted()).as(v2.toString()).isTrue();
        TrustRoot root = v2.state().root();
        assertThat(root.version()).isEqualTo(2);
        assertThat(root.threshold()).isEqualTo(2);
        assertThat(root.trustees()).hasSize(3);
        assertThat(root.originKeys()).extracting(k -> k.id().hex(), OriginKey::epoch, OriginKey::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(keyId("origin_epoch_1"), 1L, OriginKey.Status.ACTIVE),
                org.assertj.core.groups.Tuple.tuple(keyId("origin_epoch_2"), 2L, OriginKey.Status.ACTIVE));
    }

    private static JsonNode find(JsonNode signatures, String keyId) {
        for (JsonNode s : signatures) {
            if (s.get("key_id").asText().equals(keyId)) {
                return s;
            }
        }
        throw new AssertionError("no signature by " + keyId);
    }

    private static byte[] rootFile(String version) {
        return vectors.get("trust_root").get(version).get("file").asText().getBytes(StandardCharsets.UTF_8);
    }

    private static Ed25519PublicKey publicKey(String name) {
        return Ed25519PublicKey.fromBase64(vectors.get("keys").get(name).get("public_key").asText(), name);
    }

    private static String keyId(String name) {
        return vectors.get("keys").get(name).get("key_id").asText();
    }

    private static byte[] contribution(String entity, byte[] fp) throws Exception {
        byte[] name = entity.getBytes(StandardCharsets.UTF_8);
        return sha256(ByteBuffer.allocate(14 + 2 + name.length + 8)
                .put("herd-digest/1\0".getBytes(StandardCharsets.US_ASCII)).putShort((short) name.length).put(name)
                .put(fp).array());
    }

    private static String hex256(BigInteger sum) {
        String hex = sum.mod(BigInteger.TWO.pow(256)).toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] take(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
