package org.herd.translator.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.herd.translator.MissingColumnException;
import org.herd.translator.OriginLookup;
import org.herd.translator.SourcePosition;
import org.herd.translator.TranslationException;
import org.herd.translator.UserPolicy;
import org.herd.translator.UserReferences;
import org.herd.translator.scrub.ScrubCount;

/**
 * One side (before or after) of a Gazelle row change, restricted to public columns, with typed
 * readers that turn Gazelle's storage conventions into neutral values and fail with a message
 * naming table, key, column, value and position. The translator builds it after the text-scrubbing
 * stage: its free-text columns hold the scrubbed text, and {@link #altered} says which the stage
 * changed.
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
    private final Context context;
    private final Set<String> altered;
    private final List<ScrubCount> scrubCounts;

    /**
     * What a mapping may use beyond the row itself.
     *
     * @param origin the origin's id (pseudonyms depend on it)
     * @param users  the user policy
     * @param lookup other rows of the origin
     */
    public record Context(String origin, UserReferences users, OriginLookup lookup,
            Map<String, Set<String>> withheld, Map<String, Set<String>> readable) {

        /** No user references and no lookups: what a mapping of a self-contained row needs. */
        public static final Context RESTRICTED = new Context("none", UserReferences.none(), OriginLookup.NONE,
                Map.of(), Map.of());

        /**
         * @param withheld per table, the columns a mapping may read but whose values no message
         *                 may quote: they are not published (user ids, row filters)
         * @param readable per table, the columns capture delivers to the mapping: one of these
         *                 absent from a row means the source no longer has it; a column outside
         *                 them (a user column under the policy none, info_hash not opted into)
         *                 reads as NULL, as the translator removed it on purpose
         */
        public Context {
            withheld = Map.copyOf(withheld);
            readable = Map.copyOf(readable);
        }
    }

    public GazelleRow(String table, Map<String, Object> values, List<String> keyColumns, SourcePosition position) {
        this(table, values, keyColumns, position, Context.RESTRICTED);
    }

    public GazelleRow(String table, Map<String, Object> values, List<String> keyColumns, SourcePosition position,
            Context context) {
        this(table, values, keyColumns, position, context, Set.of(), List.of());
    }

    /**
     * A row whose free-text columns went through the scrubbing stage.
     *
     * @param altered     the free-text columns the stage changed (a rule replaced something, or the
     *                    policy dropped the value)
     * @param scrubCounts what the stage replaced, per column and rule
     */
    public GazelleRow(String table, Map<String, Object> values, List<String> keyColumns, SourcePosition position,
            Context context, Set<String> altered, List<ScrubCount> scrubCounts) {
        this.table = table;
        this.values = values;
        this.keyColumns = keyColumns;
        this.position = position;
        this.context = context;
        this.altered = Set.copyOf(altered);
        this.scrubCounts = List.copyOf(scrubCounts);
    }

    /**
     * Whether the scrubbing stage changed this free-text column's value: what the mapping reads is
     * not what the origin stores.
     */
    public boolean altered(String column) {
        return altered.contains(column);
    }

    /** What the scrubbing stage replaced in this row, per column and rule (counts only). */
    public List<ScrubCount> scrubCounts() {
        return scrubCounts;
    }

    /** The user policy in force. */
    public UserPolicy userPolicy() {
        return context.users().policy();
    }

    /** Other rows of the origin (see {@link OriginLookup}). */
    public OriginLookup lookup() {
        return context.lookup();
    }

    /**
     * Another row of the origin by primary key, as a row of its own table with this row's context
     * and position, so that its values are read with the same conventions and its failures name it.
     * Its free text is not scrubbed: a looked-up row decides visibility and is never published.
     */
    public Optional<GazelleRow> lookupAs(String otherTable, String keyColumn, long id) {
        return context.lookup().row(otherTable, Map.of(keyColumn, id))
                .map(values -> new GazelleRow(otherTable, values, List.of(keyColumn), position, context));
    }

    public String table() {
        return table;
    }

    /** Looks up another row by primary key; see {@link OriginLookup#row}. */
    public Optional<Map<String, Object>> lookupRow(String otherTable, Map<String, Object> key) {
        return context.lookup().row(otherTable, key);
    }

    /**
     * A user id column as the user policy allows it to leave: null under {@code none} or when the
     * column is NULL or 0 (Gazelle's "nobody"), else the user's reference.
     */
    public String user(String column) {
        Long id = optionalLong(column);
        return id == null ? null : context.users().reference(context.origin(), id);
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

    /** The value as captured; see {@link #value} for a column the change does not carry. */
    public Object raw(String column) {
        return value(column);
    }

    /**
     * A column's value. A readable column the change does not carry at all is not NULL: the
     * source table no longer has it under that name (renamed or dropped by a schema change) or
     * capture does not include it. Publishing null for it would silently empty the field in every
     * mirror, so the row fails instead, naming the column, and is quarantined. A column the
     * translator removed on purpose (not readable under the operator's settings) reads as NULL.
     */
    private Object value(String column) {
        Object v = values.get(column);
        if (v == null && !values.containsKey(column)
                && context.readable().getOrDefault(table, Set.of()).contains(column)) {
            throw new MissingColumnException(table, sourceKey(), column, position);
        }
        return v;
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
        Object v = value(column);
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
                throw fail(column, "value " + quoted(column, d.toPlainString()) + " is not a 64-bit integer");
            }
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw fail(column, "value " + quoted(column, s) + " is not an integer");
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
        Object v = value(column);
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
        Object v = value(column);
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
        throw fail(column, "value " + quoted(column, String.valueOf(v)) + " is not a 0/1 flag");
    }

    /**
     * A binary column as lower-case hex; null when NULL, missing or empty (Gazelle's ghost
     * torrents carry an empty info_hash).
     */
    public String hex(String column) {
        Object v = value(column);
        if (v == null) {
            return null;
        }
        if (!(v instanceof byte[] bytes)) {
            throw fail(column, "value of type " + v.getClass().getSimpleName() + " is not binary");
        }
        if (bytes.length == 0) {
            return null;
        }
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return out.toString();
    }

    /** The position the row was read at. */
    public SourcePosition position() {
        return position;
    }

    /** A datetime; Gazelle's zero date (and Debezium's epoch for it) becomes null. */
    public LocalDateTime timestamp(String column) {
        Object v = value(column);
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
                throw fail(column, "value " + quoted(column, s) + " is not a yyyy-MM-dd HH:mm:ss datetime");
            }
        } else {
            throw fail(column, "value of type " + v.getClass().getSimpleName() + " is not a datetime");
        }
        return t.equals(EPOCH) ? null : t.withNano(0);
    }

    /** A code from one of Gazelle's code lists, as its neutral name. */
    public String code(String column, CodeList list) {
        Object v = value(column);
        if (v == null) {
            return null;
        }
        String code = v instanceof String s ? s : String.valueOf(v);
        return list.name(code).orElseThrow(() -> fail(column, "unknown " + list.description() + " code "
                + quoted(column, code)));
    }

    public TranslationException fail(String column, String reason) {
        return new TranslationException(table, sourceKey(), column, reason, position);
    }

    /** A value for a message: quoted and shortened, or withheld when the column is not published. */
    private String quoted(String column, String value) {
        if (context.withheld().getOrDefault(table, Set.of()).contains(column)) {
            return "(withheld: " + column + " is not published)";
        }
        return "'" + abbreviate(value) + "'";
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
