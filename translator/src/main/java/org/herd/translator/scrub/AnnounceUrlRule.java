package org.herd.translator.scrub;

import static org.herd.translator.scrub.Chars.isAsciiAlnum;
import static org.herd.translator.scrub.Chars.isWordCharAt;
import static org.herd.translator.scrub.Chars.matchesAt;
import static org.herd.translator.scrub.Chars.separatorBefore;
import static org.herd.translator.scrub.Chars.separatorsStart;
import static org.herd.translator.scrub.Chars.skipSeparators;

/**
 * The passkey in a tracker's announce or scrape URL, on any host: Ocelot's (Gazelle's tracker)
 * {@code https://tracker.example:34000/<passkey>/announce} and the
 * {@code https://tracker.example/announce/<passkey>} layout of other trackers. The key is the path
 * segment right before an {@code announce} or {@code scrape} segment, or right after an
 * {@code announce} segment, when it is 16 to 64 ASCII letters and digits: Gazelle's passkeys are 32
 * characters, random letters and digits on WhatCD ({@code make_secret}), hex on later forks.
 *
 * <p>Found in any slash style ({@code /}, {@code \/} in JSON, {@code %2F} URL-encoded) and without
 * a scheme, since people paste the URL as their client shows it. Left alone: a segment of another
 * length or with other characters ({@code /announce} right after a host name, {@code
 * /files/a1b2.jpg/announce}), and a 32-hex MD5 anywhere that is not next to an {@code announce} or
 * {@code scrape} segment. {@code announce.php?passkey=…} is {@link KeyParameterRule}'s.
 */
final class AnnounceUrlRule implements TextRule {

    static final String NAME = "announce-url";
    private static final int MIN = 16;
    private static final int MAX = 64;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void find(String text, Spans out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int word = 0;
            if ((c == 'a' || c == 'A') && matchesAt(text, i, "announce")) {
                word = "announce".length();
            } else if ((c == 's' || c == 'S') && matchesAt(text, i, "scrape")) {
                word = "scrape".length();
            }
            // A whole path segment: a separator before it, no word character after it.
            if (word == 0 || separatorBefore(text, i) == 0 || isWordCharAt(text, i + word)) {
                i++;
                continue;
            }
            int segmentEnd = separatorsStart(text, i);
            int segmentStart = keyBefore(text, segmentEnd);
            if (segmentStart >= 0 && segmentStart >= out.lastEnd()) {
                out.add(segmentStart, segmentEnd, Tokens.PASSKEY);
            }
            int after = i + word;
            if (word == "announce".length()) {
                int keyStart = skipSeparators(text, after);
                int keyEnd = keyAfter(text, keyStart);
                if (keyStart > after && keyEnd > 0) {
                    out.add(keyStart, keyEnd, Tokens.PASSKEY);
                    after = keyEnd;
                }
            }
            i = after;
        }
    }

    /** The start of a key segment ending at {@code end} (a separator before it), or -1. */
    private static int keyBefore(String text, int end) {
        int start = end;
        while (start > 0 && end - start <= MAX && isAsciiAlnum(text.charAt(start - 1))) {
            start--;
        }
        if (start + 2 <= end && separatorBefore(text, start + 2) == 3) {
            // The walk took the "2F" of a URL-encoded "%2F" for part of the key.
            start += 2;
        }
        int length = end - start;
        if (length < MIN || length > MAX || separatorBefore(text, start) == 0) {
            return -1;
        }
        return start;
    }

    /** The end of a key segment starting at {@code start} (not followed by a letter or digit), or -1. */
    private static int keyAfter(String text, int start) {
        int end = start;
        while (end < text.length() && end - start <= MAX && isAsciiAlnum(text.charAt(end))) {
            end++;
        }
        int length = end - start;
        if (length < MIN || length > MAX || isWordCharAt(text, end)) {
            return -1;
        }
        return end;
    }
}
