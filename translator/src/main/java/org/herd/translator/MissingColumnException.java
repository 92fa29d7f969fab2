package org.herd.translator;

import java.util.Map;

/**
 * A change that does not carry a column the mapping reads: the source table no longer has it
 * under that name (a column renamed or dropped by a schema change) or capture does not include it.
 * Distinct from a NULL value, which the row would carry; the row is quarantined rather than
 * published with the field silently empty.
 */
public final class MissingColumnException extends TranslationException {

    public MissingColumnException(String table, Map<String, Object> key, String column, SourcePosition position) {
        super(table, key, column, "the change carries no column " + column + " (renamed or dropped in the "
                + "source, or not captured); the row is not published without it", position);
    }
}
