package org.herd.translator.scrub;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Objects;

/**
 * One of the operator's own scrubbing patterns: what it matches in free text becomes
 * {@code [token]} and is counted under the rule {@code pattern:<token>}.
 *
 * <p>The expression is RE2 syntax (RE2/J), which matches in linear time: no back-references, no
 * look-around. It applies within one line at a time. It may hold what the operator wants kept
 * secret (a staff member's address, an internal host), so neither {@link #toString()}, nor
 * {@link ScrubPolicy#describe()}, nor any error message here repeats it: they name the pattern by
 * its token.
 *
 * @param token the token's name: lower-case letters, digits and '-', starting with a letter, at most
 *              32 characters ({@code staff-host} gives {@code [staff-host]})
 * @param regex the RE2 expression; it must compile and must not match the empty string
 */
public record OperatorPattern(String token, String regex) {

    /** Prefix of an operator pattern's rule name in counts. */
    public static final String RULE_PREFIX = "pattern:";

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** Texts an expression is tried on to see whether it matches the empty string somewhere. */
    private static final List<String> EMPTY_PROBES = List.of("", " ", "a", "a b", "1.2", "x@y", "C:\\Users\\x");

    public OperatorPattern {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(regex, "regex");
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("operator pattern token '" + token + "' must match "
                    + TOKEN.pattern());
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            // The description names the error ("missing closing )"); the message would quote the expression.
            throw new IllegalArgumentException("operator pattern [" + token + "] is not valid RE2 syntax: "
                    + e.getDescription());
        }
        for (String probe : EMPTY_PROBES) {
            com.google.re2j.Matcher m = compiled.matcher(probe);
            for (int from = 0; from <= probe.length() && m.find(from); from = m.end() + 1) {
                if (m.end() == m.start()) {
                    throw new IllegalArgumentException("operator pattern [" + token + "] matches the empty string, "
                            + "which would put its token between characters; make it match at least one character");
                }
            }
        }
    }

    Pattern compile() {
        return Pattern.compile(regex);
    }

    /** Names the pattern by its token only: the expression may hold what it is meant to keep secret. */
    @Override
    public String toString() {
        return "OperatorPattern[" + Tokens.of(token) + "]";
    }
}
