package org.herd.trust;

import java.util.Objects;

/**
 * The outcome of checking one record's signature: verified, with what was signed and by which
 * key, or refused, with the reason and a detail for the reject table and logs. The detail names
 * the key id, entity, operation and position, never the payload.
 *
 * @param reason    null when verified, else why the record is refused
 * @param detail    what was found, for people
 * @param keyId     the key the headers name; null when they could not be read
 * @param statement what the record says was signed (origin, epoch, entity, key, op, position,
 *                  value hash); null when the value could not be read or the check stopped
 *                  before reading it
 */
public record RecordVerification(RejectReason reason, String detail, KeyId keyId, RecordStatement statement) {

    public RecordVerification {
        Objects.requireNonNull(detail, "detail");
        if (reason == null && (keyId == null || statement == null)) {
            throw new IllegalArgumentException("a verified record names its key and statement");
        }
    }

    static RecordVerification verified(KeyId keyId, RecordStatement statement, BatchProof proof) {
        return new RecordVerification(null, "signed by " + keyId.shortForm() + " at epoch " + statement.epoch() + ", "
                + proof + " of its batch", keyId, statement);
    }

    static RecordVerification rejected(RejectReason reason, String detail, KeyId keyId, RecordStatement statement) {
        return new RecordVerification(Objects.requireNonNull(reason, "reason"), detail, keyId, statement);
    }

    /** Whether the record may be applied. */
    public boolean verified() {
        return reason == null;
    }

    @Override
    public String toString() {
        return (verified() ? "verified: " : reason.wireName() + ": ") + detail;
    }
}
