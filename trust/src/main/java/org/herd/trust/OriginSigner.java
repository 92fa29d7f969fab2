package org.herd.trust;

import java.util.Objects;

/**
 * What the sidecar signs with: one origin key, the origin's id and the key's epoch. Signs each
 * record on its own ({@link RecordStatement}) and each checkpoint. Thread-safe, like
 * {@link Signer}.
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
     * Signs one record.
     *
     * @param entity   the entity (topic suffix)
     * @param key      the Kafka key bytes exactly as they will be published
     * @param op       upsert or delete
     * @param position the record's binlog position (the same as in its value)
     * @param value    the Kafka value bytes exactly as they will be published; its
     *                 {@code position.epoch} must be this signer's {@link #epoch()}
     */
    public SignedRecord signRecord(String entity, byte[] key, RecordOp op, BinlogPosition position, byte[] value) {
        RecordStatement statement = RecordStatement.of(origin, epoch, entity, key, op, position, value);
        return new SignedRecord(statement, SignatureHeaders.of(signer.keyId(), signer.sign(statement.encode())));
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
