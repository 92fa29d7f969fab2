package org.herd.cli.trust;

/** Exit codes of {@code herd keys} and {@code herd trust}. */
final class TrustExit {

    /** Done. */
    static final int OK = 0;
    /** Refused: a file that exists, a root that does not pass the rules (a threshold not met). */
    static final int REFUSED = 1;
    /** Bad usage or configuration: a file that cannot be read, a key that is not one, a property missing. */
    static final int USAGE = 2;

    private TrustExit() {
    }
}
