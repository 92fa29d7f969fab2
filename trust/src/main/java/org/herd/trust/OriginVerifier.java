package org.herd.trust;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a mirror verifies records and checkpoints with: the origin keys of one trust root.
 * Made from a {@link TrustState}, so that records are only ever checked against a root whose
 * signatures were checked. Thread-safe; when the trust state changes, make a new one.
 *
 * <p>A record is signed through the Merkle tree of its batch: its statement's leaf hash and the
 * proof in its headers lead to a root, and the origin key's signature of that root is checked
 * ({@link MerkleTree}). A batch's records share the root and the signature, so the verifier keeps
 * the last {@value #VERIFIED_ROOTS} roots it found validly signed (key id, tree size, root, and the
 * signature that verified) and checks each signature once. A record whose headers carry other
 * signature bytes than the remembered ones is checked again, so whether a record verifies never
 * depends on which records came before it. Likewise it keeps the last audit path it folded, and
 * folds the next one only up to where the two meet ({@link MerkleTree#fold}): the records of a batch
 * arrive one after another and share the upper levels of their paths. That saves hashes, never
 * changes a root.
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

    /** How many validly signed batch roots are remembered: a few batches' worth, 100 bytes each. */
    static final int VERIFIED_ROOTS = 256;

    private final TrustRoot root;
    private final Map<KeyId, OriginKey> keys = new HashMap<>();
    /** Ed25519 checks of batch roots made so far, for tests of the cache. */
    private final java.util.concurrent.atomic.AtomicLong rootSignatureChecks = new java.util.concurrent.atomic.AtomicLong();
    /** (key id, tree size, root) → the signature bytes that verified; least recently used dropped. */
    private final Map<BatchRoot, byte[]> verifiedRoots = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BatchRoot, byte[]> eldest) {
            return size() > VERIFIED_ROOTS;
        }
    };

    /** The last audit path folded, of any record; immutable, replaced whole. */
    private volatile MerkleTree.Fold lastFold;

    /** A batch root as the cache knows it. */
    private record BatchRoot(KeyId keyId, int treeSize, ByteBuffer root) {
    }

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
        return verifyRecord(key, value, headers, null);
    }

    /**
     * Checks one record as consumed, whose value the caller has already read.
     *
     * <p>{@code envelope} spares reading the value a second time. It must have been read from these
     * very bytes by a reader that reads nothing {@link RecordEnvelope#read} refuses (a member named
     * twice anywhere, content after the object, a member of another type or out of range) and that
     * reads the same members from everything else; when in doubt, pass null. The signature does not
     * depend on it: an envelope other than the value's makes a statement the origin did not sign,
     * which fails as {@code bad_signature}. What it guards is the rule that no two readers may see
     * different records in one value.
     *
     * @param envelope origin, entity, op, epoch and position as read from {@code value}; null to read
     *                 them here with {@link RecordEnvelope#read}
     */
    public RecordVerification verifyRecord(byte[] key, byte[] value, SignatureHeaders headers,
            RecordEnvelope envelope) {
        SignatureHeaders.Parsed h = headers.parseRecord();
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
        byte[] leaf;
        try {
            RecordEnvelope e = envelope != null ? envelope : RecordEnvelope.read(value);
            statement = RecordStatement.of(e.origin(), e.epoch(), e.entity(), key, e.op(), e.position(), value);
            // Here, not with the hash: an origin or entity that has no UTF-8 form is a value that
            // cannot be read, and must not stop the stream as an exception.
            leaf = statement.leafHash();
        } catch (TrustFormatException e) {
            return RecordVerification.rejected(RejectReason.MALFORMED, e.getMessage(), h.keyId(), null);
        } catch (IllegalArgumentException e) {
            return RecordVerification.rejected(RejectReason.MALFORMED, "value: " + e.getMessage(), h.keyId(), null);
        }
        ProofHeader proof = h.proof();
        MerkleTree.Fold fold = MerkleTree.fold(leaf, proof.leafIndex(), proof.treeSize(), proof.bytes(),
                ProofHeader.PATH_OFFSET, lastFold);
        lastFold = fold;
        byte[] batchRoot = fold.root();
        if (!rootSigned(h.keyId(), signingKey, proof.treeSize(), batchRoot, h.signature())) {
            return RecordVerification.rejected(RejectReason.BAD_SIGNATURE, "signature by " + h.keyId().shortForm()
                    + " does not match " + statement + " as " + proof + " of its batch", h.keyId(), statement);
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
        return RecordVerification.verified(h.keyId(), statement, proof);
    }

    /**
     * Whether {@code signature} is {@code key}'s signature of the batch root: remembered from an
     * earlier record of the batch with the same signature bytes, or checked now.
     */
    private boolean rootSigned(KeyId keyId, OriginKey key, int treeSize, byte[] batchRoot, byte[] signature) {
        BatchRoot id = new BatchRoot(keyId, treeSize, ByteBuffer.wrap(batchRoot));
        synchronized (verifiedRoots) {
            byte[] known = verifiedRoots.get(id);
            if (known != null && Arrays.equals(known, signature)) {
                return true;
            }
        }
        rootSignatureChecks.incrementAndGet();
        if (!Verifier.verify(MerkleTree.signingMessage(treeSize, batchRoot), signature, key.publicKey())) {
            return false;
        }
        synchronized (verifiedRoots) {
            verifiedRoots.put(id, signature.clone());
        }
        return true;
    }

    /**
     * Checks one checkpoint as consumed.
     *
     * @param value   the Kafka value bytes (the checkpoint's canonical JSON)
     * @param headers the record's signature headers
     */
    public CheckpointVerification verifyCheckpoint(byte[] value, SignatureHeaders headers) {
        SignatureHeaders.Parsed h = headers.parseCheckpoint();
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

    /** How many batch root signatures this verifier has checked with Ed25519 (not from its cache). */
    long rootSignatureChecks() {
        return rootSignatureChecks.get();
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
