package org.herd.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedBytesTest {

    @Test
    void givesBackWhatWasWrittenAcrossChunks() throws IOException {
        Random random = new Random(7);
        ChunkedBytes chunked = new ChunkedBytes();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        // Writes of odd sizes and single bytes, over two full chunks and into a third.
        long target = 2L * ChunkedBytes.CHUNK + 12_345;
        while (expected.size() < target) {
            if (random.nextInt(10) == 0) {
                int b = random.nextInt(256);
                chunked.write(b);
                expected.write(b);
            } else {
                byte[] part = new byte[random.nextInt(3 * 1024 * 1024)];
                random.nextBytes(part);
                int off = part.length == 0 ? 0 : random.nextInt(part.length);
                chunked.write(part, off, part.length - off);
                expected.write(part, off, part.length - off);
            }
        }
        assertEquals(expected.size(), chunked.length());
        assertArrayEquals(expected.toByteArray(), chunked.stream().readAllBytes());
        assertArrayEquals(expected.toByteArray(), chunked.stream().readAllBytes(), "read a second time");
    }

    @Test
    void anEmptyTableIsNoBytes() throws IOException {
        ChunkedBytes chunked = new ChunkedBytes();
        assertEquals(0, chunked.length());
        assertEquals(0, chunked.stream().readAllBytes().length);
    }
}
