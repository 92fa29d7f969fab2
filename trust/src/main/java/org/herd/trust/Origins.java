package org.herd.trust;

import java.util.regex.Pattern;

/** The origin id rule of the wire format, applied where an origin is named in a signed document. */
final class Origins {

    /** As in {@code docs/wire-format.md}: what fits in a topic name and a PostgreSQL identifier. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private Origins() {
    }

    static String check(String origin, String where) {
        if (origin == null || !ID.matcher(origin).matches()) {
            throw new TrustFormatException(where + " must be an origin id ([a-z0-9][a-z0-9_-]{0,62}), found "
                    + (origin == null ? "nothing" : "'" + origin + "'"));
        }
        return origin;
    }
}
