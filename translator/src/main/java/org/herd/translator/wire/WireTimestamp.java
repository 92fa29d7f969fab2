package org.herd.translator.wire;

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

    static String format(LocalDateTime t) {
        return FORMAT.format(t);
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
