package org.herd.translator;

import java.util.Map;
import java.util.Objects;

/**
 * Rows whose translation depends on a row that just changed, and that must be translated again:
 * the topics of a forum that became a staff forum, the entries of a collage that was deleted, the
 * request whose votes changed. The sidecar reads the matching rows from the origin and passes each
 * to {@link Translator#translateCascaded} at the position of the change that caused it.
 *
 * @param table the Gazelle table to read again
 * @param where column values the rows must all have (an equality on each)
 */
public record Cascade(String table, Map<String, Object> where) {

    public Cascade {
        Objects.requireNonNull(table, "table");
        where = Map.copyOf(where);
        if (where.isEmpty()) {
            throw new IllegalArgumentException("a cascade to " + table + " must name the rows it needs");
        }
    }
}
