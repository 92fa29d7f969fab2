package org.herd.trust;

import java.util.Objects;

/**
 * The outcome of checking one record's signature: verified, with what was signed and by which
 * key, or refused, with the reason and a detail for the reject table and logs. The detail names
 * the key id, entity, operation and position, never the payload.
 *
 * <p>Not a record: a verified record's detail is written when it is asked for, which is rarely,
 * rather than for every record a mirror verifies.
 */
public final class RecordVerification {

    private final RejectReason reason;
    private final String detail;
    private final KeyId keyId;
    private final RecordStatement statement;
    /** A verified record's place in its batch, for its detail. */
    private final int leafIndex;
    private final int treeSize;

    private RecordVerification(RejectReason reason, String detail, KeyId keyId, RecordStatement statement,
            int leafIndex, int treeSize) {
        this.reason = reason;
        this.detail = detail;
        this.keyId = keyId;
        this.statement = statement;
        this.leafIndex = leafIndex;
        this.treeSize = treeSize;
    }

    static RecordVerification verified(KeyId keyId, RecordStatement statement, ProofHeader proof) {
        return new RecordVerification(null, null, Objects.requireNonNull(keyId, "keyId"),
                Objects.requireNonNull(statement, "statement"), proof.leafIndex(), proof.treeSize());
    }

    static RecordVerification rejected(RejectReason reason, String detail, KeyId keyId, RecordStatement statement) {
        return new RecordVerification(Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(detail, "detail"),
                keyId, statement, -1, -1);
    }

    /** Null when verified, else why the record is refused. */
    public RejectReason reason() {
        return reason;
    }

    /** What was found, for people. */
    public String detail() {
        if (detail != null) {
            return detail;
        }
        return "signed by " + keyId.shortForm() + " at epoch " + statement.epoch() + ", leaf " + leafIndex + " of "
                + treeSize + " of its batch";
    }

    /** The key the headers name; null when they could not be read. */
    public KeyId keyId() {
        return keyId;
    }

    /**
     * What the record says was signed (origin, epoch, entity, key, op, position, value hash); null
     * when the value could not be read or the check stopped before reading it.
     */
    public RecordStatement statement() {
        return statement;
    }

    /** Whether the record may be applied. */
    public boolean verified() {
        return reason == null;
    }

    /** Equal when reason, detail, key and statement are, as between two values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RecordVerification v && reason == v.reason && Objects.equals(keyId, v.keyId)
                && Objects.equals(statement, v.statement) && detail().equals(v.detail());
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, keyId, statement, detail());
    }

    @Override
    public String toString() {
        return (verified() ? "verified: " : reason.wireName() + ": ") + detail();
    }
}
