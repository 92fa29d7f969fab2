package org.herd.restore;

import java.util.Map;

/** Where restored Gazelle rows go: a database (batched INSERTs), or a list in a test. */
@FunctionalInterface
public interface GazelleTarget {

    /**
     * One row of a Gazelle table, column to value in DDL order. Values are {@link Long},
     * {@link Double}, {@link String} (date-times as {@code yyyy-MM-dd HH:mm:ss}, zero dates
     * included), {@code byte[]} or null.
     */
    void row(String table, Map<String, Object> values);
}
