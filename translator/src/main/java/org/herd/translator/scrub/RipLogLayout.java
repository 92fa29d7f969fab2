package org.herd.translator.scrub;

import static org.herd.translator.scrub.Chars.matchesAt;

/**
 * The lines of a rip log that a log checker reads as evidence: EAC's and XLD's checksums, CRCs,
 * AccurateRip results, peak levels and quality figures, and XLD's signature block. The operator's
 * own patterns are not applied to them, so that a broad pattern (say, any 32 hex digits) cannot
 * damage a log's checksums. The built-in rules are: they run everywhere, never match these lines'
 * figures (tests keep it so), and a secret typed into such a line is still found.
 */
final class RipLogLayout {

    private static final String[] EVIDENCE = {"crc", "checksum", "accuraterip", "accurately ripped", "signature",
        "peak level", "track quality", "range quality", "copy ok"};
    private static final String XLD_BEGIN = "-----BEGIN XLD SIGNATURE-----";
    private static final String XLD_END = "-----END XLD SIGNATURE-----";

    private RipLogLayout() {
    }

    /** Per line of {@code log} (lines end at '\n'), whether it is evidence a checker reads. */
    static boolean[] evidenceLines(String log) {
        int n = log.length();
        int lines = 1;
        for (int i = 0; i < n; i++) {
            if (log.charAt(i) == '\n') {
                lines++;
            }
        }
        boolean[] evidence = new boolean[lines];
        boolean inSignature = false;
        int lineStart = 0;
        for (int line = 0; line < lines; line++) {
            int lineEnd = log.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            boolean begin = contains(log, lineStart, lineEnd, XLD_BEGIN);
            evidence[line] = inSignature || begin || containsAny(log, lineStart, lineEnd);
            if (begin) {
                inSignature = true;
            }
            if (contains(log, lineStart, lineEnd, XLD_END)) {
                inSignature = false;
            }
            lineStart = lineEnd + 1;
        }
        return evidence;
    }

    private static boolean containsAny(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if (c != 'c' && c != 'a' && c != 's' && c != 'p' && c != 't' && c != 'r') {
                continue;
            }
            for (String word : EVIDENCE) {
                if (i + word.length() <= to && matchesAt(s, i, word)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(String s, int from, int to, String word) {
        for (int i = from; i + word.length() <= to; i++) {
            if (s.charAt(i) == word.charAt(0) && s.startsWith(word, i)) {
                return true;
            }
        }
        return false;
    }
}
