package org.herd.translator.scrub;

import java.util.Objects;

/**
 * How often one rule replaced something in one free-text column of one published record: a count,
 * never what it replaced.
 *
 * @param table  the Gazelle table
 * @param column the free-text column
 * @param rule   the rule's name ({@link BuiltInRule#ruleName()}, or {@code pattern:<token>}), or
 *               {@link #DROPPED} when the policy withheld the column's value
 * @param count  how many findings (1 for a dropped value)
 */
public record ScrubCount(String table, String column, String rule, int count) {

    /** The rule name that counts a value the column policy {@code drop} withheld. */
    public static final String DROPPED = "dropped";

    public ScrubCount {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(rule, "rule");
        if (count <= 0) {
            throw new IllegalArgumentException("a scrub count is positive, got " + count);
        }
    }
}
