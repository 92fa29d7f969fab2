package org.herd.archive;

import java.util.Objects;

/**
 * One thing wrong with an archive: what kind, where (a file, an entity, a line), and what was
 * found. The detail names files, entities, keys and lines, never a record's payload.
 *
 * @param kind   what is wrong
 * @param where  the file, or {@code entity E line N}, or the archive as a whole
 * @param detail what was expected and what was found
 */
public record ArchiveProblem(Kind kind, String where, String detail) {

    /** The kinds of problem, with stable names for scripts. */
    public enum Kind {
        /** manifest.json is missing or unreadable, or names a file outside the archive. */
        MANIFEST("manifest"),
        /** A file the manifest names is not there. */
        MISSING_FILE("missing_file"),
        /** A file's size or SHA-256 differs from the manifest's. */
        FILE_DIGEST("file_digest"),
        /** A file the manifest does not name. */
        EXTRA_FILE("extra_file"),
        /** A trust root of the archive is refused, or none can be trusted. */
        TRUST_ROOT("trust_root"),
        /** The checkpoint's signature does not verify, or it does not state the manifest's cut. */
        CHECKPOINT("checkpoint"),
        /** The checkpoint lists an entity the archive has no file for, or the reverse. */
        MISSING_ENTITY("missing_entity"),
        /** An entity file cannot be decompressed or a line cannot be read. */
        UNREADABLE("unreadable"),
        /** A line's key is not after the line before it: lines are sorted by key, each key once. */
        ORDER("order"),
        /** A record's signature does not verify against the trust root (the reason says why). */
        SIGNATURE("signature"),
        /** A record of another entity, a delete, or a record after the cut. */
        WRONG_RECORD("wrong_record"),
        /** An entity's record count or digest differs from the checkpoint's or the manifest's. */
        INCOMPLETE("incomplete");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public ArchiveProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return kind.wireName() + ": " + where + ": " + detail;
    }
}
