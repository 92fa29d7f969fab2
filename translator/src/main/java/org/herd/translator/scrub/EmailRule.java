package org.herd.translator.scrub;

import static org.herd.translator.scrub.Chars.isAsciiAlnum;

/**
 * E-mail addresses, in the shape people write them: {@code local@domain.tld}. The local part is a
 * run of letters, digits (any script) and {@code . _ + -}; the domain two or more labels of letters,
 * digits and {@code -} joined by dots, ending in a top-level domain of two or more letters. The
 * at-sign may be URL-encoded ({@code %40}). The whole address becomes {@code [email]}.
 *
 * <p>Left alone: an {@code @} with nothing address-like on both sides ("@ 320kbps", "@handle",
 * "me@home" without a dotted domain, "user@localhost"), a one-letter or numeric top-level domain
 * ({@code a@b.c}, {@code x@10.0.0.1}, whose address the IP rule finds), addresses written with
 * " at " and " dot ", and characters of the local part before one of these classes ({@code a!b@x.com}
 * keeps {@code a!}, a quoted local part is not understood). Found although it is not an address: a
 * file name shaped like one, such as {@code cover@2x.png}.
 *
 * <p>Linear: a left walk from an at-sign stops at the previous {@code @} or {@code %}, and a right
 * walk at the next, so every character is walked at most twice.
 */
final class EmailRule implements TextRule {

    static final String NAME = "email";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void find(String text, Spans out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int at = atSignAt(text, i);
            if (at == 0) {
                i++;
                continue;
            }
            // Never reach back into the previous finding ("a@b.com.c@d.com" holds two addresses).
            int localStart = localStart(text, Math.max(0, out.lastEnd()), i);
            int domainEnd = localStart < i ? domainEnd(text, i + at) : -1;
            if (domainEnd > 0) {
                out.add(localStart, domainEnd, Tokens.EMAIL);
                i = domainEnd;
            } else {
                i += at;
            }
        }
    }

    private static int atSignAt(String s, int i) {
        char c = s.charAt(i);
        if (c == '@') {
            return 1;
        }
        if (c == '%' && i + 2 < s.length() && s.charAt(i + 1) == '4' && s.charAt(i + 2) == '0') {
            return 3;
        }
        return 0;
    }

    private static boolean isLocalChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '+' || c == '-';
    }

    private static boolean isDomainChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '.';
    }

    /**
     * Where the local part ending at {@code at} starts, not before {@code floor}; {@code at} itself
     * when there is none. A local part neither starts with a dot nor holds two ("Thanks...john@x").
     */
    private static int localStart(String text, int floor, int at) {
        int start = at;
        while (start > floor && isLocalChar(text.charAt(start - 1))) {
            start--;
        }
        for (int k = at - 2; k >= start; k--) {
            if (text.charAt(k) == '.' && text.charAt(k + 1) == '.') {
                start = k + 2;
                break;
            }
        }
        while (start < at && text.charAt(start) == '.') {
            start++;
        }
        return start;
    }

    /**
     * The end of a domain of two or more labels with an alphabetic top-level domain starting at
     * {@code start}, or -1. A domain that runs on into something else ("x.com.123", "x.com.") ends
     * at its last label that can end one.
     */
    private static int domainEnd(String text, int start) {
        int end = start;
        while (end < text.length() && isDomainChar(text.charAt(end))) {
            end++;
        }
        if (end == start || text.charAt(start) == '.' || text.charAt(start) == '-') {
            return -1;
        }
        for (int k = start; k + 1 < end; k++) {
            if (text.charAt(k) == '.' && text.charAt(k + 1) == '.') {
                end = k;
                break;
            }
        }
        // The end of a sentence or a dash after the address is not part of it.
        while (end > start && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
            end--;
        }
        // Back off label by label to the last one that is a top-level domain.
        while (end > start) {
            int dot = end - 1;
            while (dot >= start && text.charAt(dot) != '.') {
                dot--;
            }
            if (dot <= start) {
                return -1;
            }
            if (isTopLevelDomain(text, dot + 1, end)) {
                return end;
            }
            end = dot;
        }
        return -1;
    }

    /** Two or more letters, or an internationalised one in its ASCII form ({@code xn--p1ai}). */
    private static boolean isTopLevelDomain(String text, int start, int end) {
        if (end - start < 2) {
            return false;
        }
        if (end - start > 4 && text.regionMatches(true, start, "xn--", 0, 4)) {
            for (int i = start + 4; i < end; i++) {
                if (!isAsciiAlnum(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
        for (int i = start; i < end; i++) {
            if (!Character.isLetter(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
