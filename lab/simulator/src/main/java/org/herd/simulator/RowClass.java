package org.herd.simulator;

/**
 * What a binlog row change is to Herd, judged by the catalogue's privacy classes (default deny).
 * The load generator declares one for every statement it sends, and its tests read the binlog to
 * check the declaration.
 */
public enum RowClass {
    /**
     * An insert or delete of a row of a replicated table, or an update that changed at least one
     * column the catalogue names public: the sidecar translates it. A row filter (a staff forum's
     * post) may still keep the record home.
     */
    PUBLIC,
    /**
     * An update of a replicated table that changed only columns that never leave (the tracker's
     * Seeders, Leechers, Snatched, balance and last_action; Gazelle's denormalised TagList and forum
     * counters): the sidecar receives it and must drop it.
     */
    NOISE,
    /** A change of a table with no public column (sphinx_delta, users_main): the sidecar never captures it. */
    UNCAPTURED
}
