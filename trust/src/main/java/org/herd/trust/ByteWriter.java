package org.herd.trust;

import java.util.Arrays;

/**
 * Writes the length-prefixed binary layouts that are signed or hashed (record statements, row
 * fingerprints, digest contributions): big-endian integers, strings as UTF-8 with an unsigned
 * 16-bit length, byte strings with an unsigned 32-bit length. Every field has one encoding and
 * every variable-length field carries its length, so two different field lists never produce
 * the same bytes.
 */
final class ByteWriter {

    /** Each thread's writer for layouts that are hashed and never kept ({@link #forHashing}). */
    private static final ThreadLocal<ByteWriter> FOR_HASHING = ThreadLocal.withInitial(() -> new ByteWriter(256));

    private byte[] buf;
    private int size;

    ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /**
     * This thread's writer, emptied, for a layout that is only hashed ({@link #updateDigest}): the
     * sidecar hashes a record statement and a row fingerprint per record, and a writer and a copy of
     * its bytes for each were about 4% of what its capture thread allocated. The writer is this
     * thread's until the next call; nothing may keep it or write to it after hashing.
     */
    static ByteWriter forHashing() {
        ByteWriter w = FOR_HASHING.get();
        w.size = 0;
        return w;
    }

    /** Hands the bytes written so far to {@code digest}. */
    void updateDigest(java.security.MessageDigest digest) {
        digest.update(buf, 0, size);
    }

    /** An ASCII domain tag followed by a 0x00 byte, so that no layout can be read as another. */
    ByteWriter tag(String domain) {
        int n = domain.length();
        ensure(n + 1);
        for (int i = 0; i < n; i++) {
            char c = domain.charAt(i);
            // As String.getBytes(US_ASCII) writes it, without an array per tag.
            buf[size++] = (byte) (c < 0x80 ? c : '?');
        }
        return u8(0);
    }

    ByteWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    ByteWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    ByteWriter u32(long v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    /**
     * An unsigned 64-bit field. Java's long holds 0 to 2^63-1 of it; negative values are refused
     * by the callers' validation, so the top bit is always 0 in what this code writes.
     */
    ByteWriter u64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    /** A string: u16 length of its UTF-8 bytes, then the bytes. */
    ByteWriter string(String s, String what) {
        if (writeAscii(s)) {
            return this;
        }
        byte[] utf8 = Bytes.utf8(s, what);
        if (utf8.length > 0xffff) {
            throw new IllegalArgumentException(what + " is " + utf8.length + " bytes of UTF-8, at most 65535 fit");
        }
        u16(utf8.length);
        return raw(utf8);
    }

    /**
     * A string of ASCII characters alone, as {@link #string} writes it, without an array of its
     * UTF-8 bytes: the origin, entity and binlog file names of every record statement are. False,
     * with nothing written, for any other string.
     */
    private boolean writeAscii(String s) {
        int n = s.length();
        if (n > 0xffff) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        u16(n);
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
        return true;
    }

    /** A byte string: u32 length, then the bytes. */
    ByteWriter bytes(byte[] b) {
        u32(b.length);
        return raw(b);
    }

    ByteWriter raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
