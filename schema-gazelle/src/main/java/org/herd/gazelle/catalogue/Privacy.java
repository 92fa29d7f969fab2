package org.herd.gazelle.catalogue;

/**
 * What may become of a Gazelle column. Anything the catalogue does not name is treated as
 * {@link #PRIVATE}: default deny.
 */
public enum Privacy {
    /** Replicated to every mirror. */
    PUBLIC,
    /**
     * Not secret, but not replicated: derived copies of public data (they would drift), the
     * tracker's statistics (noise that changes every few seconds) and site bookkeeping.
     */
    INTERNAL,
    /** Never leaves the origin, in no form: not in a record, a log line or an error message. */
    PRIVATE
}
