package org.herd.trust;

/**
 * Why a signed record or checkpoint was refused. The wire names are stable: they are counted in
 * metrics and stored in mirrors' reject tables, so a name is never changed or reused.
 */
public enum RejectReason {
    /** No signature header is present. */
    UNSIGNED("unsigned"),
    /** A header missing while another is present, a header repeated, a key id that is not 64
     * lower-case hex digits, a signature that is not 64 bytes, a record's proof that cannot be read
     * (a tree size or leaf index out of range, an audit path of the wrong length). */
    MALFORMED_HEADERS("malformed_headers"),
    /** The key id names no origin key of the trust root. */
    UNKNOWN_KEY("unknown_key"),
    /** The key id names an origin key the trust root has revoked. */
    REVOKED_KEY("revoked_key"),
    /** Validly signed, but for another origin than the trust root's. */
    WRONG_ORIGIN("wrong_origin"),
    /** Validly signed, but the epoch it names is not the epoch the trust root gives the key. */
    WRONG_EPOCH("wrong_epoch"),
    /** The signature does not verify: the value, the key, the position, the proof or the signature
     * was altered, or another key signed. */
    BAD_SIGNATURE("bad_signature"),
    /** The value cannot be read: not JSON, or a member the signature covers is missing or of the
     * wrong type. */
    MALFORMED("malformed");

    private final String wireName;

    RejectReason(String wireName) {
        this.wireName = wireName;
    }

    /** The stable lower-case name, for metrics labels and reject tables. */
    public String wireName() {
        return wireName;
    }
}
