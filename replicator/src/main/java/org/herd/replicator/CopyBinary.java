package org.herd.replicator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Rows in the binary format of PostgreSQL's {@code COPY ... FROM STDIN (FORMAT binary)}: a header,
 * then per row the number of fields and each field as a 32-bit length (-1 for null) and the value
 * as the column type's receive function reads it, then a trailer. All integers big-endian.
 *
 * <p>Binary rather than text: every row carries its record's value and signature as bytea, which
 * the text format doubles into hex that the replicator writes and PostgreSQL parses back, and every
 * number and timestamp is printed and parsed again. With the apply loop's triage overlapping the
 * apply, PostgreSQL's COPY is what a first copy waits for; the bench's COPY ceiling is measured in
 * this format too.
 *
 * <p>Each value is written for the column's exact type ({@code bigint}, {@code integer},
 * {@code boolean}, {@code text}, {@code timestamp}, {@code jsonb}, {@code bytea}): the binary
 * format has no conversion, and {@code MirrorSchemaIT} keeps the columns' types to the ones
 * {@link MirrorSql} writes.
 */
final class CopyBinary {

    /** "PGCOPY\n\377\r\n\0", no flags, no header extension. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    /** 2000-01-01T00:00 in seconds since 1970-01-01T00:00: PostgreSQL's timestamps count from it. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    /**
     * A timestamp PostgreSQL refuses ("timestamp out of range"): not its infinity (Long.MAX_VALUE)
     * and beyond its last valid value.
     */
    static final long REFUSED_TIMESTAMP = Long.MAX_VALUE - 1;

    private byte[] buf;
    private int size;

    CopyBinary(int capacity) {
        buf = new byte[Math.max(capacity, 64)];
    }

    /** Bytes it holds before it grows. */
    int capacity() {
        return buf.length;
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

    /** The header, once before the first row. */
    CopyBinary header() {
        ensure(HEADER.length);
        System.arraycopy(HEADER, 0, buf, size, HEADER.length);
        size += HEADER.length;
        return this;
    }

    /** The trailer, once after the last row. */
    CopyBinary trailer() {
        return int16(-1);
    }

    /** The start of a row of {@code fields} fields. */
    CopyBinary row(int fields) {
        return int16(fields);
    }

    CopyBinary nul() {
        return int32(-1);
    }

    /** A {@code bigint}. */
    CopyBinary int8(long v) {
        ensure(12);
        putInt(8);
        putLong(v);
        return this;
    }

    /** An {@code integer}. */
    CopyBinary int4(int v) {
        ensure(8);
        putInt(4);
        putInt(v);
        return this;
    }

    /** A {@code boolean}. */
    CopyBinary bool(boolean b) {
        ensure(5);
        putInt(1);
        buf[size++] = (byte) (b ? 1 : 0);
        return this;
    }

    /** A {@code bytea}, or null. */
    CopyBinary bytea(byte[] bytes) {
        if (bytes == null) {
            return nul();
        }
        ensure(4 + bytes.length);
        putInt(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** A {@code text}, encoded in UTF-8 (a lone surrogate as {@code ?}, as {@link String#getBytes} writes it). */
    CopyBinary text(String s) {
        int start = reserveLength(3 * s.length());
        utf8(s);
        return patchLength(start);
    }

    /** A {@code jsonb}: its format version 1, then the JSON text. */
    CopyBinary jsonb(String json) {
        int start = reserveLength(1 + 3 * json.length());
        buf[size++] = 1;
        utf8(json);
        return patchLength(start);
    }

    /**
     * A {@code timestamp}: microseconds since 2000-01-01T00:00, nanoseconds rounded to the nearest
     * microsecond (Gazelle's times are whole seconds). A year outside 1 to 9999, which the text the upsert sends does not express either,
     * is written as a value PostgreSQL refuses, so that the COPY fails and the upsert decides.
     */
    CopyBinary timestamp(LocalDateTime t) {
        long micros;
        if (t.getYear() < 1 || t.getYear() > 9999) {
            micros = REFUSED_TIMESTAMP;
        } else {
            micros = (t.toEpochSecond(ZoneOffset.UTC) - POSTGRES_EPOCH_SECONDS) * 1_000_000L + (t.getNano() + 500) / 1000;
        }
        return int8(micros);
    }

    private CopyBinary int16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >> 8);
        buf[size++] = (byte) v;
        return this;
    }

    private CopyBinary int32(int v) {
        ensure(4);
        putInt(v);
        return this;
    }

    /** Makes room for a length and {@code most} bytes after it; returns where the length goes. */
    private int reserveLength(int most) {
        ensure(4 + most);
        int start = size;
        size += 4;
        return start;
    }

    private CopyBinary patchLength(int start) {
        int n = size - start - 4;
        buf[start] = (byte) (n >> 24);
        buf[start + 1] = (byte) (n >> 16);
        buf[start + 2] = (byte) (n >> 8);
        buf[start + 3] = (byte) n;
        return this;
    }

    /** UTF-8 into room already made: at most 3 bytes per char (a surrogate pair is 4 bytes for 2 chars). */
    private void utf8(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[size++] = (byte) c;
            } else if (c < 0x800) {
                buf[size++] = (byte) (0xc0 | (c >> 6));
                buf[size++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[size++] = (byte) (0xf0 | (cp >> 18));
                buf[size++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buf[size++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buf[size++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                buf[size++] = (byte) '?';
            } else {
                buf[size++] = (byte) (0xe0 | (c >> 12));
                buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[size++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }

    private void putInt(int v) {
        buf[size++] = (byte) (v >> 24);
        buf[size++] = (byte) (v >> 16);
        buf[size++] = (byte) (v >> 8);
        buf[size++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >> 32));
        putInt((int) v);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
