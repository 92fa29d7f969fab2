package org.herd.translator;

/** What a neutral record asks a mirror to do with the row it names. */
public enum Operation {
    /** Insert the row or replace the one held, if the record is newer. */
    UPSERT,
    /** Remove the row, remembering the position so that an older upsert cannot revive it. */
    DELETE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
