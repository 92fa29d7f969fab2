package org.herd.testkit.canary;

import java.util.Locale;
import java.util.Set;

/**
 * A column as the database declares it (information_schema.COLUMNS), and what sort of canary it
 * can carry.
 *
 * @param name        column name
 * @param dataType    DATA_TYPE, lower case: {@code varchar}, {@code int}, {@code enum}, ...
 * @param columnType  COLUMN_TYPE as declared: {@code int(10) unsigned}, {@code enum('0','1')}
 * @param charLength  CHARACTER_MAXIMUM_LENGTH (characters of text, bytes of binary), 0 if none
 * @param precision   NUMERIC_PRECISION, 0 if none
 * @param scale       NUMERIC_SCALE, -1 if none (a DOUBLE declared without one)
 * @param generated   whether the server computes the value (a generated column)
 */
record ColumnShape(String name, String dataType, String columnType, long charLength, int precision, int scale,
        boolean generated) {

    /** The shortest text canary, {@code CNRY#0001}. */
    static final int MIN_TEXT_LENGTH = 9;
    /** Fewer significant digits than this would make a decimal canary that occurs by chance. */
    static final int MIN_DECIMAL_DIGITS = 8;
    /** Digits before the point in a decimal canary, at most; keeps doubles out of E notation. */
    static final int MAX_INTEGER_DIGITS = 4;
    /** Significant digits a double carries exactly. */
    static final int MAX_DOUBLE_DIGITS = 15;

    private static final Set<String> TEXT = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext");
    private static final Set<String> BINARY =
            Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");
    private static final Set<String> SHORT_INTEGERS = Set.of("tinyint", "smallint", "mediumint", "year", "bit");
    private static final Set<String> INTEGERS = Set.of("int", "integer", "bigint");
    private static final Set<String> DECIMALS = Set.of("decimal", "numeric", "double", "real");

    ColumnShape {
        dataType = dataType.toLowerCase(Locale.ROOT);
    }

    boolean isText() {
        return TEXT.contains(dataType);
    }

    boolean isBinary() {
        return BINARY.contains(dataType);
    }

    boolean isInteger() {
        return INTEGERS.contains(dataType) || SHORT_INTEGERS.contains(dataType) && !dataType.equals("bit")
                && !dataType.equals("year");
    }

    boolean isBigint() {
        return dataType.equals("bigint");
    }

    /** The sort of canary this column can carry, or null when it can carry none ({@link #unplantableReason}). */
    Canary.Kind canaryKind() {
        if (generated) {
            return null;
        }
        if (TEXT.contains(dataType)) {
            return charLength >= MIN_TEXT_LENGTH ? Canary.Kind.TEXT : null;
        }
        if (BINARY.contains(dataType)) {
            return charLength >= MIN_TEXT_LENGTH ? Canary.Kind.BINARY : null;
        }
        if (INTEGERS.contains(dataType)) {
            return Canary.Kind.INTEGER;
        }
        if (DECIMALS.contains(dataType)) {
            return integerDigits() + fractionDigits() >= MIN_DECIMAL_DIGITS ? Canary.Kind.DECIMAL : null;
        }
        return switch (dataType) {
            case "datetime", "timestamp" -> Canary.Kind.DATETIME;
            case "date" -> Canary.Kind.DATE;
            default -> null;
        };
    }

    /** Why this column can carry no canary; null when it can. */
    String unplantableReason() {
        if (canaryKind() != null) {
            return null;
        }
        if (generated) {
            return "a generated column: the server computes its value, nothing can be planted";
        }
        if (TEXT.contains(dataType) || BINARY.contains(dataType)) {
            return "holds at most " + charLength + (TEXT.contains(dataType) ? " characters" : " bytes")
                    + ", fewer than the " + MIN_TEXT_LENGTH + " of the shortest recognisable canary";
        }
        if (SHORT_INTEGERS.contains(dataType)) {
            return "a " + dataType + " holds numbers of a few digits only, which occur everywhere by chance: finding one "
                    + "would prove nothing";
        }
        if (DECIMALS.contains(dataType)) {
            return "carries " + (integerDigits() + fractionDigits()) + " usable significant digits, fewer than the "
                    + MIN_DECIMAL_DIGITS + " a recognisable number needs";
        }
        return switch (dataType) {
            case "enum", "set" -> "stores only its listed values, which occur in ordinary rows too: no value of it "
                    + "is recognisable";
            case "float" -> "single precision keeps about 7 significant digits, too few for a recognisable number";
            case "time" -> "a time of day (HH:MM:SS) is too short to be recognisable";
            default -> "type " + columnType + " has no canary form";
        };
    }

    /** Digits before the point a decimal canary uses. */
    int integerDigits() {
        int available = scale < 0 ? MAX_INTEGER_DIGITS : precision - scale;
        return Math.max(0, Math.min(available, MAX_INTEGER_DIGITS));
    }

    /** Digits after the point a decimal canary uses. */
    int fractionDigits() {
        int declared = scale < 0 ? MIN_DECIMAL_DIGITS : scale;
        return Math.max(0, Math.min(declared, MAX_DOUBLE_DIGITS - integerDigits()));
    }
}
