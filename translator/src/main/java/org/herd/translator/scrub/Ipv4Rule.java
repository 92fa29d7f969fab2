package org.herd.translator.scrub;

import static org.herd.translator.scrub.Chars.isAsciiDigit;
import static org.herd.translator.scrub.Chars.isAsciiLetter;
import static org.herd.translator.scrub.Chars.isWordChar;
import static org.herd.translator.scrub.Chars.isWordCharAt;

import java.util.Locale;
import java.util.Set;

/**
 * IPv4 addresses, as whole tokens: four dot-separated numbers of one to three digits, each at most
 * 255, forming the whole run of digits and dots they are in, with no letter, digit or {@code _}
 * directly before or after that run (an ellipsis may come between: "see...10.0.0.1"). A port, a prefix length, brackets and a sentence's full stop
 * may follow ({@code 10.0.0.1:34000}, {@code 10.0.0.0/8}, "at 10.0.0.1."). The address becomes
 * {@code [ip]}.
 *
 * <p>Version numbers share the shape, so these stay: a run of more or fewer than four numbers
 * ({@code 1.0.2}, {@code 6.1.7601.17514}, a 16 MB run of digits and dots), a number above 255
 * ({@code 2.4.300.1}), a first number of 0 ({@code 0.99.0.1}: no host's address starts with 0, RFC
 * 1122 reserves 0.0.0.0/8), a run glued to a word ({@code v1.2.3.4}, {@code x1.2.3.4b}), and a run
 * right after a version word ({@code v}, {@code ver}, {@code vers}, {@code version}, {@code build},
 * {@code rev}, {@code revision}, {@code release}, {@code firmware}, {@code fw}, {@code update},
 * {@code patch}, any case, with up to three spaces and one {@code .}, {@code :} or {@code -}
 * between: "Version 1.2.3.4", "build: 10.0.1.2"). Scrubbed although it is not an address: a
 * four-part version of small numbers with no such word before it ("foobar2000 1.6.2.1"); private
 * and loopback addresses are scrubbed like any other.
 */
final class Ipv4Rule implements TextRule {

    static final String NAME = "ipv4";

    private static final Set<String> VERSION_WORDS = Set.of("v", "ver", "vers", "version", "build", "rev",
            "revision", "release", "firmware", "fw", "update", "patch");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void find(String text, Spans out) {
        // Every address has three dots: most texts are done with at most three searches.
        int dot = -1;
        for (int k = 0; k < 3; k++) {
            dot = text.indexOf('.', dot + 1);
            if (dot < 0) {
                return;
            }
        }
        int n = text.length();
        int from = 0;
        while (from < n) {
            // Only a run of digits and dots that holds a dot can be an address: go from dot to dot,
            // back to the start of its run (never before the end of the last run, so every character
            // is looked at a bounded number of times).
            int next = text.indexOf('.', from);
            if (next < 0) {
                return;
            }
            int i = next;
            while (i > from && (isAsciiDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '.')) {
                i--;
            }
            int runEnd = i;
            while (runEnd < n && (isAsciiDigit(text.charAt(runEnd)) || text.charAt(runEnd) == '.')) {
                runEnd++;
            }
            int start = i;
            int end = runEnd;
            while (start < end && text.charAt(start) == '.') {
                start++;
            }
            while (end > start && text.charAt(end - 1) == '.') {
                end--;
            }
            // An ellipsis before the address separates it from a word ("see...10.0.0.1"); one dot does not.
            boolean separated = start - i >= 2 || !isWordCharAt(text, i - 1);
            if (isAddress(text, start, end) && separated && !isWordCharAt(text, runEnd)
                    && !afterVersionWord(text, i) && start >= out.lastEnd()) {
                out.add(start, end, Tokens.IP);
            }
            from = runEnd;
        }
    }

    /** Whether {@code [start, end)} is exactly four numbers of 1 to 3 digits, each at most 255, the first not 0. */
    static boolean isAddress(String text, int start, int end) {
        if (end - start < 7 || end - start > 15) {
            return false;
        }
        int parts = 0;
        int value = 0;
        int digits = 0;
        int first = -1;
        for (int k = start; k <= end; k++) {
            if (k == end || text.charAt(k) == '.') {
                if (digits == 0 || value > 255) {
                    return false;
                }
                if (parts == 0) {
                    first = value;
                }
                parts++;
                value = 0;
                digits = 0;
            } else {
                if (++digits > 3) {
                    return false;
                }
                value = value * 10 + (text.charAt(k) - '0');
            }
        }
        return parts == 4 && first != 0;
    }

    /** Whether a version word ends just before {@code start}, with at most three spaces and one of . : - between. */
    private static boolean afterVersionWord(String text, int start) {
        int k = start;
        int skipped = 0;
        boolean punctuation = false;
        while (k > 0 && skipped < 4) {
            char c = text.charAt(k - 1);
            if (c == ' ' || c == '\t') {
                k--;
                skipped++;
            } else if ((c == '.' || c == ':' || c == '-') && !punctuation) {
                k--;
                skipped++;
                punctuation = true;
            } else {
                break;
            }
        }
        int wordEnd = k;
        while (k > 0 && wordEnd - k < 9 && isAsciiLetter(text.charAt(k - 1))) {
            k--;
        }
        if (k == wordEnd || (k > 0 && isWordChar(text.charAt(k - 1)))) {
            return false;
        }
        return VERSION_WORDS.contains(text.substring(k, wordEnd).toLowerCase(Locale.ROOT));
    }
}
