package org.herd.trust;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The id of an Ed25519 public key: lower-case hex of SHA-256 over the raw 32-byte key, 64
 * characters. It is derived, not chosen, so a key id names exactly one key and a trust root
 * cannot list a key under another key's id.
 *
 * @param hex 64 lower-case hex digits
 */
public record KeyId(String hex) {

    /** Length of a key id in hex digits. */
    public static final int HEX_LENGTH = 64;

    public KeyId {
        Objects.requireNonNull(hex, "hex");
        if (!Bytes.isLowerHex(hex, HEX_LENGTH)) {
            throw new TrustFormatException("a key id is " + HEX_LENGTH + " lower-case hex digits, found "
                    + hex.length() + " characters");
        }
    }

    /** The id of {@code key}. */
    public static KeyId of(Ed25519PublicKey key) {
        return key.id();
    }

    static KeyId ofRaw(byte[] rawPublicKey) {
        return new KeyId(Bytes.hex(Bytes.sha256(rawPublicKey)));
    }

    /**
     * Reads a key id as text, naming {@code where} it came from when it is not one.
     *
     * @throws TrustFormatException when {@code hex} is not 64 lower-case hex digits
     */
    public static KeyId parse(String hex, String where) {
        if (!Bytes.isLowerHex(hex, HEX_LENGTH)) {
            throw new TrustFormatException(where + ": a key id is " + HEX_LENGTH + " lower-case hex digits, found "
                    + (hex == null ? "nothing" : hex.length() + " characters"));
        }
        return new KeyId(hex);
    }

    /** The key id as the {@code herd-key-id} Kafka header carries it: its hex digits in ASCII. */
    public byte[] toAscii() {
        return hex.getBytes(StandardCharsets.US_ASCII);
    }

    /** The first 12 hex digits, enough to tell keys apart in logs and ceremony listings. */
    public String shortForm() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return hex;
    }
}
