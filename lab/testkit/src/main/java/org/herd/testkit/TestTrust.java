package org.herd.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.SourcePosition;
import org.herd.translator.wire.WireFormat;
import org.herd.trust.BinlogPosition;
import org.herd.trust.Ed25519KeyPair;
import org.herd.trust.OriginVerifier;
import org.herd.trust.MerkleTree;
import org.herd.trust.OriginSigner;
import org.herd.trust.PrivateKeyFile;
import org.herd.trust.RecordOp;
import org.herd.trust.RecordStatement;
import org.herd.trust.RootCeremony;
import org.herd.trust.RootChange;
import org.herd.trust.SignedRecord;
import org.herd.trust.SignedRoot;
import org.herd.trust.Signer;
import org.herd.trust.Trustee;
import org.herd.trust.TrustRoot;
import org.herd.trust.TrustState;

/**
 * The origin keys and trust roots of embedded runs (the tests, the demo, the benchmark, the crash
 * harness): keys from fixed seeds (SHA-256 of a label, as in the trust test vectors), so that every
 * run signs alike. Three trustees, threshold 2; version {@code n} of an origin's root lists the
 * origin keys of epochs 1 to {@code n}, all active. These keys are public: they protect nothing.
 */
public final class TestTrust {

    /** Far enough ahead that no run meets it. */
    public static final Instant EXPIRES = Instant.parse("2100-01-01T00:00:00Z");

    private static final Map<String, Path> FILES = new ConcurrentHashMap<>();

    private TestTrust() {
    }

    /** A key from a fixed seed that no root of the test kit names. */
    public static Ed25519KeyPair foreignKey(String label) {
        return Ed25519KeyPair.fromSeed(seed("herd test foreign key " + label));
    }

    /** The origin key of {@code epoch}: the same for every origin, as in the trust test vectors. */
    public static Ed25519KeyPair originKey(long epoch) {
        return Ed25519KeyPair.fromSeed(seed("herd test origin key epoch " + epoch));
    }

    /** Trustee {@code i}, 1 to 3. */
    public static Ed25519KeyPair trustee(int i) {
        return Ed25519KeyPair.fromSeed(seed("herd test trustee " + i));
    }

    /**
     * Version {@code epoch} of {@code origin}'s trust root, signed by trustees 1 and 2: version 1
     * names the epoch 1 key, each later version adds the key of its number as a planned rotation.
     */
    public static SignedRoot root(String origin, int epoch) {
        return chain(origin, epoch).get(epoch - 1);
    }

    /** Versions 1 to {@code versions} of {@code origin}'s trust root, oldest first. */
    public static List<SignedRoot> chain(String origin, int versions) {
        if (versions < 1) {
            throw new IllegalArgumentException("a trust root chain has at least version 1");
        }
        List<Trustee> trustees = List.of(new Trustee(trustee(1).publicKey(), "test trustee 1"),
                new Trustee(trustee(2).publicKey(), "test trustee 2"),
                new Trustee(trustee(3).publicKey(), "test trustee 3"));
        List<SignedRoot> chain = new ArrayList<>();
        TrustRoot root = RootCeremony.create(origin, trustees, 2, originKey(1).publicKey(), EXPIRES);
        chain.add(signed(root));
        for (int v = 2; v <= versions; v++) {
            root = RootCeremony.propose(root, EXPIRES,
                    List.of(new RootChange.RotateOriginKey(originKey(v).publicKey(), false)));
            chain.add(signed(root));
        }
        return chain;
    }

    private static SignedRoot signed(TrustRoot root) {
        return RootCeremony.sign(RootCeremony.sign(SignedRoot.unsigned(root), trustee(1)), trustee(2));
    }

    /** A verifier of {@code origin}'s records that trusts version {@code version} of its root. */
    public static OriginVerifier verifier(String origin, int version) {
        return OriginVerifier.of(TrustState.pin(root(origin, version), Instant.now()).state());
    }

    /**
     * The sidecar properties that sign as {@code origin} at {@code epoch}: the key file (0600) and
     * the root file of version {@code epoch}, written once per run to a temporary directory.
     */
    public static List<String> sidecarProperties(String origin, int epoch) {
        Path dir = FILES.computeIfAbsent(origin + "/" + epoch, k -> write(origin, epoch));
        return List.of("herd.sidecar.trust.key-file=" + dir.resolve("origin.key"),
                "herd.sidecar.trust.root-file=" + dir.resolve("root.json"));
    }

    /**
     * The root file of version {@code version} of {@code origin}'s trust root, for a mirror's
     * {@code herd.mirror.trust.root-file}: the file the sidecar of that epoch is given.
     */
    public static Path rootFile(String origin, int version) {
        return FILES.computeIfAbsent(origin + "/" + version, k -> write(origin, version)).resolve("root.json");
    }

    /**
     * {@code records} as a sidecar of epoch 1 publishes them to topics {@code prefix.<entity>}:
     * positions at epoch 1, signed in one batch per origin by its epoch-1 key, with their
     * signature headers. For tests that publish without a sidecar.
     */
    public static List<ProducerRecord<byte[], byte[]>> signed(String prefix, List<NeutralRecord> records) {
        return signed(prefix, records, originKey(1));
    }

    /**
     * As {@link #signed(String, List)}, signed by {@code key} as if it were the key of epoch 1:
     * with a key the origin's root does not name, a forgery.
     */
    public static List<ProducerRecord<byte[], byte[]>> signed(String prefix, List<NeutralRecord> records,
            Ed25519KeyPair key) {
        Map<String, List<Integer>> byOrigin = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            byOrigin.computeIfAbsent(records.get(i).origin(), o -> new ArrayList<>()).add(i);
        }
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(Collections.nCopies(records.size(), null));
        byOrigin.forEach((origin, all) -> {
            for (int from = 0; from < all.size(); from += MerkleTree.MAX_LEAVES) {
                int to = Math.min(all.size(), from + MerkleTree.MAX_LEAVES);
                sign(new OriginSigner(new Signer(key), origin, 1), records, all.subList(from, to), prefix, out);
            }
        });
        return out;
    }

    private static void sign(OriginSigner signer, List<NeutralRecord> records, List<Integer> indexes, String prefix,
            List<ProducerRecord<byte[], byte[]>> out) {
        List<RecordStatement> statements = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i : indexes) {
            NeutralRecord r = atEpoch(records.get(i), 1);
            byte[] key = WireFormat.encodeKey(r);
            byte[] value = WireFormat.encode(r);
            SourcePosition p = r.position();
            statements.add(signer.statement(r.entity(), key,
                    r.op() == Operation.DELETE ? RecordOp.DELETE : RecordOp.UPSERT,
                    new BinlogPosition(p.file(), p.pos(), p.event(), p.row()), value));
            keys.add(key);
            values.add(value);
        }
        List<SignedRecord> signatures = signer.signBatch(statements);
        for (int j = 0; j < indexes.size(); j++) {
            NeutralRecord r = records.get(indexes.get(j));
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(prefix + "." + r.entity(), keys.get(j),
                    values.get(j));
            signatures.get(j).headers().forEach((name, value) -> record.headers().add(name, value));
            out.set(indexes.get(j), record);
        }
    }

    /** {@code record} with its position at {@code epoch}, as a sidecar of that epoch publishes it. */
    public static NeutralRecord atEpoch(NeutralRecord record, long epoch) {
        return new NeutralRecord(record.entity(), record.origin(), record.key(), record.op(),
                record.position().withEpoch(epoch), record.payload());
    }

    private static Path write(String origin, int epoch) {
        try {
            Path dir = Files.createTempDirectory("herd-trust-" + origin + "-" + epoch + "-");
            PrivateKeyFile.write(dir.resolve("origin.key"), originKey(epoch));
            Files.write(dir.resolve("root.json"), root(origin, epoch).toFileBytes());
            dir.toFile().deleteOnExit();
            dir.resolve("origin.key").toFile().deleteOnExit();
            dir.resolve("root.json").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the test trust files of " + origin, e);
        }
    }

    private static byte[] seed(String label) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
