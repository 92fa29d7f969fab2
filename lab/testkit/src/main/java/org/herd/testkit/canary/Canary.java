package org.herd.testkit.canary;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A unique, recognisable value planted in one column at the origin, with every form in which it
 * could show up if it leaked: a leak test searches the stream and the mirrors for all of them.
 * The same type serves for public controls, values that must be found.
 *
 * @param label   unique name for reports, {@code table.column#n}
 * @param table   Gazelle table it was planted in
 * @param column  column it was planted in
 * @param kind    what sort of value it is
 * @param value   the value as bound to JDBC: {@link String} (text, decimal, date-time, date),
 *                {@link Long} (integer) or {@code byte[]} (binary)
 * @param needles the forms to search for
 */
public record Canary(String label, String table, String column, Kind kind, Object value, List<Needle> needles) {

    /** What sort of value a canary is. */
    public enum Kind {
        TEXT, BINARY, INTEGER, DECIMAL, DATETIME, DATE
    }

    private static final DateTimeFormatter SQL_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public Canary {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        needles = List.copyOf(needles);
        if (needles.isEmpty()) {
            throw new IllegalArgumentException("canary " + label + " has no form to search for");
        }
    }

    /**
     * Text, searched for as itself (ignoring case, in case something lower-cases it) and as the
     * base64 and hex of its bytes.
     */
    public static Canary text(String label, String table, String column, String value) {
        return new Canary(label, table, column, Kind.TEXT, value, encodedForms(ascii(value), "text"));
    }

    /** Bytes, searched for raw and as base64 and hex; they must be printable ASCII to be found raw. */
    public static Canary binary(String label, String table, String column, byte[] value) {
        return new Canary(label, table, column, Kind.BINARY, value.clone(), encodedForms(value, "raw"));
    }

    /** A whole number, searched for in decimal as a whole number (never inside a longer one). */
    public static Canary integer(String label, String table, String column, long value) {
        return new Canary(label, table, column, Kind.INTEGER, value,
                List.of(new Needle(Long.toString(value), Needle.Match.WHOLE_NUMBER, "decimal")));
    }

    /**
     * A decimal number in plain notation ({@code 4000.00000127}), searched for as a whole number.
     * The planter chooses values whose shortest double representation is this same text.
     */
    public static Canary decimal(String label, String table, String column, String plain) {
        if (!plain.matches("[0-9]+\\.[0-9]*[1-9]")) {
            throw new IllegalArgumentException("decimal canary '" + plain + "' must be digits.digits ending in 1-9");
        }
        return new Canary(label, table, column, Kind.DECIMAL, plain,
                List.of(new Needle(plain, Needle.Match.WHOLE_NUMBER, "decimal")));
    }

    /**
     * A date-time, searched for in SQL and ISO notation and as seconds, milliseconds and
     * microseconds since the epoch read as UTC (Debezium's encodings of DATETIME).
     */
    public static Canary datetime(String label, String table, String column, LocalDateTime value) {
        LocalDateTime t = value.withNano(0);
        long seconds = t.toEpochSecond(ZoneOffset.UTC);
        return new Canary(label, table, column, Kind.DATETIME, t.format(SQL_DATETIME), List.of(
                new Needle(t.format(SQL_DATETIME), Needle.Match.EXACT, "sql"),
                new Needle(t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME), Needle.Match.EXACT, "iso"),
                new Needle(Long.toString(seconds), Needle.Match.WHOLE_NUMBER, "epoch-s"),
                new Needle(Long.toString(seconds * 1000), Needle.Match.WHOLE_NUMBER, "epoch-ms"),
                new Needle(Long.toString(seconds * 1_000_000), Needle.Match.WHOLE_NUMBER, "epoch-us")));
    }

    /**
     * A date, searched for as {@code yyyy-MM-dd}. Not as days since the epoch (Debezium's DATE
     * encoding): five-digit numbers occur everywhere, so finding one would prove nothing.
     */
    public static Canary date(String label, String table, String column, LocalDate value) {
        return new Canary(label, table, column, Kind.DATE, value.toString(),
                List.of(new Needle(value.toString(), Needle.Match.EXACT, "iso")));
    }

    /** The value as text, for messages; binary values as hex. */
    public String display() {
        return value instanceof byte[] b ? "0x" + HexFormat.of().formatHex(b) : String.valueOf(value);
    }

    /**
     * The value itself, the base64 of its bytes at each of the three alignments it can have inside
     * a longer byte string (standard and URL alphabets), and its hex. Only the part of each base64
     * text that depends on the value alone is kept, so that a value encoded as part of a longer one
     * is found too.
     */
    static List<Needle> encodedForms(byte[] bytes, String rawForm) {
        List<Needle> needles = new ArrayList<>();
        needles.add(new Needle(new String(bytes, StandardCharsets.ISO_8859_1), Needle.Match.IGNORE_CASE, rawForm));
        Set<String> base64 = new LinkedHashSet<>();
        for (int lead = 0; lead < 3; lead++) {
            byte[] shifted = new byte[lead + bytes.length];
            System.arraycopy(bytes, 0, shifted, lead, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            // Characters 0-3 mix the unknown leading bytes with the value's first ones; after the
            // last complete 3-byte group, characters mix the value's end with what follows.
            int from = lead == 0 ? 0 : 4;
            int to = 4 * ((lead + bytes.length) / 3);
            if (to - from >= 8) {
                String core = encoded.substring(from, to);
                base64.add(core);
                base64.add(core.replace('+', '-').replace('/', '_'));
            }
        }
        base64.forEach(b -> needles.add(new Needle(b, Needle.Match.EXACT, "base64")));
        needles.add(new Needle(HexFormat.of().formatHex(bytes), Needle.Match.IGNORE_CASE, "hex"));
        return needles;
    }

    private static byte[] ascii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7e || value.charAt(i) < 0x20) {
                throw new IllegalArgumentException("text canary '" + value + "' must be printable ASCII");
            }
        }
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
