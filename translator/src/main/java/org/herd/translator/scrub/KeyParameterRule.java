package org.herd.translator.scrub;

import static org.herd.translator.scrub.Chars.escapeBefore;
import static org.herd.translator.scrub.Chars.isAsciiAlnum;
import static org.herd.translator.scrub.Chars.isWordChar;
import static org.herd.translator.scrub.Chars.matchesAt;

/**
 * The values of the parameters that carry a Gazelle user's keys, wherever they appear: a download
 * link ({@code torrents.php?action=download&id=12&authkey=…&torrent_pass=…}), an RSS feed link
 * ({@code feeds.php?feed=…&auth=…&passkey=…&authkey=…}), another tracker's
 * {@code announce.php?passkey=…}, or the parameter pasted alone. {@code passkey} and
 * {@code torrent_pass} become {@code [passkey]}, {@code authkey} and {@code auth} become
 * {@code [key]}; the parameter names and everything else of the link stay.
 *
 * <p>A parameter is the name (any case) right before {@code =} or its URL-encoded {@code %3D}, not
 * preceded by a letter, digit or {@code _} (but {@code &amp;authkey=} and {@code %26authkey%3D}
 * are found); its value is the run of ASCII letters, digits, {@code -}, {@code _} and {@code ~}
 * after it. Left alone: other names ({@code author=}, {@code oauth=}, {@code authkeys=}), an empty
 * value, and keys written any other way ({@code "passkey": "…"} in JSON, "my passkey is …").
 */
final class KeyParameterRule implements TextRule {

    static final String NAME = "key-parameter";

    private static final String[] NAMES = {"torrent_pass", "passkey", "authkey", "auth"};
    private static final String[] TOKENS = {Tokens.PASSKEY, Tokens.PASSKEY, Tokens.KEY, Tokens.KEY};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void find(String text, Spans out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int equals = equalsAt(text, i);
            if (equals == 0) {
                i++;
                continue;
            }
            String token = tokenOfNameBefore(text, i);
            int valueStart = i + equals;
            int valueEnd = valueStart;
            if (token != null) {
                while (valueEnd < n && isValueChar(text.charAt(valueEnd))) {
                    valueEnd++;
                }
                if (valueEnd > valueStart) {
                    out.add(valueStart, valueEnd, token);
                }
            }
            i = Math.max(valueEnd, i + 1);
        }
    }

    /** The length of an equals sign at {@code i}: 1 for {@code =}, 3 for {@code %3D}, else 0. */
    static int equalsAt(String s, int i) {
        char c = s.charAt(i);
        if (c == '=') {
            return 1;
        }
        if (c == '%' && i + 2 < s.length() && s.charAt(i + 1) == '3'
                && (s.charAt(i + 2) == 'D' || s.charAt(i + 2) == 'd')) {
            return 3;
        }
        return 0;
    }

    /** The token for the key parameter whose name ends at {@code end}, or null when none does. */
    private static String tokenOfNameBefore(String text, int end) {
        for (int k = 0; k < NAMES.length; k++) {
            int start = end - NAMES[k].length();
            if (matchesAt(text, start, NAMES[k]) && nameBoundary(text, start)) {
                return TOKENS[k];
            }
        }
        return null;
    }

    /** Whether a name may start at {@code start}: at the text's start, after a non-word character or a %XX escape. */
    static boolean nameBoundary(String text, int start) {
        return start == 0 || !isWordChar(text.charAt(start - 1)) || escapeBefore(text, start);
    }

    static boolean isValueChar(char c) {
        return isAsciiAlnum(c) || c == '-' || c == '_' || c == '~';
    }
}
