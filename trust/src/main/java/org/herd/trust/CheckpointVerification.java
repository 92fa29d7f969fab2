package org.herd.trust;

import java.util.Objects;

/**
 * The outcome of checking a checkpoint's signature: verified with the checkpoint, or refused
 * with the same reasons as a record ({@link RejectReason}).
 *
 * @param reason     null when verified
 * @param detail     what was found, for people
 * @param keyId      the key the headers name; null when they could not be read
 * @param checkpoint the checkpoint; null unless verified, or refused for its origin or epoch
 */
public record CheckpointVerification(RejectReason reason, String detail, KeyId keyId, Checkpoint checkpoint) {

    public CheckpointVerification {
        Objects.requireNonNull(detail, "detail");
        if (reason == null && (keyId == null || checkpoint == null)) {
            throw new IllegalArgumentException("a verified checkpoint names its key and content");
        }
    }

    public boolean verified() {
        return reason == null;
    }

    @Override
    public String toString() {
        return (verified() ? "verified: " : reason.wireName() + ": ") + detail;
    }
}
