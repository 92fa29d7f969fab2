package org.herd.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashing and hex helpers shared by the encodings of this package. */
final class Bytes {

    static final HexFormat HEX = HexFormat.of();

    private Bytes() {
    }

    /*
     * MessageDigest.getInstance looks the algorithm up among the installed providers on every call;
     * a mirror hashes several times per record it verifies, and the look-up was most of the cost of
     * a hash of a few hundred bytes. So each thread keeps one instance for hashes made in one piece.
     */
    private static final ThreadLocal<MessageDigest> THREAD_SHA256 = ThreadLocal.withInitial(Bytes::sha256);

    /**
     * A fresh SHA-256 instance. {@link MessageDigest} is stateful, so callers that hash in a loop
     * keep their own instance rather than share one.
     */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * This thread's SHA-256 instance, reset. Only for a hash made in one piece: between this call
     * and the digest that ends the hash, nothing may hash on the same thread, or the two hashes
     * would mix. Reset here rather than after use, so that a hash abandoned by an exception
     * leaves nothing behind.
     */
    static MessageDigest threadSha256() {
        MessageDigest sha256 = THREAD_SHA256.get();
        sha256.reset();
        return sha256;
    }

    static byte[] sha256(byte[] data) {
        return threadSha256().digest(data);
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Whether {@code s} is exactly {@code length} lower-case hex digits. */
    static boolean isLowerHex(CharSequence s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses exactly {@code bytes} bytes of lower-case hex; upper case is refused so that every
     * value has one spelling.
     */
    static byte[] parseHex(String s, int bytes, String where) {
        if (!isLowerHex(s, 2 * bytes)) {
            throw new TrustFormatException(where + " must be " + 2 * bytes + " lower-case hex digits"
                    + (s == null ? ", found nothing" : ", found " + s.length() + " characters"
                    + (isHexIgnoringCase(s) ? " (upper case?)" : "")));
        }
        return HEX.parseHex(s);
    }

    private static boolean isHexIgnoringCase(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /**
     * The UTF-8 bytes of {@code s}. {@link String#getBytes} would turn an unpaired surrogate into
     * '?', so that two different strings had the same bytes; such a string is refused instead.
     */
    static byte[] utf8(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new TrustFormatException(what + " holds an unpaired UTF-16 surrogate at index " + i
                        + ", which has no UTF-8 encoding");
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Big-endian 64-bit integer at {@code off}. */
    static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xffL);
        }
        return v;
    }

    static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }
}
