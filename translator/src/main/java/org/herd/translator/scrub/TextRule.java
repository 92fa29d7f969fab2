package org.herd.translator.scrub;

/**
 * One scrubbing rule: finds the parts of a text to replace with a token. Implementations are
 * immutable and thread-safe, keep nothing of the text, and run in time linear in its length
 * whatever it holds.
 */
interface TextRule {

    /** The rule's name in counts and policies, e.g. {@code email}. */
    String name();

    /**
     * Adds what the rule finds in {@code text} to {@code out}, in increasing order of start and
     * not overlapping each other.
     */
    void find(String text, Spans out);
}
