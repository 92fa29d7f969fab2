package org.herd.trust;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a mirror verifies records and checkpoints with: the origin keys of one trust root.
 * Made from a {@link TrustState}, so that records are only ever checked against a root whose
 * signatures were checked. Immutable and thread-safe; when the trust state changes, make a new one.
 *
 * <p>A record is checked in this order, and refused with the first reason that applies:
 * {@code unsigned}, {@code malformed_headers}, {@code unknown_key}, {@code revoked_key} (from the
 * headers and the root alone, so that nothing else is read for a record no key of the root could
 * vouch for), {@code malformed} (the value cannot be read), {@code bad_signature}, and only then
 * {@code wrong_origin} and {@code wrong_epoch}: those describe what a valid signature says, so an
 * altered record reports {@code bad_signature}, not the origin or epoch it was altered to. A
 * checkpoint is checked the same way, except that its signature is checked before it is read.
 */
public final class OriginVerifier {

    private final TrustRoot root;
    private final Map<KeyId, OriginKey> keys = new HashMap<>();

    /** Package-private: outside, a verifier comes only from a {@link TrustState}, whose root passed its checks. */
    OriginVerifier(TrustRoot root) {
        this.root = Objects.requireNonNull(root, "root");
        root.originKeys().forEach(k -> keys.put(k.id(), k));
    }

    /** A verifier for the root {@code state} trusts, whether or not it has expired. */
    public static OriginVerifier of(TrustState state) {
        return new OriginVerifier(state.root());
    }

    public TrustRoot root() {
        return root;
    }

    /**
     * Checks one record as consumed.
     *
     * @param key     the Kafka key bytes
     * @param value   the Kafka value bytes
     * @param headers the record's signature headers ({@link SignatureHeaders#collect})
     */
    public RecordVerification verifyRecord(byte[] key, byte[] value, SignatureHeaders headers) {
        SignatureHeaders.Parsed h = headers.parse();
        if (h.failure() != null) {
            return RecordVerification.rejected(h.failure(), h.detail(), null, null);
        }
        OriginKey signingKey = keys.get(h.keyId());
        String refusal = keyRefusal(signingKey, h.keyId());
        if (refusal != null) {
            return RecordVerification.rejected(signingKey == null ? RejectReason.UNKNOWN_KEY : RejectReason.REVOKED_KEY,
                    refusal, h.keyId(), null);
        }
        if (key == null || value == null) {
            return RecordVerification.rejected(RejectReason.MALFORMED, "record has no " + (key == null ? "key" : "value")
                    + "; signed records carry both, deletes included", h.keyId(), null);
        }
        RecordStatement statement;
        try {
            RecordEnvelope e = RecordEnvelope.read(value);
            statement = RecordStatement.of(e.origin(), e.epoch(), e.entity(), key, e.op(), e.position(), value);
        } catch (TrustFormatException e) {
            return RecordVerification.rejected(RejectReason.MALFORMED, e.getMessage(), h.keyId(), null);
        } catch (IllegalArgumentException e) {
            return RecordVerification.rejected(RejectReason.MALFORMED, "value: " + e.getMessage(), h.keyId(), null);
        }
        if (!Verifier.verify(statement.encode(), h.signature(), signingKey.publicKey())) {
            return RecordVerification.rejected(RejectReason.BAD_SIGNATURE, "signature by " + h.keyId().shortForm()
                    + " does not match " + statement, h.keyId(), statement);
        }
        if (!statement.origin().equals(root.origin())) {
            return RecordVerification.rejected(RejectReason.WRONG_ORIGIN, statement + " is signed by "
                    + h.keyId().shortForm() + ", an origin key of " + root.origin(), h.keyId(), statement);
        }
        if (statement.epoch() != signingKey.epoch()) {
            return RecordVerification.rejected(RejectReason.WRONG_EPOCH, statement + " names epoch " + statement.epoch()
                    + ", but its key " + h.keyId().shortForm() + " has epoch " + signingKey.epoch() + " in trust root v"
                    + root.version(), h.keyId(), statement);
        }
        return RecordVerification.verified(h.keyId(), statement);
    }

    /**
     * Checks one checkpoint as consumed.
     *
     * @param value   the Kafka value bytes (the checkpoint's canonical JSON)
     * @param headers the record's signature headers
     */
    public CheckpointVerification verifyCheckpoint(byte[] value, SignatureHeaders headers) {
        SignatureHeaders.Parsed h = headers.parse();
        if (h.failure() != null) {
            return new CheckpointVerification(h.failure(), h.detail(), null, null);
        }
        OriginKey signingKey = keys.get(h.keyId());
        String refusal = keyRefusal(signingKey, h.keyId());
        if (refusal != null) {
            return new CheckpointVerification(signingKey == null ? RejectReason.UNKNOWN_KEY : RejectReason.REVOKED_KEY,
                    refusal, h.keyId(), null);
        }
        if (value == null) {
            return new CheckpointVerification(RejectReason.MALFORMED, "checkpoint has no value", h.keyId(), null);
        }
        if (!Verifier.verify(Checkpoint.signingMessage(value), h.signature(), signingKey.publicKey())) {
            return new CheckpointVerification(RejectReason.BAD_SIGNATURE, "checkpoint signature by "
                    + h.keyId().shortForm() + " does not verify", h.keyId(), null);
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.decode(value);
        } catch (TrustFormatException e) {
            return new CheckpointVerification(RejectReason.MALFORMED, e.getMessage(), h.keyId(), null);
        }
        if (!checkpoint.origin().equals(root.origin())) {
            return new CheckpointVerification(RejectReason.WRONG_ORIGIN, checkpoint + " is signed by "
                    + h.keyId().shortForm() + ", an origin key of " + root.origin(), h.keyId(), checkpoint);
        }
        if (checkpoint.epoch() != signingKey.epoch()) {
            return new CheckpointVerification(RejectReason.WRONG_EPOCH, checkpoint + " names epoch " + checkpoint.epoch()
                    + ", but its key " + h.keyId().shortForm() + " has epoch " + signingKey.epoch() + " in trust root v"
                    + root.version(), h.keyId(), checkpoint);
        }
        return new CheckpointVerification(null, "signed by " + h.keyId().shortForm() + " at epoch " + checkpoint.epoch(),
                h.keyId(), checkpoint);
    }

    private String keyRefusal(OriginKey key, KeyId id) {
        if (key == null) {
            return "key " + id.shortForm() + " is not an origin key of trust root v" + root.version() + " of "
                    + root.origin();
        }
        if (!key.active()) {
            return "key " + id.shortForm() + " (epoch " + key.epoch() + ") is revoked in trust root v" + root.version()
                    + " of " + root.origin();
        }
        return null;
    }

    @Override
    public String toString() {
        return "OriginVerifier[" + root + "]";
    }
}
