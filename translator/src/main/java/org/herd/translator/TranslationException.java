package org.herd.translator;

import java.util.Map;

/**
 * A Gazelle row the translator cannot map. The message names the table, the row's key, the
 * column, the offending value and the source position, so that the row can be found and the
 * record quarantined; only public columns reach the translator, so the value is never secret.
 */
public class TranslationException extends RuntimeException {

    private final String table;
    private final Map<String, Object> key;
    private final String column;
    private final SourcePosition position;
    private final String reason;

    public TranslationException(String table, Map<String, Object> key, String column, String reason,
            SourcePosition position) {
        super(table + " " + key + (column == null ? "" : " column " + column) + ": " + reason + " at " + position);
        this.table = table;
        this.key = key;
        this.column = column;
        this.position = position;
        this.reason = reason;
    }

    /** What is wrong, without table, key, column and position. */
    public String reason() {
        return reason;
    }

    public String table() {
        return table;
    }

    public Map<String, Object> key() {
        return key;
    }

    /** The column at fault, or null when the row as a whole is. */
    public String column() {
        return column;
    }

    public SourcePosition position() {
        return position;
    }
}
