package org.herd.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchiveRecordTest {

    private static final byte[] SIG = new byte[64];
    private static final byte[] PROOF = {0, 0, 0, 0, 0, 0, 0, 1};

    @Test
    void aLineGivesBackTheBytesExactly() {
        byte[] value = "{\"payload\":{\"name\":\"caf\u00e9 \\\"quoted\\\"\\n\\u0001 \ud83c\udfb5\",\"n\":1.50}}"
                .getBytes(StandardCharsets.UTF_8);
        ArchiveRecord r = new ArchiveRecord("{\"id\":1}".getBytes(StandardCharsets.UTF_8), value, "ab".repeat(32), SIG,
                PROOF);
        byte[] line = r.toLine();
        assertThat(line).doesNotContain((byte) '\n');
        ArchiveRecord back = ArchiveRecord.fromLine(line);
        assertThat(back.value()).isEqualTo(value);
        assertThat(back).isEqualTo(r);
    }

    @Test
    void aValueThatIsNotUtf8IsRefusedRatherThanAltered() {
        assertThatThrownBy(() -> ArchiveRecord.of("{}".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xc3},
                Map.of(), "herd.site-1.tag partition 0 offset 7"))
                .isInstanceOf(ArchiveException.class)
                .hasMessage("herd.site-1.tag partition 0 offset 7 value is not valid UTF-8; the wire format is UTF-8 JSON");
    }

    @Test
    void aRecordWithoutItsSignatureIsRefused() {
        assertThatThrownBy(() -> ArchiveRecord.of("{}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8), Map.of("herd-key-id", List.of(new byte[64])), "t/0@1"))
                .hasMessageContaining("0 herd-sig headers");
    }

    @Test
    void unknownOrRepeatedMembersAndTrailingContentAreRefused() {
        assertThatThrownBy(() -> ArchiveRecord.fromLine(bytes("{\"key\":\"{}\",\"extra\":\"x\"}")))
                .hasMessage("unknown member extra");
        assertThatThrownBy(() -> ArchiveRecord.fromLine(bytes("{\"key\":\"{}\",\"key\":\"{}\"}")))
                .hasMessageContaining("Duplicate field 'key'");
        assertThatThrownBy(() -> ArchiveRecord.fromLine(bytes("{\"key\":\"{}\"} {}")))
                .hasMessageContaining("content after the JSON object");
        assertThatThrownBy(() -> ArchiveRecord.fromLine(bytes("{\"key\":\"{}\"}")))
                .hasMessage("no member value, key_id, sig, proof");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
