package org.herd.translator.scrub;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * One of the operator's own patterns (RE2 syntax), applied line by line: what it matches becomes
 * {@code [token]}. RE2/J runs each search in time linear in what it reads. A pattern is not
 * applied across a line break, so a match can never join or remove lines (a rip log keeps its
 * layout), and a search never reads past the end of its line.
 *
 * <p>Repeated searches along one line can read the same characters more than once when a short
 * match is found only after reading far ahead (a pattern such as {@code a(a*c)?} on a long run of
 * {@code a}); patterns that match what they read, as literal names and delimited tokens do, stay
 * linear. {@link ScrubPolicy} refuses patterns that match the empty string.
 */
final class OperatorPatternRule implements TextRule {

    private final String name;
    private final String token;
    private final Pattern pattern;

    OperatorPatternRule(OperatorPattern p) {
        this.name = OperatorPattern.RULE_PREFIX + p.token();
        this.token = Tokens.of(p.token());
        this.pattern = p.compile();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void find(String text, Spans out) {
        findInLines(text, null, out);
    }

    /** Finds matches in every line except those {@code skip} marks (null: none). */
    void findInLines(String text, boolean[] skip, Spans out) {
        int n = text.length();
        int lineStart = 0;
        int line = 0;
        while (lineStart <= n) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            if ((skip == null || !skip[line]) && lineEnd > lineStart) {
                findInLine(text, lineStart, lineEnd, out);
            }
            lineStart = lineEnd + 1;
            line++;
        }
    }

    private void findInLine(String text, int lineStart, int lineEnd, Spans out) {
        // A line ends before "\r\n"'s carriage return too.
        int end = lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
        if (end <= lineStart) {
            return;
        }
        String line = text.substring(lineStart, end);
        Matcher m = pattern.matcher(line);
        int from = 0;
        while (from <= line.length() && m.find(from)) {
            int s = m.start();
            int e = m.end();
            if (e > s) {
                out.add(lineStart + s, lineStart + e, token);
                from = e;
            } else {
                // An empty match where the context allows one (a pattern of only \b): nothing to replace.
                from = e + 1;
            }
        }
    }
}
