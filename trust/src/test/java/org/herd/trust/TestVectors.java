package org.herd.trust;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds {@code docs/trust-test-vectors.json} from fixed seeds; {@link TestVectorsTest} checks the
 * committed file against it. To write the file again after a deliberate format change, from the
 * repository root:
 *
 * <pre>
 * ./mvnw -q -B -pl trust test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.herd.trust.TestVectors -Dexec.args=docs/trust-test-vectors.json
 * </pre>
 */
public final class TestVectors {

    static final String ORIGIN = "site-1";
    static final long ISSUED_AT_MS = 1_600_000_180_000L;

    private static final HexFormat HEX = HexFormat.of();

    /** Key name in the file → the label whose SHA-256 is the key's seed. */
    static final Map<String, String> KEY_LABELS = labels();

    private static Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("origin_epoch_1", "herd test origin key epoch 1");
        m.put("origin_epoch_2", "herd test origin key epoch 2");
        m.put("trustee_1", "herd test trustee 1");
        m.put("trustee_2", "herd test trustee 2");
        m.put("trustee_3", "herd test trustee 3");
        return m;
    }

    /** One record of the vectors, as the sidecar would publish it. */
    record Rec(String name, String entity, RecordOp op, BinlogPosition position, String key, String value) {
    }

    static final List<Rec> RECORDS = List.of(
            new Rec("tag upsert", "tag", RecordOp.UPSERT, new BinlogPosition("mysql-bin.000002", 1234, 5, 2),
                    "{\"tag_id\":3}",
                    "{\"format\":\"herd/1\",\"entity\":\"tag\",\"origin\":\"site-1\",\"op\":\"upsert\","
                            + "\"key\":{\"tag_id\":3},\"position\":{\"epoch\":1,\"file\":\"mysql-bin.000002\","
                            + "\"pos\":1234,\"event\":5,\"row\":2,\"snapshot\":false,\"ts_ms\":1600000000000},"
                            + "\"payload\":{\"name\":\"idm\",\"tag_type\":\"genre\",\"uses\":12}}"),
            new Rec("tag delete", "tag", RecordOp.DELETE, new BinlogPosition("mysql-bin.000002", 1500, 1, 0),
                    "{\"tag_id\":4}",
                    "{\"format\":\"herd/1\",\"entity\":\"tag\",\"origin\":\"site-1\",\"op\":\"delete\","
                            + "\"key\":{\"tag_id\":4},\"position\":{\"epoch\":1,\"file\":\"mysql-bin.000002\","
                            + "\"pos\":1500,\"event\":1,\"row\":0,\"snapshot\":false,\"ts_ms\":1600000060000}}"),
            new Rec("artist upsert", "artist", RecordOp.UPSERT, new BinlogPosition("mysql-bin.000003", 4, 1, 0),
                    "{\"artist_id\":42}",
                    "{\"format\":\"herd/1\",\"entity\":\"artist\",\"origin\":\"site-1\",\"op\":\"upsert\","
                            + "\"key\":{\"artist_id\":42},\"position\":{\"epoch\":1,\"file\":\"mysql-bin.000003\","
                            + "\"pos\":4,\"event\":1,\"row\":0,\"snapshot\":false,\"ts_ms\":1600000120000},"
                            + "\"payload\":{\"name\":\"Sigur R\u00f3s\",\"primary_alias_id\":null,\"revision_id\":7,"
                            + "\"vanity_house\":false}}"));

    /** Leaf data of the Merkle tree example: seven leaves, a tree of every shape of node. */
    static final List<String> MERKLE_LEAVES = List.of("leaf 0", "leaf 1", "leaf 2", "leaf 3", "leaf 4", "leaf 5",
            "leaf 6");

    /** Fingerprints of the sum example: eight contributions, whose plain sum exceeds 2^256. */
    static final long[] SUM_FINGERPRINTS = {1, 2, 3, 4, 5, 6, 7, 8};

    private TestVectors() {
    }

    static Ed25519KeyPair key(String name) {
        return Ed25519KeyPair.fromSeed(TestKeys.seed(KEY_LABELS.get(name)));
    }

    static TrustRoot rootV1() {
        return RootCeremony.create(ORIGIN, List.of(
                new Trustee(key("trustee_1").publicKey(), "trustee one"),
                new Trustee(key("trustee_2").publicKey(), "trustee two"),
                new Trustee(key("trustee_3").publicKey(), "trustee three")),
                2, key("origin_epoch_1").publicKey(), TestKeys.EXPIRES);
    }

    static TrustRoot rootV2() {
        return RootCeremony.propose(rootV1(), TestKeys.EXPIRES,
                List.of(new RootChange.RotateOriginKey(key("origin_epoch_2").publicKey(), false)));
    }

    static ObjectNode build() {
        ObjectNode doc = CanonicalJson.object();
        doc.put("description", "Herd trust test vectors: keys, record statements signed as one batch (Merkle tree, "
                + "root signature, proofs), a Merkle tree example, row fingerprints, digests, a checkpoint and a "
                + "two-version trust root, all from fixed seeds. See trust-test-vectors.md.");
        doc.put("origin", ORIGIN);

        ObjectNode keys = doc.putObject("keys");
        KEY_LABELS.forEach((name, label) -> {
            Ed25519KeyPair k = key(name);
            ObjectNode o = keys.putObject(name);
            o.put("seed_label", label);
            o.put("seed", HEX.formatHex(TestKeys.seed(label)));
            o.put("public_key", k.publicKey().base64());
            o.put("public_key_hex", HEX.formatHex(k.publicKey().raw()));
            o.put("key_id", k.keyId().hex());
        });

        OriginSigner signer = OriginSigner.forRoot(new Signer(key("origin_epoch_1")), rootV1());
        List<RecordStatement> statements = RECORDS.stream().map(r -> signer.statement(r.entity(),
                r.key().getBytes(StandardCharsets.UTF_8), r.op(), r.position(),
                r.value().getBytes(StandardCharsets.UTF_8))).toList();
        List<SignedRecord> batch = signer.signBatch(statements);
        List<byte[]> leafHashes = statements.stream().map(st -> MerkleTree.leafHash(st.encode())).toList();
        MerkleTree tree = MerkleTree.of(leafHashes);
        ObjectNode b = doc.putObject("batch");
        b.put("tree_size", tree.size());
        ArrayNode leafArray = b.putArray("leaf_hashes");
        leafHashes.forEach(h -> leafArray.add(HEX.formatHex(h)));
        b.put("root", HEX.formatHex(tree.root()));
        b.put("signing_message_hex", HEX.formatHex(MerkleTree.signingMessage(tree.size(), tree.root())));
        b.put("header_herd_sig_hex", HEX.formatHex(batch.get(0).headers().signatureValue()));

        Map<String, DigestIndex> indexes = new TreeMap<>();
        ArrayNode records = doc.putArray("records");
        BinlogPosition highest = null;
        for (int i = 0; i < RECORDS.size(); i++) {
            Rec r = RECORDS.get(i);
            byte[] key = r.key().getBytes(StandardCharsets.UTF_8);
            byte[] value = r.value().getBytes(StandardCharsets.UTF_8);
            SignedRecord signed = batch.get(i);
            RecordStatement s = signed.statement();
            indexes.computeIfAbsent(r.entity(), DigestIndex::new).apply(s);
            highest = r.position();
            ObjectNode o = records.addObject();
            o.put("name", r.name());
            o.put("origin", s.origin());
            o.put("epoch", s.epoch());
            o.put("entity", s.entity());
            o.put("op", s.op().wireName());
            ObjectNode p = o.putObject("position");
            p.put("file", r.position().file());
            p.put("pos", r.position().pos());
            p.put("event", r.position().event());
            p.put("row", r.position().row());
            o.put("kafka_key", r.key());
            o.put("kafka_key_hex", HEX.formatHex(key));
            o.put("kafka_value", r.value());
            o.put("kafka_value_hex", HEX.formatHex(value));
            o.put("value_sha256", HEX.formatHex(s.valueSha256()));
            o.put("statement_hex", HEX.formatHex(s.encode()));
            o.put("leaf_hash", HEX.formatHex(leafHashes.get(i)));
            o.put("header_herd_key_id", new String(signed.headers().keyIdValue(), StandardCharsets.US_ASCII));
            o.put("header_herd_sig_hex", HEX.formatHex(signed.headers().signatureValue()));
            o.put("header_herd_proof_hex", HEX.formatHex(signed.headers().proofValue()));
            o.put("key_hash", hex8(s.keyHash()));
            o.put("live", r.op() == RecordOp.UPSERT);
            if (r.op() == RecordOp.UPSERT) {
                o.put("row_fingerprint", hex8(s.rowFingerprint()));
                o.put("contribution", HEX.formatHex(Fingerprints.contribution(s.entity(), s.rowFingerprint())));
            }
        }

        ObjectNode digests = doc.putObject("digests");
        indexes.forEach((entity, index) -> {
            ObjectNode o = digests.putObject(entity);
            o.put("rows", index.value().rows());
            o.put("digest", index.value().digest());
        });

        ObjectNode merkle = doc.putObject("merkle_example");
        ArrayNode data = merkle.putArray("leaf_data");
        ArrayNode exampleLeaves = merkle.putArray("leaf_hashes");
        List<byte[]> example7 = MERKLE_LEAVES.stream()
                .map(l -> MerkleTree.leafHash(l.getBytes(StandardCharsets.UTF_8))).toList();
        MERKLE_LEAVES.forEach(data::add);
        example7.forEach(h -> exampleLeaves.add(HEX.formatHex(h)));
        MerkleTree tree7 = MerkleTree.of(example7);
        merkle.put("root", HEX.formatHex(tree7.root()));
        ArrayNode proofs = merkle.putArray("proofs_hex");
        for (int i = 0; i < tree7.size(); i++) {
            proofs.add(HEX.formatHex(new BatchProof(i, tree7.size(), tree7.path(i)).encode()));
        }

        ObjectNode sum = doc.putObject("digest_sum_example");
        sum.put("entity", "tag");
        ArrayNode fps = sum.putArray("fingerprints");
        ArrayNode contributions = sum.putArray("contributions");
        EntityDigest example = new EntityDigest("tag");
        BigInteger plain = BigInteger.ZERO;
        for (long fp : SUM_FINGERPRINTS) {
            fps.add(hex8(fp));
            byte[] c = Fingerprints.contribution("tag", fp);
            contributions.add(HEX.formatHex(c));
            plain = plain.add(new BigInteger(1, c));
            example.add(fp);
        }
        sum.put("plain_sum", plain.toString(16));
        sum.put("rows", example.count());
        sum.put("digest", example.hex());

        Checkpoint checkpoint = Checkpoint.of(ORIGIN, 1, highest, true, ISSUED_AT_MS, indexes.values());
        SignedCheckpoint signedCheckpoint = signer.signCheckpoint(checkpoint);
        ObjectNode c = doc.putObject("checkpoint");
        c.put("canonical", new String(signedCheckpoint.value(), StandardCharsets.UTF_8));
        c.put("signing_message_hex", HEX.formatHex(Checkpoint.signingMessage(signedCheckpoint.value())));
        c.put("header_herd_key_id", new String(signedCheckpoint.headers().keyIdValue(), StandardCharsets.US_ASCII));
        c.put("header_herd_sig_hex", HEX.formatHex(signedCheckpoint.headers().signatureValue()));

        ObjectNode roots = doc.putObject("trust_root");
        roots.set("v1", root(rootV1(), "trustee_1", "trustee_2"));
        roots.set("v2", root(rootV2(), "trustee_1", "trustee_3"));
        return doc;
    }

    private static ObjectNode root(TrustRoot root, String... signers) {
        SignedRoot signed = SignedRoot.unsigned(root);
        ArrayNode by = CanonicalJson.object().arrayNode();
        for (String name : signers) {
            signed = RootCeremony.sign(signed, key(name));
            by.add(name);
        }
        ObjectNode o = CanonicalJson.object();
        o.set("signed_by", by);
        o.put("canonical_signed", new String(signed.canonicalSigned(), StandardCharsets.UTF_8));
        ArrayNode sigs = o.putArray("signatures");
        for (RootSignature s : signed.signatures()) {
            ObjectNode so = sigs.addObject();
            so.put("key_id", s.keyId().hex());
            so.put("sig_base64", Base64.getEncoder().encodeToString(s.signature()));
        }
        o.put("file", new String(signed.toFileBytes(), StandardCharsets.UTF_8));
        return o;
    }

    static String hex8(long v) {
        return HEX.formatHex(Bytes.longBytes(v));
    }

    /** The file's bytes: the vectors, indented, members sorted. */
    static byte[] fileBytes() {
        return CanonicalJson.pretty(build());
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TestVectors <path of trust-test-vectors.json>");
            System.exit(2);
        }
        Path path = Path.of(args[0]);
        Files.write(path, fileBytes());
        System.out.println("wrote " + path.toAbsolutePath());
    }
}
