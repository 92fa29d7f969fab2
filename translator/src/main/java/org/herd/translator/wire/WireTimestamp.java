package org.herd.translator.wire;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The wire format's timestamps: {@link DateTimeFormatter#ISO_LOCAL_DATE_TIME}, which the sidecar
 * writes as {@code yyyy-MM-ddTHH:mm:ss} (fractions only when the source had them, which Gazelle's
 * {@code datetime} columns never do).
 *
 * <p>A mirror parses one timestamp or more per record it applies, and java.time's general
 * formatter spends most of that time on what any layout might hold: a map of parsed fields,
 * optional sections, a resolver. So the layout the sidecar writes is read here by hand, and
 * everything else (another length, a lower-case {@code t}, a sign, a fraction, a date that does not
 * exist) is left to the formatter. The formatter thus still decides what is accepted, what it reads
 * as and what the error says; the hand-read form only gets to the same result sooner.
 */
final class WireTimestamp {

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    /** Length of {@code yyyy-MM-ddTHH:mm:ss}. */
    private static final int LENGTH = 19;

    private WireTimestamp() {
    }

    /**
     * {@link #FORMAT}'s text for {@code t}. Whole seconds of the years 0 to 9999, every timestamp
     * Gazelle stores, are written here by hand, as {@link #parse} reads them; the formatter writes
     * the rest (a fraction, a sign, more digits of year). Through the formatter, the sidecar's
     * snapshot spent a fortieth of its capture thread's allocation on the digits of timestamps.
     */
    static String format(LocalDateTime t) {
        int year = t.getYear();
        if (t.getNano() != 0 || year < 0 || year > 9999) {
            return FORMAT.format(t);
        }
        byte[] b = new byte[LENGTH];
        digits(b, 0, year, 4);
        b[4] = '-';
        digits(b, 5, t.getMonthValue(), 2);
        b[7] = '-';
        digits(b, 8, t.getDayOfMonth(), 2);
        b[10] = 'T';
        digits(b, 11, t.getHour(), 2);
        b[13] = ':';
        digits(b, 14, t.getMinute(), 2);
        b[16] = ':';
        digits(b, 17, t.getSecond(), 2);
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Writes {@code value} as {@code count} decimal digits at {@code from}, zeros first. */
    private static void digits(byte[] b, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Reads {@code text} as {@link #FORMAT} reads it.
     *
     * @throws DateTimeParseException as {@link #FORMAT} does
     */
    static LocalDateTime parse(String text) {
        LocalDateTime t = text.length() == LENGTH ? secondsLayout(text) : null;
        return t != null ? t : LocalDateTime.parse(text, FORMAT);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} with ASCII digits, as a valid date and time; null for anything else. */
    private static LocalDateTime secondsLayout(String s) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            // Checks every range, February 29 included, as the formatter's strict resolver does.
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException e) {
            return null; // the formatter says what is wrong
        }
    }

    /** The {@code count} ASCII digits at {@code from} as a number; -1 when one of them is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
