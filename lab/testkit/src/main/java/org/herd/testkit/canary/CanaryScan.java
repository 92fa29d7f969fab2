package org.herd.testkit.canary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Searches data for canaries (which must not be there) and controls (which must): Kafka records,
 * database rows, log lines, fed in one piece at a time. Every form of every canary is looked for
 * in one pass over each piece, so that thousands of needles cost about as much as one.
 *
 * <p>Bytes are read as ISO-8859-1, one character per byte: every needle is ASCII, so a canary is
 * found in UTF-8, Latin-1 or binary data alike. Not thread-safe.
 */
public final class CanaryScan {

    /** Leaks beyond this many are counted, not kept: one is enough to fail, thousands would not help. */
    private static final int MAX_REPORTED = 1000;

    /** A canary found: where, which, in what form. */
    public record Leak(String where, String canary, String form) {
        @Override
        public String toString() {
            return where + ": " + canary + " (" + form + ")";
        }
    }

    private record Entry(Canary canary, Needle needle, boolean control) {
    }

    /** Needles matched ignoring case, by their first four characters lower-cased. */
    private final Map<String, List<Entry>> folded = new HashMap<>();
    /** Needles matched exactly, by their first four characters. */
    private final Map<String, List<Entry>> exact = new HashMap<>();
    /** Quick filter: whether any needle starts with these two characters (folded or not). */
    private final boolean[] firstTwo = new boolean[1 << 16];

    private final List<Leak> leaks = new ArrayList<>();
    private final Set<String> controlsFound = new LinkedHashSet<>();
    private long leakCount;
    private long pieces;
    private long characters;

    /**
     * @param canaries values that must not be found
     * @param controls values that must be found (public values planted the same way), proof that
     *                 the scan reads the data it is given
     */
    public CanaryScan(Collection<Canary> canaries, Collection<Canary> controls) {
        canaries.forEach(c -> add(c, false));
        controls.forEach(c -> add(c, true));
    }

    private void add(Canary canary, boolean control) {
        for (Needle n : canary.needles()) {
            Entry e = new Entry(canary, n, control);
            if (n.match() == Needle.Match.IGNORE_CASE) {
                String head = fold(n.text().substring(0, Needle.MIN_LENGTH));
                folded.computeIfAbsent(head, k -> new ArrayList<>()).add(e);
                firstTwo[key(head.charAt(0), head.charAt(1))] = true;
            } else {
                String head = n.text().substring(0, Needle.MIN_LENGTH);
                exact.computeIfAbsent(head, k -> new ArrayList<>()).add(e);
                firstTwo[key(head.charAt(0), head.charAt(1))] = true;
                firstTwo[key(fold(head).charAt(0), fold(head).charAt(1))] = true;
            }
        }
    }

    /** Scans bytes; {@code where} names them in reports (topic, partition, offset, part). */
    public void scan(String where, byte[] data) {
        if (data != null) {
            scan(where, new String(data, StandardCharsets.ISO_8859_1));
        }
    }

    /** Scans text; {@code where} names it in reports. */
    public void scan(String where, String text) {
        if (text == null) {
            return;
        }
        pieces++;
        characters += text.length();
        String lower = fold(text);
        int n = text.length();
        for (int i = 0; i + Needle.MIN_LENGTH <= n; i++) {
            char c0 = lower.charAt(i);
            char c1 = lower.charAt(i + 1);
            if (!firstTwo[key(c0, c1)] && !firstTwo[key(text.charAt(i), text.charAt(i + 1))]) {
                continue;
            }
            List<Entry> byFold = folded.get(lower.substring(i, i + Needle.MIN_LENGTH));
            if (byFold != null) {
                for (Entry e : byFold) {
                    if (lower.startsWith(fold(e.needle().text()), i)) {
                        hit(where, e);
                    }
                }
            }
            List<Entry> byExact = exact.get(text.substring(i, i + Needle.MIN_LENGTH));
            if (byExact != null) {
                for (Entry e : byExact) {
                    String t = e.needle().text();
                    if (text.startsWith(t, i) && (e.needle().match() != Needle.Match.WHOLE_NUMBER
                            || wholeNumberAt(text, i, t.length()))) {
                        hit(where, e);
                    }
                }
            }
        }
    }

    private void hit(String where, Entry e) {
        if (e.control()) {
            controlsFound.add(e.canary().label());
            return;
        }
        leakCount++;
        if (leaks.size() < MAX_REPORTED) {
            leaks.add(new Leak(where, e.canary().label(), e.needle().form()));
        }
    }

    private static boolean wholeNumberAt(String text, int start, int length) {
        boolean digitBefore = start > 0 && Character.isDigit(text.charAt(start - 1));
        int end = start + length;
        boolean digitAfter = end < text.length() && Character.isDigit(text.charAt(end));
        return !digitBefore && !digitAfter;
    }

    /** Lower-cases ASCII letters only, so that positions in the folded text match the original. */
    private static String fold(String s) {
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[i] = (char) (c + ('a' - 'A'));
            }
        }
        return out == null ? s : new String(out);
    }

    private static int key(char a, char b) {
        return ((a & 0xff) << 8) | (b & 0xff);
    }

    /** Canaries found, at most the first {@value #MAX_REPORTED}. */
    public List<Leak> leaks() {
        return List.copyOf(leaks);
    }

    /** How many canary occurrences were found in all. */
    public long leakCount() {
        return leakCount;
    }

    /** Labels of the controls found. */
    public Set<String> controlsFound() {
        return Set.copyOf(controlsFound);
    }

    /** Pieces of data scanned. */
    public long pieces() {
        return pieces;
    }

    /** Characters (bytes, for binary data) scanned. */
    public long characters() {
        return characters;
    }

    /** One line per leak found, for assertion messages. */
    public String describeLeaks() {
        StringBuilder b = new StringBuilder();
        leaks.forEach(l -> b.append(l).append('\n'));
        if (leakCount > leaks.size()) {
            b.append("... and ").append(leakCount - leaks.size()).append(" more\n");
        }
        return b.toString();
    }
}
