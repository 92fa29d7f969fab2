package org.herd.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the sidecar signs with: one origin key, the origin's id and the key's epoch. Signs records
 * in batches, one signature over the root of a Merkle tree of their statements
 * ({@link MerkleTree}), each record keeping the proof of its place in the tree so that it verifies
 * on its own; and signs each checkpoint directly. Thread-safe, like {@link Signer}.
 */
public final class OriginSigner {

    private final Signer signer;
    private final String origin;
    private final long epoch;

    /**
     * @param signer the origin key
     * @param origin the origin's id
     * @param epoch  the epoch the trust root gives the key; mirrors refuse records naming another
     */
    public OriginSigner(Signer signer, String origin, long epoch) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.origin = Origins.check(origin, "origin");
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be 1 or more, found " + epoch);
        }
        this.epoch = epoch;
    }

    /**
     * A signer for {@code signer}'s key as {@code root} lists it: the origin and epoch are taken
     * from the root, so that a sidecar cannot publish under an epoch mirrors would refuse.
     *
     * @throws IllegalStateException when the key is not an origin key of the root, or is revoked
     */
    public static OriginSigner forRoot(Signer signer, TrustRoot root) {
        OriginKey key = root.originKey(signer.keyId()).orElseThrow(() -> new IllegalStateException("key "
                + signer.keyId() + " is not an origin key of " + root + "; mirrors would refuse what it signs"));
        if (!key.active()) {
            throw new IllegalStateException("origin key " + signer.keyId() + " (epoch " + key.epoch() + ") is revoked in "
                    + root + "; mirrors would refuse what it signs");
        }
        return new OriginSigner(signer, root.origin(), key.epoch());
    }

    /**
     * The statement of one record under this signer's origin and epoch, to sign in a batch.
     *
     * @param entity   the entity (topic suffix)
     * @param key      the Kafka key bytes exactly as they will be published
     * @param op       upsert or delete
     * @param position the record's binlog position (the same as in its value)
     * @param value    the Kafka value bytes exactly as they will be published; its
     *                 {@code position.epoch} must be this signer's {@link #epoch()}
     */
    public RecordStatement statement(String entity, byte[] key, RecordOp op, BinlogPosition position, byte[] value) {
        return RecordStatement.of(origin, epoch, entity, key, op, position, value);
    }

    /** Signs one record: a batch of one, whose proof has an empty path. */
    public SignedRecord signRecord(String entity, byte[] key, RecordOp op, BinlogPosition position, byte[] value) {
        return signBatch(List.of(statement(entity, key, op, position, value))).get(0);
    }

    /**
     * Signs a batch of records with one signature: builds the Merkle tree of their statements in
     * order, signs its root, and gives each record the headers with that signature and its own
     * proof.
     *
     * @param statements 1 to {@link MerkleTree#MAX_LEAVES} statements of this signer's origin and
     *                   epoch ({@link #statement})
     * @return the signed records, in the order of {@code statements}
     * @throws IllegalArgumentException when the batch is empty or too large, or a statement names
     *                                  another origin or epoch
     */
    public List<SignedRecord> signBatch(List<RecordStatement> statements) {
        List<byte[]> leaves = new ArrayList<>(statements.size());
        for (RecordStatement s : statements) {
            if (!s.origin().equals(origin) || s.epoch() != epoch) {
                throw new IllegalArgumentException("record " + s + " cannot be signed by the key of " + origin + " epoch "
                        + epoch);
            }
            leaves.add(s.leafHash());
        }
        MerkleTree tree = MerkleTree.of(leaves);
        byte[] signature = signer.sign(MerkleTree.signingMessage(tree.size(), tree.root()));
        List<SignedRecord> signed = new ArrayList<>(statements.size());
        byte[] keyIdAscii = signer.keyId().toAscii();
        for (int i = 0; i < statements.size(); i++) {
            signed.add(new SignedRecord(statements.get(i),
                    SignatureHeaders.ofBatchMember(keyIdAscii, signature, tree.proofHeader(i))));
        }
        return signed;
    }

    /**
     * Signs a checkpoint, which must be this signer's origin and epoch.
     *
     * @throws IllegalArgumentException when it is not
     */
    public SignedCheckpoint signCheckpoint(Checkpoint checkpoint) {
        if (!checkpoint.origin().equals(origin) || checkpoint.epoch() != epoch) {
            throw new IllegalArgumentException("checkpoint of " + checkpoint.origin() + " epoch " + checkpoint.epoch()
                    + " cannot be signed by the key of " + origin + " epoch " + epoch);
        }
        byte[] value = checkpoint.encode();
        return new SignedCheckpoint(value,
                SignatureHeaders.of(signer.keyId(), signer.sign(Checkpoint.signingMessage(value))));
    }

    public String origin() {
        return origin;
    }

    public long epoch() {
        return epoch;
    }

    public KeyId keyId() {
        return signer.keyId();
    }

    @Override
    public String toString() {
        return "OriginSigner[" + origin + " epoch " + epoch + ", key " + signer.keyId() + "]";
    }
}
