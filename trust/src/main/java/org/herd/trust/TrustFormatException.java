package org.herd.trust;

/**
 * Input that is not in one of the formats {@code docs/trust.md} defines: a key, a key id, a
 * checkpoint, a trust root or a record value that cannot be read. The message names the part
 * that is wrong (a member path such as {@code signed.trustees.keys[1].public_key}, a header, a
 * file) and never repeats key material or record payloads.
 */
public class TrustFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public TrustFormatException(String message) {
        super(message);
    }

    public TrustFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
