package org.herd.translator.scrub;

import static org.herd.translator.scrub.Chars.isAsciiDigit;
import static org.herd.translator.scrub.Chars.isHexDigit;
import static org.herd.translator.scrub.Chars.isWordCharAt;

/**
 * IPv6 addresses, as whole tokens: a run of hex digits, colons and dots with no letter, digit or
 * {@code _} directly before or after it, that is an address in RFC 4291's text forms: eight groups
 * of one to four hex digits, or fewer with one {@code ::}, the last two groups optionally written as
 * an IPv4 address ({@code ::ffff:192.0.2.1}). A single colon before or after the run ("IP:2001:…",
 * "at 2001:db8::1:") and a full stop after it are not part of it. The address becomes {@code [ip]}.
 *
 * <p>Left alone: times and durations ({@code 12:34:56}, {@code 4:14.60}), MAC addresses
 * ({@code 00:1A:2B:3C:4D:5E}: six groups; they name a network card, not a person's connection),
 * C++ scopes ({@code std::vector}), runs that are not an address as a whole (nine groups, a group of
 * five digits), and addresses with fewer than three groups written out ({@code ::}, {@code ::1},
 * {@code fe80::1}): the unspecified, loopback and such short link-local addresses identify nobody.
 * A zone index ({@code %eth0}) is left after the token.
 */
final class Ipv6Rule implements TextRule {

    static final String NAME = "ipv6";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void find(String text, Spans out) {
        // Every address has two colons at least: most texts are done with at most two searches.
        int colon = text.indexOf(':');
        if (colon < 0 || text.indexOf(':', colon + 1) < 0) {
            return;
        }
        int n = text.length();
        int from = 0;
        while (from < n) {
            // Only a run of hex digits, colons and dots that holds a colon can be an address: go from
            // colon to colon, back to the start of its run (never before the end of the last run, so
            // every character is looked at a bounded number of times).
            int next = text.indexOf(':', from);
            if (next < 0) {
                return;
            }
            int i = next;
            while (i > from && isRunChar(text.charAt(i - 1))) {
                i--;
            }
            int runEnd = i;
            int colons = 0;
            while (runEnd < n) {
                char r = text.charAt(runEnd);
                if (r == ':') {
                    colons++;
                } else if (!isHexDigit(r) && r != '.') {
                    break;
                }
                runEnd++;
            }
            // A single colon starting the run separates it from what is before ("IP:2001:db8::7").
            boolean leadingColon = runEnd - i >= 2 && text.charAt(i) == ':' && text.charAt(i + 1) != ':';
            if (colons >= 2 && (leadingColon || !isWordCharAt(text, i - 1)) && !isWordCharAt(text, runEnd)) {
                int start = leadingColon ? i + 1 : i;
                int end = runEnd;
                while (end > start && text.charAt(end - 1) == '.') {
                    end--;
                }
                if (end - start >= 2 && text.charAt(end - 1) == ':' && text.charAt(end - 2) != ':') {
                    end--;
                }
                if (isAddress(text, start, end) && start >= out.lastEnd()) {
                    out.add(start, end, Tokens.IP);
                }
            }
            from = runEnd;
        }
    }

    private static boolean isRunChar(char c) {
        return isHexDigit(c) || c == ':' || c == '.';
    }

    /** Whether {@code [start, end)} is an IPv6 address with at least three groups written out. */
    static boolean isAddress(String text, int start, int end) {
        if (end - start < 2 || end - start > 45) {
            return false;
        }
        int lastColon = -1;
        int firstDot = -1;
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            if (c == ':') {
                lastColon = k;
            } else if (c == '.' && firstDot < 0) {
                firstDot = k;
            }
        }
        if (lastColon < 0) {
            return false;
        }
        int hexEnd = end;
        int groups = 0;
        if (firstDot >= 0) {
            // Only the last two groups may be written as an IPv4 address.
            if (firstDot < lastColon || !isDottedQuad(text, lastColon + 1, end)) {
                return false;
            }
            groups = 2;
            // "1:2:3:4:5:6:1.2.3.4" ends its hex part with a colon; "::1.2.3.4" with the "::".
            hexEnd = lastColon > start && text.charAt(lastColon - 1) == ':' ? lastColon + 1 : lastColon;
        }
        int doubleColon = -1;
        for (int k = start; k + 1 < hexEnd; k++) {
            if (text.charAt(k) == ':' && text.charAt(k + 1) == ':') {
                if (doubleColon >= 0) {
                    return false;
                }
                doubleColon = k;
                k++;
            }
        }
        int written;
        if (doubleColon < 0) {
            written = groups(text, start, hexEnd);
            if (written < 0 || written + groups != 8) {
                return false;
            }
        } else {
            int left = groups(text, start, doubleColon);
            int right = groups(text, doubleColon + 2, hexEnd);
            if (left < 0 || right < 0 || left + right + groups > 7) {
                return false;
            }
            written = left + right;
        }
        return written + groups >= 3;
    }

    /** The number of colon-separated groups of 1 to 4 hex digits in {@code [start, end)}, 0 when empty, -1 when malformed. */
    private static int groups(String text, int start, int end) {
        if (start == end) {
            return 0;
        }
        int groups = 0;
        int digits = 0;
        for (int k = start; k <= end; k++) {
            if (k == end || text.charAt(k) == ':') {
                if (digits == 0) {
                    return -1;
                }
                groups++;
                digits = 0;
            } else if (!isHexDigit(text.charAt(k)) || ++digits > 4) {
                return -1;
            }
        }
        return groups;
    }

    /** Four dot-separated decimal numbers of 1 to 3 digits, each at most 255. */
    private static boolean isDottedQuad(String text, int start, int end) {
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int k = start; k <= end; k++) {
            if (k == end || text.charAt(k) == '.') {
                if (digits == 0 || value > 255) {
                    return false;
                }
                parts++;
                value = 0;
                digits = 0;
            } else {
                char c = text.charAt(k);
                if (!isAsciiDigit(c) || ++digits > 3) {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
        }
        return parts == 4;
    }
}
