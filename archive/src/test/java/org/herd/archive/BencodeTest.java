package org.herd.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BencodeTest {

    private static String encode(Object v) {
        return new String(Bencode.encode(v), StandardCharsets.ISO_8859_1);
    }

    @Test
    void theExamplesOfBep3() {
        assertThat(encode("spam")).isEqualTo("4:spam");
        assertThat(encode("")).isEqualTo("0:");
        assertThat(encode(3)).isEqualTo("i3e");
        assertThat(encode(-3L)).isEqualTo("i-3e");
        assertThat(encode(0L)).isEqualTo("i0e");
        assertThat(encode(List.of("spam", "eggs"))).isEqualTo("l4:spam4:eggse");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("spam", "eggs");
        d.put("cow", "moo");
        assertThat(encode(d)).isEqualTo("d3:cow3:moo4:spam4:eggse");
        assertThat(encode(Map.of("spam", List.of("a", "b")))).isEqualTo("d4:spaml1:a1:bee");
    }

    @Test
    void stringsAreTheirUtf8BytesAndKeysSortAsBytes() {
        assertThat(Bencode.encode("é")).containsExactly('2', ':', 0xc3, 0xa9);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("\ud83c\udfb5", 1);  // U+1F3B5: F0 9F 8E B5
        d.put("\uffff", 2);        // U+FFFF: EF BF BF, before it as bytes, after it as UTF-16
        d.put("Z", 3);
        d.put("a", 4);
        assertThat(new String(Bencode.encode(d), StandardCharsets.UTF_8))
                .isEqualTo("d1:Zi3e1:ai4e3:\uffffi2e4:\ud83c\udfb5i1ee");
    }

    @Test
    void rawBytesAndLongsAsTheyAre() {
        assertThat(Bencode.encode(new byte[] {0, (byte) 0xff})).containsExactly('2', ':', 0, 0xff);
        assertThat(encode(Long.MAX_VALUE)).isEqualTo("i9223372036854775807e");
    }

    @Test
    void whatBencodingCannotHoldIsRefused() {
        assertThatThrownBy(() -> Bencode.encode(1.5)).hasMessageContaining("java.lang.Double");
        assertThatThrownBy(() -> Bencode.encode(Map.of(1, "x"))).hasMessageContaining("keys are strings");
        assertThatThrownBy(() -> Bencode.encode(java.util.Collections.singletonList(null)))
                .hasMessageContaining("cannot bencode null");
    }
}
