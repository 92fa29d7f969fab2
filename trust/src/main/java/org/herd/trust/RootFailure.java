package org.herd.trust;

/** Why a trust root was not accepted. The wire names are stable, for logs and metrics. */
public enum RootFailure {
    /** Fewer valid signatures by distinct trustees than a threshold asks; the detail says how
     * many of how many, and of which version's trustees. */
    THRESHOLD_NOT_MET("threshold_not_met"),
    /** A version lower than or equal to the trusted one, offered after it. */
    ROLLBACK("rollback"),
    /** A version more than one above the trusted one: the versions between must come first. */
    VERSION_GAP("version_gap"),
    /** A version for another origin than the trusted one. */
    ORIGIN_CHANGED("origin_changed"),
    /** The file cannot be read, or the root breaks a rule of its own format. */
    MALFORMED("malformed"),
    /** Too few valid signatures, and among the others at least one by a trustee does not
     * verify: the root was altered after signing, or signed as another version. */
    BAD_SIGNATURE("bad_signature"),
    /** The new version changes origin keys as no version may: drops one, changes its epoch,
     * makes a revoked key active again, or gives a new key an epoch not above every earlier one. */
    INVALID_KEY_CHANGE("invalid_key_change");

    private final String wireName;

    RootFailure(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
