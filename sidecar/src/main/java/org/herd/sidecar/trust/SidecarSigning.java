package org.herd.sidecar.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.publish.EncodedRecord;
import org.herd.sidecar.publish.RecordFacts;
import org.herd.translator.Operation;
import org.herd.translator.SourcePosition;
import org.herd.trust.BinlogPosition;
import org.herd.trust.Ed25519KeyPair;
import org.herd.trust.KeyId;
import org.herd.trust.OriginKey;
import org.herd.trust.OriginSigner;
import org.herd.trust.PrivateKeyFile;
import org.herd.trust.RecordOp;
import org.herd.trust.RecordStatement;
import org.herd.trust.RootUpdate;
import org.herd.trust.Signer;
import org.herd.trust.SignedRecord;
import org.herd.trust.TrustFormatException;
import org.herd.trust.TrustRoot;
import org.herd.trust.TrustState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this sidecar signs: with the origin key of {@code herd.sidecar.trust.key-file}, at the epoch
 * the trust root of {@code herd.sidecar.trust.root-file} gives it, in batches of
 * {@code herd.sidecar.trust.batch-size} records ({@link OriginSigner#signBatch}); or, with
 * {@code herd.sidecar.trust.unsigned=true}, not at all, at epoch 0.
 *
 * <p>Both files are read and checked once, at start-up, and a sidecar that would publish what
 * mirrors refuse does not start: the root must be signed by its own threshold of trustees, be the
 * root of {@code herd.sidecar.origin}, and list the key as an active origin key. Thread-safe.
 */
public final class SidecarSigning {

    private static final Logger log = LoggerFactory.getLogger(SidecarSigning.class);

    private final OriginSigner signer;
    /** Summed by {@link #sign}; read by the meters and the bench, never reset. */
    private final java.util.concurrent.atomic.LongAdder signCpuNanos = new java.util.concurrent.atomic.LongAdder();
    private final TrustRoot root;
    private final int batchSize;
    private final Duration checkpointInterval;

    private SidecarSigning(OriginSigner signer, TrustRoot root, int batchSize, Duration checkpointInterval) {
        this.signer = signer;
        this.root = root;
        this.batchSize = batchSize;
        this.checkpointInterval = checkpointInterval;
    }

    /** A sidecar that does not sign: epoch 0, no headers, no checkpoints. */
    public static SidecarSigning unsigned() {
        return new SidecarSigning(null, null, 1, Duration.ofSeconds(5));
    }

    /** A sidecar that signs with {@code signer}, whose origin and epoch come from {@code root}. */
    public static SidecarSigning of(OriginSigner signer, TrustRoot root, int batchSize, Duration checkpointInterval) {
        if (batchSize < 1 || batchSize > org.herd.trust.MerkleTree.MAX_LEAVES) {
            throw new IllegalArgumentException("batch size " + batchSize + " is not 1 to "
                    + org.herd.trust.MerkleTree.MAX_LEAVES);
        }
        return new SidecarSigning(Objects.requireNonNull(signer, "signer"), Objects.requireNonNull(root, "root"),
                batchSize, Objects.requireNonNull(checkpointInterval, "checkpointInterval"));
    }

    /**
     * Reads and checks the key and trust root the properties name, and says so in one log line;
     * or, unsigned, warns once.
     *
     * @throws IllegalStateException naming the property, the file and what is wrong with it
     */
    public static SidecarSigning load(SidecarProperties properties, Instant now) {
        SidecarProperties.Trust trust = properties.trust();
        if (trust.unsigned()) {
            log.warn("Publishing UNSIGNED (herd.sidecar.trust.unsigned=true): records carry epoch 0 and no signature, "
                    + "and no checkpoints are published; mirrors that verify the origin's signatures refuse them. See "
                    + "docs/operator.md, \"Signing the stream\"");
            return unsigned();
        }
        Ed25519KeyPair key = readKey(trust.keyFile());
        TrustState state = readRoot(trust.rootFile(), now);
        TrustRoot root = state.root();
        if (!root.origin().equals(properties.origin())) {
            throw new IllegalStateException("herd.sidecar.trust.root-file " + trust.rootFile() + " is the trust root of "
                    + "origin '" + root.origin() + "', but herd.sidecar.origin is '" + properties.origin() + "'");
        }
        Optional<OriginKey> listed = root.originKey(key.keyId());
        if (listed.isEmpty()) {
            throw new IllegalStateException("the key of herd.sidecar.trust.key-file (key id " + key.keyId() + ") is not "
                    + "an origin key of origin '" + root.origin() + "' in trust root v" + root.version()
                    + " (herd.sidecar.trust.root-file " + trust.rootFile() + "): mirrors would refuse what it signs");
        }
        if (!listed.get().active()) {
            throw new IllegalStateException("the key of herd.sidecar.trust.key-file (key id " + key.keyId() + ", epoch "
                    + listed.get().epoch() + ") is revoked for origin '" + root.origin() + "' in trust root v"
                    + root.version() + " (herd.sidecar.trust.root-file " + trust.rootFile() + ")");
        }
        if (state.expired()) {
            log.warn("The trust root v{} of '{}' expired at {}: mirrors keep verifying against it but report it "
                    + "expired; the trustees should publish a new version", root.version(), root.origin(),
                    root.expires());
        }
        SidecarSigning signing = of(OriginSigner.forRoot(new Signer(key), root), root, trust.batchSize(),
                trust.checkpointInterval());
        log.info("Signing as origin '{}' with key {} at epoch {} (trust root v{}, expires {}): one signature per {} "
                + "records, a checkpoint every {} ms", root.origin(), key.keyId(), signing.epoch(), root.version(),
                root.expires(), trust.batchSize(), trust.checkpointInterval().toMillis());
        return signing;
    }

    private static Ed25519KeyPair readKey(Path file) {
        try {
            return PrivateKeyFile.read(file);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("herd.sidecar.trust.key-file " + file + " does not exist (create it with "
                    + "herd keys --out " + file + ")", e);
        } catch (IOException | TrustFormatException e) {
            // PrivateKeyFile's messages name the file and its permissions, never its content.
            throw new IllegalStateException("herd.sidecar.trust.key-file: " + e.getMessage(), e);
        }
    }

    private static TrustState readRoot(Path file, Instant now) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("herd.sidecar.trust.root-file " + file + " cannot be read: " + e, e);
        }
        RootUpdate pinned = TrustState.pin(bytes, now);
        if (!pinned.accepted()) {
            throw new IllegalStateException("herd.sidecar.trust.root-file " + file + " is no trust root mirrors would "
                    + "accept (" + pinned.failure().wireName() + "): " + pinned.detail());
        }
        return pinned.state();
    }

    /** Whether records are signed. */
    public boolean signs() {
        return signer != null;
    }

    /** The epoch of every position this sidecar publishes: the key's, or 0 when it does not sign. */
    public long epoch() {
        return signer == null ? 0 : signer.epoch();
    }

    /** The signer; empty when the sidecar does not sign. */
    public Optional<OriginSigner> signer() {
        return Optional.ofNullable(signer);
    }

    /** The trust root naming the key; empty when the sidecar does not sign. */
    public Optional<TrustRoot> root() {
        return Optional.ofNullable(root);
    }

    public Optional<KeyId> keyId() {
        return signer().map(OriginSigner::keyId);
    }

    /** Records per signature: the leaves of one Merkle tree. */
    public int batchSize() {
        return batchSize;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /**
     * Signs {@code records} in trees of {@link #batchSize()} records and returns them with their
     * signature headers, in order; unchanged when the sidecar does not sign.
     *
     * @throws IllegalStateException when a record's position is not of this signer's epoch: it
     *                               would publish a record mirrors refuse
     */
    public List<EncodedRecord> sign(List<EncodedRecord> records) {
        if (signer == null || records.isEmpty()) {
            return records;
        }
        long cpuBefore = threadCpuNanos();
        try {
            return signBatches(records);
        } finally {
            long cpuAfter = threadCpuNanos();
            if (cpuBefore >= 0 && cpuAfter >= cpuBefore) {
                signCpuNanos.add(cpuAfter - cpuBefore);
            }
        }
    }

    /**
     * CPU time the signing threads spent in {@link #sign} since start, in nanoseconds: statements,
     * Merkle trees and signatures. 0 when the sidecar does not sign or the JVM cannot measure a
     * thread's CPU time.
     */
    public long signCpuNanos() {
        return signCpuNanos.sum();
    }

    /** This thread's CPU time; -1 where the JVM does not measure it. */
    private static long threadCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    private List<EncodedRecord> signBatches(List<EncodedRecord> records) {
        List<EncodedRecord> out = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += batchSize) {
            List<EncodedRecord> batch = records.subList(from, Math.min(records.size(), from + batchSize));
            List<RecordStatement> statements = new ArrayList<>(batch.size());
            for (EncodedRecord r : batch) {
                statements.add(statement(r));
            }
            List<SignedRecord> signed = signer.signBatch(statements);
            for (int i = 0; i < batch.size(); i++) {
                out.add(batch.get(i).signedAs(signed.get(i)));
            }
        }
        return out;
    }

    private RecordStatement statement(EncodedRecord r) {
        RecordFacts record = r.facts();
        SourcePosition p = record.position();
        if (p.epoch() != signer.epoch()) {
            throw new IllegalStateException(record.describe() + " is of epoch " + p.epoch() + ", but the sidecar signs at "
                    + "epoch " + signer.epoch());
        }
        return signer.statement(record.entity(), r.key(), record.op() == Operation.UPSERT ? RecordOp.UPSERT
                : RecordOp.DELETE, binlogPosition(p), r.value());
    }

    /** The trust module's view of a position: the members that order records, without the epoch. */
    public static BinlogPosition binlogPosition(SourcePosition p) {
        return new BinlogPosition(p.file(), p.pos(), p.event(), p.row());
    }

    @Override
    public String toString() {
        return signer == null ? "unsigned" : signer.toString();
    }
}
