package org.herd.translator;

/** What happened to a Gazelle row, as the binlog or a snapshot tells it. */
public enum RowOperation {
    /** Read by a snapshot. */
    READ,
    INSERT,
    UPDATE,
    DELETE
}
