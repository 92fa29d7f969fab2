package org.herd.trust;

import java.util.Objects;

/**
 * An entity's live row count and digest at one moment, as a checkpoint states it.
 *
 * @param rows   number of live rows, 0 or more
 * @param digest the {@link EntityDigest} sum: 64 lower-case hex digits
 */
public record RowsDigest(long rows, String digest) {

    /** The digest of no rows: the sum of nothing. */
    public static final String EMPTY = "0".repeat(64);

    public RowsDigest {
        Objects.requireNonNull(digest, "digest");
        if (rows < 0) {
            throw new IllegalArgumentException("negative row count " + rows);
        }
        if (!Bytes.isLowerHex(digest, 64)) {
            throw new TrustFormatException("a digest is 64 lower-case hex digits, found " + digest.length()
                    + " characters");
        }
    }
}
