package org.herd.translator;

import java.util.Map;
import java.util.Objects;

/**
 * Rows whose translation depends on a row that just changed, and that must be translated again:
 * the topics of a forum that became a staff forum, the entries of a collage that was deleted, the
 * request whose votes changed. The sidecar reads the matching rows from the origin and passes each
 * to {@link Translator#translateCascaded} at the position of the change that caused it.
 *
 * @param table      the Gazelle table to read again
 * @param where      column values the rows must all have (an equality on each)
 * @param visibility whether the rows' visibility may have changed (a parent was hidden or shown):
 *                   then a row that may not leave is retracted and its own children follow. When
 *                   false, the rows are only recomputed (a request whose vote totals changed):
 *                   published if they may leave, else left alone.
 */
public record Cascade(String table, Map<String, Object> where, boolean visibility) {

    /** A cascade to rows whose visibility may have changed. */
    public Cascade(String table, Map<String, Object> where) {
        this(table, where, true);
    }

    /** The same rows, only to be recomputed. */
    public Cascade recomputeOnly() {
        return new Cascade(table, where, false);
    }

    public Cascade {
        Objects.requireNonNull(table, "table");
        where = Map.copyOf(where);
        if (where.isEmpty()) {
            throw new IllegalArgumentException("a cascade to " + table + " must name the rows it needs");
        }
    }
}
