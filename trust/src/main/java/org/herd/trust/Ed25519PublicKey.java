package org.herd.trust;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (RFC 8032): 32 raw bytes, written as their base64 (RFC 4648, with
 * padding) in trust roots and test vectors. Immutable and safe to share between threads.
 *
 * <p>The key is decoded and fully validated once, when it is read: a point that is not on the
 * curve or lies in its small-order subgroup is refused, since a signature check against such a
 * key proves nothing. The decoded point is kept, so that each verification does not decompress
 * it again.
 */
public final class Ed25519PublicKey {

    /** Length of a raw Ed25519 public key. */
    public static final int LENGTH = Ed25519.PUBLIC_KEY_SIZE;

    private final byte[] raw;
    private final Ed25519PublicKeyParameters params;
    private final KeyId id;

    private Ed25519PublicKey(byte[] raw, Ed25519PublicKeyParameters params) {
        this.raw = raw;
        this.params = params;
        this.id = KeyId.ofRaw(raw);
    }

    /**
     * @throws TrustFormatException when {@code raw} is not 32 bytes or not a valid Ed25519 point
     */
    public static Ed25519PublicKey fromRaw(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != LENGTH) {
            throw new TrustFormatException("an Ed25519 public key is " + LENGTH + " bytes, found " + raw.length);
        }
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(raw, 0);
        if (point == null) {
            throw new TrustFormatException("not a valid Ed25519 public key (not a point of the curve, or one of small order)");
        }
        return new Ed25519PublicKey(raw.clone(), new Ed25519PublicKeyParameters(point));
    }

    /**
     * Reads the base64 of a raw key, naming {@code where} it came from when it is not one.
     *
     * @throws TrustFormatException when the text is not base64 of a valid 32-byte key
     */
    public static Ed25519PublicKey fromBase64(String base64, String where) {
        if (base64 == null) {
            throw new TrustFormatException(where + ": missing public key");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new TrustFormatException(where + ": public key is not base64", e);
        }
        if (!Base64.getEncoder().encodeToString(raw).equals(base64)) {
            // One spelling per key: no missing padding, no line breaks.
            throw new TrustFormatException(where + ": public key is not in canonical base64 (with padding, no spaces)");
        }
        try {
            return fromRaw(raw);
        } catch (TrustFormatException e) {
            throw new TrustFormatException(where + ": " + e.getMessage(), e);
        }
    }

    static Ed25519PublicKey fromParams(Ed25519PublicKeyParameters params) {
        return fromRaw(params.getEncoded());
    }

    /** The raw 32 bytes (a copy). */
    public byte[] raw() {
        return raw.clone();
    }

    /** The raw 32 bytes as base64 with padding, as trust roots write them. */
    public String base64() {
        return Base64.getEncoder().encodeToString(raw);
    }

    public KeyId id() {
        return id;
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    boolean verifies(byte[] message, byte[] signature) {
        return signature.length == Ed25519.SIGNATURE_SIZE
                && params.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + id + "]";
    }
}
