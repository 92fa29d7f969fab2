package org.herd.bench;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Bytes held in memory as a list of arrays of at most {@value #CHUNK} bytes. The COPY ceiling
 * holds a copy of every mirror table (about 3.4 GB at scale 0.1): in one {@code ByteArrayOutputStream}
 * per table, the largest grew by doubling, needed its old and new array at once and a third for
 * {@code toByteArray}, and the bench's heap ran out at 0.1; no array can pass 2 GiB either. Here
 * a table costs its size and at most one chunk more while it is written.
 */
final class ChunkedBytes extends OutputStream {

    static final int CHUNK = 16 * 1024 * 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current = new byte[64 * 1024];
    private int used;
    private long length;

    @Override
    public void write(int b) {
        if (used == current.length) {
            next();
        }
        current[used++] = (byte) b;
        length++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (used == current.length) {
                next();
            }
            int n = Math.min(len, current.length - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
            length += n;
        }
    }

    /** Bytes written so far. */
    long length() {
        return length;
    }

    /** Everything written, in order; the last chunk trimmed to what it holds. */
    InputStream stream() {
        List<InputStream> parts = new ArrayList<>(chunks.size() + 1);
        for (byte[] c : chunks) {
            parts.add(new ByteArrayInputStream(c));
        }
        if (used < current.length) {
            current = Arrays.copyOf(current, used);
        }
        parts.add(new ByteArrayInputStream(current));
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** The current array is full: it is kept and a larger one begun, up to {@value #CHUNK} bytes. */
    private void next() {
        if (current.length < CHUNK) {
            // Small tables stay small: the first chunks grow by doubling, copying at most 16 MiB.
            current = Arrays.copyOf(current, Math.min(CHUNK, current.length * 2));
            return;
        }
        chunks.add(current);
        current = new byte[CHUNK];
        used = 0;
    }
}
