package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyBinaryTest {

    /** The fields of one row written after {@code row(n)}: each value's bytes, null for a null. */
    static List<byte[]> fields(byte[] bytes, int from, int to) {
        ByteBuffer b = ByteBuffer.wrap(bytes, from, to - from);
        int n = b.getShort();
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int length = b.getInt();
            if (length < 0) {
                out.add(null);
            } else {
                byte[] v = new byte[length];
                b.get(v);
                out.add(v);
            }
        }
        assertThat(b.remaining()).as("bytes after the row's fields").isZero();
        return out;
    }

    private static byte[] only(CopyBinary out) {
        byte[] bytes = Arrays.copyOf(out.array(), out.length());
        List<byte[]> f = fields(bytes, 0, bytes.length);
        assertThat(f).hasSize(1);
        return f.get(0);
    }

    @Test
    void headerAndTrailerAreTheFormatsOwn() {
        CopyBinary out = new CopyBinary(1).header().trailer();
        assertThat(Arrays.copyOf(out.array(), out.length())).isEqualTo(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n',
            (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff});
    }

    @Test
    void textIsUtf8AsStringWritesIt() {
        String[] fixed = {"", "plain", "tab\there", "back\\slash\nline\r\\N", "ünïcödé ÷ 𝄞 日本語",
            "\u007f\u0080\u07ff\u0800\uffff", "lone \ud834 high", "lone \udd1e low", "pair at end \ud834\udd1e",
            "high at end \ud834"};
        for (String s : fixed) {
            assertThat(only(new CopyBinary(1).row(1).text(s))).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
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
            assertThat(only(new CopyBinary(1).row(1).text(s))).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(only(new CopyBinary(1).row(1).jsonb("[{\"p\": \"ü\"}]")))
                .isEqualTo(("\u0001[{\"p\": \"ü\"}]").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void numbersFlagsNullsAndBytesAreBigEndianWithTheirLengths() {
        CopyBinary out = new CopyBinary(1).row(9).int8(-5).int8(Long.MAX_VALUE).int4(1234567890).bool(true).bool(false)
                .nul().bytea(new byte[] {0x00, 0x7b, (byte) 0xff}).bytea(new byte[0]).bytea(null);
        List<byte[]> f = fields(out.array(), 0, out.length());
        assertThat(f.get(0)).isEqualTo(ByteBuffer.allocate(8).putLong(-5).array());
        assertThat(f.get(1)).isEqualTo(ByteBuffer.allocate(8).putLong(Long.MAX_VALUE).array());
        assertThat(f.get(2)).isEqualTo(ByteBuffer.allocate(4).putInt(1234567890).array());
        assertThat(f.get(3)).isEqualTo(new byte[] {1});
        assertThat(f.get(4)).isEqualTo(new byte[] {0});
        assertThat(f.get(5)).isNull();
        assertThat(f.get(6)).isEqualTo(new byte[] {0x00, 0x7b, (byte) 0xff});
        assertThat(f.get(7)).isEmpty();
        assertThat(f.get(8)).isNull();
        out.reset();
        assertThat(out.length()).isZero();
    }

    @Test
    void timestampsAreMicrosecondsSincePostgresEpochAndAYearTheUpsertCannotSendIsRefused() {
        assertThat(micros(LocalDateTime.of(2000, 1, 1, 0, 0))).isZero();
        assertThat(micros(LocalDateTime.of(1999, 12, 31, 23, 59, 59))).isEqualTo(-1_000_000L);
        assertThat(micros(LocalDateTime.of(2010, 6, 15, 12, 30, 5))).isEqualTo(329_920_205_000_000L);
        assertThat(micros(LocalDateTime.of(2010, 6, 15, 12, 30, 5, 1_499))).isEqualTo(329_920_205_000_001L);
        assertThat(micros(LocalDateTime.of(2010, 6, 15, 12, 30, 5, 1_500))).isEqualTo(329_920_205_000_002L);
        assertThat(micros(LocalDateTime.of(1, 1, 1, 0, 0))).isEqualTo(-63_082_281_600_000_000L);
        assertThat(micros(LocalDateTime.of(0, 1, 1, 0, 0))).isEqualTo(CopyBinary.REFUSED_TIMESTAMP);
        assertThat(micros(LocalDateTime.of(10_000, 1, 1, 0, 0))).isEqualTo(CopyBinary.REFUSED_TIMESTAMP);
        assertThat(micros(LocalDateTime.MAX)).isEqualTo(CopyBinary.REFUSED_TIMESTAMP);
    }

    private static long micros(LocalDateTime t) {
        return ByteBuffer.wrap(only(new CopyBinary(1).row(1).timestamp(t))).getLong();
    }
}
