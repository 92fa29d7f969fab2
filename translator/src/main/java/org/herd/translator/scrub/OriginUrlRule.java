package org.herd.translator.scrub;

import static org.herd.translator.scrub.Chars.isAsciiAlnum;
import static org.herd.translator.scrub.Chars.isAsciiDigit;
import static org.herd.translator.scrub.Chars.isAsciiLetter;
import static org.herd.translator.scrub.Chars.matchesAt;
import static org.herd.translator.scrub.Chars.separatorAt;

import java.util.Arrays;
import java.util.List;

/**
 * Keys in links to the origin's own site, whose host names the operator lists: password-reset and
 * invitation links ({@code login.php?act=recover&key=…}, {@code register.php?invite=…}), feed and
 * download links, and any other key the site puts in its URLs. In a link to one of those hosts (or
 * a subdomain of one), with or without a scheme:
 * <ul>
 * <li>the values of {@code key}, {@code invite}, {@code token}, {@code auth}, {@code authkey},
 * {@code passkey} and {@code torrent_pass} become {@code [key]} ({@code [passkey]} for the last
 * two);</li>
 * <li>any other query value or path segment that looks like a key, 16 to 64 ASCII letters and
 * digits with at least one of each, becomes {@code [key]}.</li>
 * </ul>
 * The host, path shape and parameter names stay. Left alone: numbers ({@code id=1234567890123456}),
 * words, and everything on other hosts ({@code notsite.example}, {@code site.example.evil.test}).
 * Scrubbed although it is not a key: a hash that is a search term in a link to the origin
 * ({@code torrents.php?searchstr=<md5>}).
 *
 * <p>The host names are found in one pass with a Knuth-Morris-Pratt matcher per host (ASCII case
 * ignored), so the search reads every character once per host whatever the text; the link after a
 * host is parsed by hand and ends at whitespace, quotes, brackets, braces or {@code |}.
 */
final class OriginUrlRule implements TextRule {

    static final String NAME = "origin-url";

    private static final int MIN = 16;
    private static final int MAX = 64;
    private static final String[] KEY_NAMES = {"torrent_pass", "passkey", "authkey", "invite", "token", "auth", "key"};

    /** The hosts, longest first, so that the most specific of two that end at one place is tried first. */
    private final char[][] hosts;
    /** Per host, the KMP failure function: the longest proper prefix that is also a suffix of host[0..i]. */
    private final int[][] failure;

    /** @param hosts the origin's host names, lower case, as {@link ScrubPolicy} validated them; not empty */
    OriginUrlRule(List<String> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("the origin-url rule needs at least one host");
        }
        List<String> sorted = hosts.stream().sorted((a, b) -> b.length() - a.length()).toList();
        this.hosts = new char[sorted.size()][];
        this.failure = new int[sorted.size()][];
        for (int h = 0; h < sorted.size(); h++) {
            char[] host = sorted.get(h).toCharArray();
            int[] f = new int[host.length];
            for (int i = 1, k = 0; i < host.length; i++) {
                while (k > 0 && host[i] != host[k]) {
                    k = f[k - 1];
                }
                if (host[i] == host[k]) {
                    k++;
                }
                f[i] = k;
            }
            this.hosts[h] = host;
            this.failure[h] = f;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void find(String text, Spans out) {
        int n = text.length();
        int[] matched = new int[hosts.length];
        int i = 0;
        while (i < n) {
            char c = asciiLower(text.charAt(i));
            int hostEnd = -1;
            for (int h = 0; h < hosts.length; h++) {
                char[] host = hosts[h];
                int k = matched[h];
                while (k > 0 && host[k] != c) {
                    k = failure[h][k - 1];
                }
                if (host[k] == c) {
                    k++;
                }
                if (k == host.length) {
                    if (hostEnd < 0 && isWholeHost(text, i + 1 - host.length, i + 1)) {
                        hostEnd = i + 1;
                    }
                    k = failure[h][k - 1];
                }
                matched[h] = k;
            }
            if (hostEnd < 0) {
                i++;
                continue;
            }
            int k = hostEnd;
            if (k < n && text.charAt(k) == ':') {
                int port = k + 1;
                while (port < n && isAsciiDigit(text.charAt(port))) {
                    port++;
                }
                k = port;
            }
            int end = k;
            while (end < n && !endsLink(text.charAt(end))) {
                end++;
            }
            scrubLink(text, k, end, out);
            // Carry on after the link, as if nothing of a host had been read yet.
            Arrays.fill(matched, 0);
            i = Math.max(end, hostEnd);
        }
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * Whether a host found at {@code [start, end)} is a whole name: a subdomain label and dot may
     * come before it ({@code www.}), nothing else of a name may come before or after it.
     */
    private static boolean isWholeHost(String text, int start, int end) {
        boolean before = start == 0 || text.charAt(start - 1) == '.' || !continuesHost(text, start - 1);
        return before && !continuesHostAfter(text, end);
    }

    private static boolean continuesHost(String text, int i) {
        if (i < 0) {
            return false;
        }
        char c = text.charAt(i);
        return isAsciiAlnum(c) || c == '-' || c == '.' || c == '_';
    }

    private static boolean continuesHostAfter(String text, int i) {
        if (i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return isAsciiAlnum(c) || c == '-' || c == '_' || (c == '.' && i + 1 < text.length()
                && isAsciiAlnum(text.charAt(i + 1)));
    }

    private static boolean endsLink(char c) {
        return Character.isWhitespace(c) || c < 0x20 || "\"'<>[]{}|`^".indexOf(c) >= 0;
    }

    /** Scrubs the path, query and fragment of a link in {@code [start, end)}, left to right. */
    private static void scrubLink(String text, int start, int end, Spans out) {
        int k = start;
        boolean query = false;
        while (k < end) {
            char c = text.charAt(k);
            int sep = separatorAt(text, k);
            if (c == '?' || c == '#' || c == '&' || c == ';' || matchesAt(text, k, "%3F") || matchesAt(text, k, "%26")) {
                query = true;
                k += c == '%' ? 3 : 1;
                continue;
            }
            if (sep > 0) {
                k += sep;
                continue;
            }
            // One segment or parameter: up to the next separator of either kind.
            int partEnd = k;
            int equals = -1;
            while (partEnd < end) {
                char p = text.charAt(partEnd);
                if (p == '?' || p == '#' || p == '&' || p == ';' || separatorAt(text, partEnd) > 0
                        || matchesAt(text, partEnd, "%3F") || matchesAt(text, partEnd, "%26")) {
                    break;
                }
                if (equals < 0 && query && KeyParameterRule.equalsAt(text, partEnd) > 0) {
                    equals = partEnd;
                }
                partEnd++;
            }
            if (equals >= 0) {
                int valueStart = equals + KeyParameterRule.equalsAt(text, equals);
                String token = keyToken(text, k, equals);
                int valueEnd = valueStart;
                while (valueEnd < partEnd && KeyParameterRule.isValueChar(text.charAt(valueEnd))) {
                    valueEnd++;
                }
                if (token == null && valueEnd == partEnd && looksLikeKey(text, valueStart, valueEnd)) {
                    token = Tokens.KEY;
                }
                if (token != null && valueEnd > valueStart && valueStart >= out.lastEnd()) {
                    out.add(valueStart, valueEnd, token);
                }
            } else if (looksLikeKey(text, k, partEnd) && k >= out.lastEnd()) {
                out.add(k, partEnd, Tokens.KEY);
            }
            k = Math.max(partEnd, k + 1);
        }
    }

    /** The token for a key parameter named {@code [start, end)}, or null for another name. */
    private static String keyToken(String text, int start, int end) {
        for (String name : KEY_NAMES) {
            if (end - start == name.length() && matchesAt(text, start, name)) {
                return name.equals("passkey") || name.equals("torrent_pass") ? Tokens.PASSKEY : Tokens.KEY;
            }
        }
        return null;
    }

    /** 16 to 64 ASCII letters and digits, with at least one of each. */
    private static boolean looksLikeKey(String text, int start, int end) {
        if (end - start < MIN || end - start > MAX) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            if (isAsciiLetter(c)) {
                letter = true;
            } else if (isAsciiDigit(c)) {
                digit = true;
            } else {
                return false;
            }
        }
        return letter && digit;
    }
}
