package org.herd.trust;

import java.util.Objects;

/**
 * Checks Ed25519 signatures (pure Ed25519 of RFC 8032) with BouncyCastle. Stateless, so
 * thread-safe. BouncyCastle refuses a signature whose scalar is not reduced, so a valid
 * signature cannot be altered into another valid one of the same message.
 */
public final class Verifier {

    /** Length of an Ed25519 signature. */
    public static final int SIGNATURE_LENGTH = 64;

    private Verifier() {
    }

    /**
     * Whether {@code signature} is {@code key}'s signature of {@code message}; false for a
     * signature of any length other than 64 bytes.
     */
    public static boolean verify(byte[] message, byte[] signature, Ed25519PublicKey key) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(key, "key");
        return key.verifies(message, signature);
    }
}
