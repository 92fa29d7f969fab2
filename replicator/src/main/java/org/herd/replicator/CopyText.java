package org.herd.replicator;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in the text format of PostgreSQL's {@code COPY ... FROM STDIN} ("Text Format"), written
 * straight as UTF-8 bytes: columns separated by tabs, a line feed after each row, {@code \N} for
 * null, backslash, tab, line feed and carriage return escaped with a backslash, bytea in hex.
 *
 * <p>Bytes rather than a {@code StringBuilder} turned into a {@code String} and encoded: every
 * row carries its record's value and signature as hex, two characters per byte, and appending those
 * one {@code char} at a time and encoding them again was the largest cost of a first copy in the
 * apply loop's profile.
 */
final class CopyText {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int size;

    CopyText(int capacity) {
        buf = new byte[Math.max(capacity, 64)];
    }

    /** Bytes written so far. */
    int length() {
        return size;
    }

    /** The backing array; its first {@link #length()} bytes are the rows. */
    byte[] array() {
        return buf;
    }

    void reset() {
        size = 0;
    }

    InputStream asInputStream() {
        return new ByteArrayInputStream(buf, 0, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    private void put(byte b) {
        buf[size++] = b;
    }

    CopyText tab() {
        ensure(1);
        put((byte) '\t');
        return this;
    }

    CopyText endRow() {
        ensure(1);
        put((byte) '\n');
        return this;
    }

    CopyText nul() {
        ensure(2);
        put((byte) '\\');
        put((byte) 'N');
        return this;
    }

    CopyText bool(boolean b) {
        ensure(1);
        put((byte) (b ? 't' : 'f'));
        return this;
    }

    CopyText number(long v) {
        // Key fields and positions fit in an int, and int division is several times cheaper than
        // long division; the rest (row fingerprints, 64-bit hashes) take the JDK's Long.toString.
        if (v < Integer.MIN_VALUE + 1 || v > Integer.MAX_VALUE) {
            return ascii(Long.toString(v));
        }
        int i = (int) v;
        ensure(11);
        if (i < 0) {
            put((byte) '-');
            i = -i;
        }
        int start = size;
        do {
            put((byte) ('0' + i % 10));
            i /= 10;
        } while (i != 0);
        // Digits were written least significant first.
        for (int a = start, b = size - 1; a < b; a++, b--) {
            byte t = buf[a];
            buf[a] = buf[b];
            buf[b] = t;
        }
        return this;
    }

    private CopyText ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            put((byte) s.charAt(i));
        }
        return this;
    }

    /**
     * Text, escaped and encoded in UTF-8 (a lone surrogate as {@code ?}, as
     * {@link String#getBytes} writes it).
     */
    CopyText text(String s) {
        int n = s.length();
        // At most 3 bytes per char (a surrogate pair is 4 bytes for 2 chars), 2 for an escape.
        ensure(3 * n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> {
                        put((byte) '\\');
                        put((byte) '\\');
                    }
                    case '\t' -> {
                        put((byte) '\\');
                        put((byte) 't');
                    }
                    case '\n' -> {
                        put((byte) '\\');
                        put((byte) 'n');
                    }
                    case '\r' -> {
                        put((byte) '\\');
                        put((byte) 'r');
                    }
                    default -> put((byte) c);
                }
            } else if (c < 0x800) {
                put((byte) (0xc0 | (c >> 6)));
                put((byte) (0x80 | (c & 0x3f)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                put((byte) (0xf0 | (cp >> 18)));
                put((byte) (0x80 | ((cp >> 12) & 0x3f)));
                put((byte) (0x80 | ((cp >> 6) & 0x3f)));
                put((byte) (0x80 | (cp & 0x3f)));
            } else if (Character.isSurrogate(c)) {
                put((byte) '?');
            } else {
                put((byte) (0xe0 | (c >> 12)));
                put((byte) (0x80 | ((c >> 6) & 0x3f)));
                put((byte) (0x80 | (c & 0x3f)));
            }
        }
        return this;
    }

    /** bytea in hex, {@code \\x0a1b...}: the backslash itself escaped for the text format. */
    CopyText bytea(byte[] bytes) {
        if (bytes == null) {
            return nul();
        }
        ensure(3 + 2 * bytes.length);
        put((byte) '\\');
        put((byte) '\\');
        put((byte) 'x');
        for (byte b : bytes) {
            put(HEX[(b >> 4) & 0xf]);
            put(HEX[b & 0xf]);
        }
        return this;
    }

    /** The rows as text, for messages and tests. */
    @Override
    public String toString() {
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }
}
