package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    /** COPY's text escapes, then UTF-8 as String.getBytes writes it. */
    private static byte[] expected(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void textIsEscapedUtf8AsStringWritesIt() {
        String[] fixed = {"", "plain", "tab\there", "back\\slash\nline\r\\N", "ünïcödé ÷ 𝄞 日本語", "\u007f\u0080\u07ff\u0800\uffff",
            "lone \ud834 high", "lone \udd1e low", "pair at end \ud834\udd1e", "high at end \ud834"};
        for (String s : fixed) {
            CopyText out = new CopyText(1);
            out.text(s);
            assertThat(java.util.Arrays.copyOf(out.array(), out.length())).as(s).isEqualTo(expected(s));
        }
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = switch (random.nextInt(4)) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) random.nextInt(0x800);
                    case 2 -> (char) (0xd800 + random.nextInt(0x800));
                    default -> (char) random.nextInt(0x10000);
                };
            }
            String s = new String(chars);
            CopyText out = new CopyText(1);
            out.text(s);
            assertThat(java.util.Arrays.copyOf(out.array(), out.length())).isEqualTo(expected(s));
        }
    }

    @Test
    void numbersFlagsNullsAndBytes() {
        CopyText out = new CopyText(1);
        out.number(0).tab().number(-5).tab().number(Long.MAX_VALUE).tab().number(Long.MIN_VALUE).tab().number(1234567890)
                .tab().bool(true).tab().bool(false).tab().nul().tab().bytea(new byte[] {0x00, 0x7b, (byte) 0xff})
                .tab().bytea(new byte[0]).tab().bytea(null).endRow();
        assertThat(out).hasToString("0\t-5\t9223372036854775807\t-9223372036854775808\t1234567890\tt\tf\t\\N\t"
                + "\\\\x007bff\t\\\\x\t\\N\n");
        for (long v : new long[] {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1L, Integer.MAX_VALUE + 1L,
            -1_000_000_007L, 4_000_000_000L, -4_000_000_000L}) {
            assertThat(new CopyText(1).number(v)).as("%d", v).hasToString(Long.toString(v));
        }
        Random random = new Random(11);
        for (int round = 0; round < 10_000; round++) {
            long v = random.nextLong() >> random.nextInt(64);
            assertThat(new CopyText(1).number(v)).hasToString(Long.toString(v));
        }
        out.reset();
        assertThat(out.length()).isZero();
        assertThat(out.text("x").toString()).isEqualTo("x");
    }
}
