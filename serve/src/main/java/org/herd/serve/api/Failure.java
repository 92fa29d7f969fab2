package org.herd.serve.api;

/**
 * A request Gazelle would answer with its failure envelope, {@code {"status":"failure","error":...}}.
 * The message is the one Gazelle gives where it gives one ("bad id parameter"), else says what was
 * wrong with which parameter; it never quotes more than a short prefix of what the client sent.
 */
public final class Failure extends RuntimeException {

    private final int httpStatus;

    public Failure(String message) {
        this(message, 200);
    }

    /** @param httpStatus Gazelle answers failures with 200; a few (rate limit, login) use their own. */
    public Failure(String message, int httpStatus) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** At most 40 characters of a client's value, for a message. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        StringBuilder b = new StringBuilder("'");
        shown.codePoints().forEach(c -> b.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return b.append('\'').toString();
    }
}
