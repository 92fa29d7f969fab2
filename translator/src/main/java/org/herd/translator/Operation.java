package org.herd.translator;

/** What a neutral record asks a mirror to do with the row it names. */
public enum Operation {
    /** Insert the row or replace the one held, if the record is newer. */
    UPSERT("upsert"),
    /** Remove the row, remembering the position so that an older upsert cannot revive it. */
    DELETE("delete");

    /** Kept, not lower-cased per call: the sidecar writes it and a mirror compares it for every record. */
    private final String wireName;

    Operation(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
