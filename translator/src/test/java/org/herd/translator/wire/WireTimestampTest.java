package org.herd.translator.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-read timestamp layout reads exactly what java.time's formatter reads, and refuses the
 * rest with its words; the hand-written one writes what the formatter writes.
 */
class WireTimestampTest {

    /** What the formatter makes of {@code text}: the value, or its error message. */
    private static String byFormatter(String text) {
        try {
            return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toString();
        } catch (DateTimeParseException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static String byWireTimestamp(String text) {
        try {
            return WireTimestamp.parse(text).toString();
        } catch (DateTimeParseException e) {
            return "refused: " + e.getMessage();
        }
    }

    @Test
    void readsWhatTheSidecarWritesAndWhatElseTheFormatterReads() {
        for (String text : new String[] {"2016-01-02T03:04:05", "0000-01-01T00:00:00", "9999-12-31T23:59:59",
            "2016-02-29T12:00:00", "2016-01-02t03:04:05", "2016-01-02T03:04", "2016-01-02T03:04:05.5",
            "+12016-01-02T03:04:05", "-2016-01-02T03:04:05"}) {
            assertThat(byWireTimestamp(text)).as(text).doesNotStartWith("refused").isEqualTo(byFormatter(text));
        }
        assertThat(WireTimestamp.parse("2016-01-02T03:04:05")).isEqualTo(LocalDateTime.of(2016, 1, 2, 3, 4, 5));
    }

    @Test
    void refusesWhatTheFormatterRefusesWithItsMessage() {
        for (String text : new String[] {"2015-02-29T00:00:00", "2016-04-31T00:00:00", "2016-13-01T00:00:00",
            "2016-00-01T00:00:00", "2016-01-00T00:00:00", "2016-01-02T24:00:00", "2016-01-02T23:60:00",
            "2016-01-02T23:59:60", "2016-01-02 03:04:05", "2016/01/02T03:04:05", "201６-01-02T03:04:05",
            "2016-01-02T03:04:0x", "", "2016-01-02T03:04:05Z", " 016-01-02T03:04:05", "-016-01-02T03:04:05"}) {
            assertThat(byWireTimestamp(text)).as(text).startsWith("refused").isEqualTo(byFormatter(text));
        }
    }

    /**
     * Dates and times from a range wider than valid, and the sidecar's layout damaged one or two
     * characters at a time: the two always agree, on the value or on the error.
     */
    @Test
    void agreesWithTheFormatterOnManyRandomTexts() {
        Random random = new Random(20261207L);
        String[] pieces = {"0", "1", "2", "9", "-", ":", "T", "t", ".", "+", " ", "Z", "٣", "x", "00", "60"};
        int read = 0;
        for (int round = 0; round < 200_000; round++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(10_000), random.nextInt(14),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62));
            if (round % 2 == 1) {
                StringBuilder b = new StringBuilder(text);
                for (int k = 1 + random.nextInt(2); k > 0 && b.length() > 0; k--) {
                    int at = random.nextInt(b.length());
                    String piece = pieces[random.nextInt(pieces.length)];
                    switch (random.nextInt(3)) {
                        case 0 -> b.deleteCharAt(at);
                        case 1 -> b.insert(at, piece);
                        default -> b.replace(at, at + 1, piece);
                    }
                }
                text = b.toString();
            }
            String expected = byFormatter(text);
            assertThat(byWireTimestamp(text)).as(text).isEqualTo(expected);
            if (!expected.startsWith("refused")) {
                read++;
            }
        }
        // Both outcomes were compared many times over.
        assertThat(read).isBetween(10_000, 190_000);
    }

    /** Whole seconds of the years 0 to 9999 by hand, the rest by the formatter: the same text either way. */
    @Test
    void writesWhatTheFormatterWrites() {
        for (LocalDateTime t : new LocalDateTime[] {LocalDateTime.of(2016, 1, 2, 3, 4, 5),
            LocalDateTime.of(0, 1, 1, 0, 0, 0), LocalDateTime.of(7, 10, 9, 8, 0, 0),
            LocalDateTime.of(999, 12, 31, 23, 59, 59), LocalDateTime.of(9999, 12, 31, 23, 59, 59),
            LocalDateTime.of(2016, 2, 29, 12, 0, 0), LocalDateTime.of(10_000, 1, 1, 0, 0, 0),
            LocalDateTime.of(-1, 1, 1, 0, 0, 0), LocalDateTime.of(2016, 1, 2, 3, 4, 5, 500_000_000),
            LocalDateTime.of(2016, 1, 2, 3, 4, 5, 1)}) {
            assertThat(WireTimestamp.format(t)).as(t.toString()).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t));
        }
        assertThat(WireTimestamp.format(LocalDateTime.of(2016, 1, 2, 3, 4, 0))).isEqualTo("2016-01-02T03:04:00");
        Random random = new Random(20261208L);
        for (int round = 0; round < 100_000; round++) {
            LocalDateTime t = LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), round % 10 == 0 ? random.nextInt(1_000) : 0);
            String text = WireTimestamp.format(t);
            assertThat(text).as(t.toString()).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t));
            assertThat(WireTimestamp.parse(text)).isEqualTo(t);
        }
    }
}
