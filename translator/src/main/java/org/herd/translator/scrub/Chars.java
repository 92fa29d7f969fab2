package org.herd.translator.scrub;

/**
 * Character classes and path separators the rules share. Everything here looks at a bounded number
 * of characters, so a rule that calls it once per position stays linear.
 */
final class Chars {

    private Chars() {
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiAlnum(char c) {
        return isAsciiLetter(c) || isAsciiDigit(c);
    }

    static boolean isHexDigit(char c) {
        return isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** A letter or digit in any script, or '_': what continues a word, so a match next to one is not a whole token. */
    static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    static boolean isWordCharAt(String s, int i) {
        return i >= 0 && i < s.length() && isWordChar(s.charAt(i));
    }

    /** Whether {@code s} holds {@code word} at {@code i}, ignoring ASCII case. */
    static boolean matchesAt(String s, int i, String word) {
        return i >= 0 && s.regionMatches(true, i, word, 0, word.length());
    }

    /**
     * The length of the path separator at {@code i}: 1 for {@code /} and {@code \}, 3 for their
     * URL-encoded forms {@code %2F} and {@code %5C}, 0 for anything else. Doubled backslashes
     * (a path written inside a string literal or JSON) and {@code \/} are runs of these.
     */
    static int separatorAt(String s, int i) {
        if (i < 0 || i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (c == '/' || c == '\\') {
            return 1;
        }
        if (c == '%' && i + 2 < s.length()) {
            char a = s.charAt(i + 1);
            char b = s.charAt(i + 2);
            if ((a == '2' && (b == 'F' || b == 'f')) || (a == '5' && (b == 'C' || b == 'c'))) {
                return 3;
            }
        }
        return 0;
    }

    /** The length of the path separator that ends just before {@code end}, or 0. */
    static int separatorBefore(String s, int end) {
        if (end >= 1 && (s.charAt(end - 1) == '/' || s.charAt(end - 1) == '\\')) {
            return 1;
        }
        if (end >= 3 && separatorAt(s, end - 3) == 3) {
            return 3;
        }
        return 0;
    }

    /** The index after the run of separators that starts at {@code i} ({@code i} itself when none does). */
    static int skipSeparators(String s, int i) {
        int j = i;
        int n;
        while ((n = separatorAt(s, j)) > 0) {
            j += n;
        }
        return j;
    }

    /** The index where the run of separators that ends just before {@code end} starts ({@code end} when none). */
    static int separatorsStart(String s, int end) {
        int j = end;
        int n;
        while ((n = separatorBefore(s, j)) > 0) {
            j -= n;
        }
        return j;
    }

    /** Whether {@code s} holds a URL escape {@code %XX} ending just before {@code end}. */
    static boolean escapeBefore(String s, int end) {
        return end >= 3 && s.charAt(end - 3) == '%' && isHexDigit(s.charAt(end - 2)) && isHexDigit(s.charAt(end - 1));
    }
}
