package org.herd.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteWriterTest {

    /** The layout's string: its UTF-8 bytes after their length as an unsigned 16-bit integer. */
    private static byte[] expected(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + utf8.length).putShort((short) utf8.length).put(utf8).array();
    }

    @Test
    void stringsAreTheirUtf8BytesAfterTheirLengthAsciiOrNot() {
        for (String s : new String[] {"", "ops", "mysql-bin.000042", "release_group_tag", "\u007f", "\u0080",
            "Bj\u00f6rk", "\u65e5\u672c", "a\ud83c\udfb5b", "x".repeat(0xffff)}) {
            assertThat(new ByteWriter(4).string(s, "s").toByteArray()).as(s.length() > 20 ? "long" : s)
                    .isEqualTo(expected(s));
        }
        // After a non-ASCII string, an ASCII one is written on from where it ended.
        byte[] both = new ByteWriter(4).string("\u00e9", "a").string("e", "b").toByteArray();
        assertThat(both).isEqualTo(ByteBuffer.allocate(7).put(expected("\u00e9")).put(expected("e")).array());
    }

    @Test
    void aStringWithoutUtf8OrTooLongIsRefused() {
        assertThatThrownBy(() -> new ByteWriter(4).string("a\ud83cb", "origin"))
                .isInstanceOf(TrustFormatException.class).hasMessageContaining("origin holds an unpaired UTF-16 surrogate");
        assertThatThrownBy(() -> new ByteWriter(4).string("x".repeat(0x10000), "entity"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entity is 65536 bytes of UTF-8");
        assertThatThrownBy(() -> new ByteWriter(4).string("\u00e9".repeat(0x8000), "file"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file is 65536 bytes of UTF-8");
    }

    @Test
    void aTagIsItsAsciiBytesAndAZero() {
        assertThat(new ByteWriter(1).tag("herd/record/v1").toByteArray())
                .isEqualTo(ByteBuffer.allocate(15).put("herd/record/v1".getBytes(StandardCharsets.US_ASCII)).put((byte) 0)
                        .array());
    }
}
