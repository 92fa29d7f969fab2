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
    /**
     * Identifies a user (an author's id, a user name). Leaves only in the form the operator's user
     * policy allows: not at all ({@code none}), as a keyed hash computed at the origin
     * ({@code pseudonymous}, the default), or as id and name ({@code public}).
     */
    USER,
    /**
     * Never published, but read by the sidecar to decide whether a row may leave at all: a staff
     * forum's {@code MinClassRead}, a collage's {@code Deleted}, a request's {@code Visible}.
     */
    ROW_FILTER,
    /**
     * Never published row by row, but read by the sidecar to total it on the record it belongs to:
     * the bounties of a request's votes, summed and counted, while who voted stays home.
     */
    AGGREGATE,
    /**
     * Private unless the operator opts in: {@code torrents.info_hash}, which identifies the content
     * on the private tracker (useful for magnet links, but a choice for the site to make).
     */
    OPT_IN,
    /** Never leaves the origin, in no form: not in a record, a log line or an error message. */
    PRIVATE
}
