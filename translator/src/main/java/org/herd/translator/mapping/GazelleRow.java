package org.herd.translator.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.translator.SourcePosition;
import org.herd.translator.TranslationException;

/**
 * One side (before or after) of a Gazelle row change, restricted to public columns, with typed
 * readers that turn Gazelle's storage conventions into neutral values and fail with a message
 * naming table, key, column, value and position.
 */
public final class GazelleRow {

    /**
     * Debezium has no NULL for a NOT NULL datetime holding MySQL's zero date and emits the epoch
     * instead; Gazelle never stores a real 1970-01-01 00:00:00, so both mean "never/unknown".
     */
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);
    private static final String ZERO_DATE = "0000-00-00 00:00:00";
    private static final DateTimeFormatter MYSQL_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String table;
    private final Map<String, Object> values;
    private final List<String> keyColumns;
    private final SourcePosition position;

    public GazelleRow(String table, Map<String, Object> values, List<String> keyColumns, SourcePosition position) {
        this.table = table;
        this.values = values;
        this.keyColumns = keyColumns;
        this.position = position;
    }

    /** The row's Gazelle primary key, for messages. */
    public Map<String, Object> sourceKey() {
        Map<String, Object> key = new LinkedHashMap<>();
        keyColumns.forEach(c -> key.put(c, values.get(c)));
        return key;
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }

    public Object raw(String column) {
        return values.get(column);
    }

    /** A required integer (ids, counts). */
    public long requiredLong(String column) {
        Long v = optionalLong(column);
        if (v == null) {
            throw fail(column, "is NULL or missing but is required");
        }
        return v;
    }

    public Long optionalLong(String column) {
        Object v = values.get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw fail(column, "value " + d + " is not a 64-bit integer");
            }
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw fail(column, "value '" + abbreviate(s) + "' is not an integer");
            }
        }
        throw fail(column, "value of type " + v.getClass().getSimpleName() + " is not an integer");
    }

    /** An optional reference or number where Gazelle writes 0 for "none". */
    public Long zeroAsNull(String column) {
        Long v = optionalLong(column);
        return v == null || v == 0 ? null : v;
    }

    /** Text as stored (raw BBCode stays raw). */
    public String text(String column) {
        Object v = values.get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            int bad = unpairedSurrogate(s);
            if (bad >= 0) {
                // Decoding bytes never yields one, but if one came, the JSON encoder would write
                // it as bytes that are not UTF-8, and every mirror would store something else.
                throw fail(column, "text holds an unpaired UTF-16 surrogate at character " + bad
                        + ": not valid Unicode");
            }
            return s;
        }
        throw fail(column, "value of type " + v.getClass().getSimpleName() + " is not text");
    }

    /** Text where Gazelle's NOT NULL DEFAULT '' empty string means "none". */
    public String emptyAsNull(String column) {
        String s = text(column);
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * Gazelle's flags: {@code enum('0','1')} strings, {@code tinyint(1)} numbers, or booleans
     * where a connector converts them. NULL reads as false, as the PHP code treats it.
     */
    public boolean flag(String column) {
        Object v = values.get(column);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n && (n.longValue() == 0 || n.longValue() == 1)) {
            return n.longValue() == 1;
        }
        if (v instanceof String s && (s.equals("0") || s.equals("1"))) {
            return s.equals("1");
        }
        if (v instanceof byte[] b && b.length == 1 && (b[0] == '0' || b[0] == '1' || b[0] == 0 || b[0] == 1)) {
            return b[0] == '1' || b[0] == 1;
        }
        throw fail(column, "value '" + abbreviate(String.valueOf(v)) + "' is not a 0/1 flag");
    }

    /** A datetime; Gazelle's zero date (and Debezium's epoch for it) becomes null. */
    public LocalDateTime timestamp(String column) {
        Object v = values.get(column);
        if (v == null) {
            return null;
        }
        LocalDateTime t;
        if (v instanceof LocalDateTime ldt) {
            t = ldt;
        } else if (v instanceof String s) {
            if (s.isEmpty() || s.equals(ZERO_DATE) || s.startsWith("0000-00-00")) {
                return null;
            }
            if (s.length() >= 10 && (s.startsWith("-00", 4) || s.startsWith("-00", 7))) {
                // A zero month or day ('2009-00-00'), which a non-strict server stores: no such
                // instant exists, and Debezium streams these as it streams zero dates.
                return null;
            }
            try {
                t = LocalDateTime.parse(s, MYSQL_DATETIME);
            } catch (DateTimeParseException e) {
                throw fail(column, "value '" + abbreviate(s) + "' is not a yyyy-MM-dd HH:mm:ss datetime");
            }
        } else {
            throw fail(column, "value of type " + v.getClass().getSimpleName() + " is not a datetime");
        }
        return t.equals(EPOCH) ? null : t.withNano(0);
    }

    /** A code from one of Gazelle's code lists, as its neutral name. */
    public String code(String column, CodeList list) {
        Object v = values.get(column);
        if (v == null) {
            return null;
        }
        String code = v instanceof String s ? s : String.valueOf(v);
        return list.name(code).orElseThrow(() -> fail(column, "unknown " + list.description() + " code '"
                + abbreviate(code) + "'"));
    }

    public TranslationException fail(String column, String reason) {
        return new TranslationException(table, sourceKey(), column, reason, position);
    }

    /** Index of the first surrogate that is not half of a pair, or -1. */
    private static int unpairedSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
