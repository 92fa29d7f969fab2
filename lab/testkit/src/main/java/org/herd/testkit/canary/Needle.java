package org.herd.testkit.canary;

import java.util.Objects;

/**
 * One form in which a canary could show up in leaked data, and how to recognise it.
 *
 * @param text  what to look for; ASCII only, at least {@value #MIN_LENGTH} characters
 * @param match how {@code text} must match
 * @param form  what the form is, for reports: {@code text}, {@code base64}, {@code hex},
 *              {@code epoch-ms}, ...
 */
public record Needle(String text, Match match, String form) {

    /** Shorter needles would be found in data by chance. */
    public static final int MIN_LENGTH = 4;

    /** How a needle must match. */
    public enum Match {
        /** Anywhere, ignoring ASCII case: text canaries, hex. */
        IGNORE_CASE,
        /** Anywhere, exactly: base64 (whose case carries information), date-times. */
        EXACT,
        /**
         * Exactly, and not as part of a longer number: no digit right before or after it, so that
         * 2100001337 is not found inside 92100001337.
         */
        WHOLE_NUMBER
    }

    public Needle {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(form, "form");
        if (text.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("needle '" + text + "' is shorter than " + MIN_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7e || text.charAt(i) < 0x20) {
                throw new IllegalArgumentException("needle '" + text + "' is not printable ASCII");
            }
        }
    }
}
