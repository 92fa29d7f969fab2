package org.herd.translator;

import java.util.Map;
import java.util.Optional;

/**
 * What a mapping may ask about other rows of the origin: whether the topic a post belongs to sits
 * in a staff forum, how many votes a request has. The sidecar answers from the source database,
 * kept current by the changes it streams; the translator itself does no I/O.
 *
 * <p>Answers hold only the columns the translator may read (public, row-filter and, as the policy
 * allows, user columns), never anything else.
 */
public interface OriginLookup {

    /**
     * One row by its primary key.
     *
     * @return the row's readable columns; for a row deleted by a change already translated, its
     *         last known values (a child deleted after its parent must still be judged by the parent
     *         it had); empty when the origin never had it
     */
    Optional<Map<String, Object>> row(String table, Map<String, Object> key);

    /** The number of rows of a table matching {@code where} and the sum of one of their columns. */
    Aggregate aggregate(String table, Map<String, Object> where, String sumColumn);

    /** A count and a sum over rows; the sum is 0 when no row matches. */
    record Aggregate(long count, long sum) {
    }

    /** For translations that need no other row; a mapping that asks anyway fails clearly. */
    OriginLookup NONE = new OriginLookup() {
        @Override
        public Optional<Map<String, Object>> row(String table, Map<String, Object> key) {
            throw new IllegalStateException("translating this row needs " + table
                    + " from the origin, and no origin lookup was given");
        }

        @Override
        public Aggregate aggregate(String table, Map<String, Object> where, String sumColumn) {
            throw new IllegalStateException("translating this row needs an aggregate of " + table
                    + " from the origin, and no origin lookup was given");
        }
    };
}
