package org.herd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchChildTest {

    @Test
    void aProgressLineIsPrintedOnlyWhenItChanged() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchChild.ProgressLines lines = new BenchChild.ProgressLines(new PrintStream(bytes, true,
                StandardCharsets.UTF_8));

        assertTrue(lines.offer("mirror applied=0"));
        assertFalse(lines.offer("mirror applied=0"));
        assertTrue(lines.offer("mirror applied=7"));
        assertFalse(lines.offer("mirror applied=7"));
        assertTrue(lines.offer("mirror applied=0"));

        assertEquals(String.join(System.lineSeparator(), BenchChild.PREFIX + "mirror applied=0",
                BenchChild.PREFIX + "mirror applied=7", BenchChild.PREFIX + "mirror applied=0", ""),
                bytes.toString(StandardCharsets.UTF_8));
    }
}
