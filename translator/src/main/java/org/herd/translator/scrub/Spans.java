package org.herd.translator.scrub;

import java.util.Arrays;

/**
 * What one rule found in one text: ranges {@code [start, end)} with the token that replaces each,
 * in increasing order of start. Kept in arrays rather than objects because a hostile text can hold
 * millions of findings (16 MB of "1.2.3.4 "), and each costs twelve bytes and a reference here.
 */
final class Spans {

    // Empty until the first finding: most texts have none, and every rule gets a Spans for every
    // text it reads (a few hundred bytes of arrays each time, 4% of what the sidecar's capture
    // thread allocated in a snapshot).
    private static final int[] NO_POSITIONS = new int[0];
    private static final String[] NO_TOKENS = new String[0];

    private int[] starts = NO_POSITIONS;
    private int[] ends = NO_POSITIONS;
    private String[] tokens = NO_TOKENS;
    private int size;

    /** Adds a finding; it must start at or after the end of the previous one. */
    void add(int start, int end, String token) {
        if (start >= end) {
            throw new IllegalArgumentException("empty span at " + start);
        }
        if (size > 0 && start < ends[size - 1]) {
            throw new IllegalStateException("span at " + start + " overlaps the previous one, which ends at "
                    + ends[size - 1]);
        }
        if (size == starts.length) {
            int grown = Math.max(8, size * 2);
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
            tokens = Arrays.copyOf(tokens, grown);
        }
        starts[size] = start;
        ends[size] = end;
        tokens[size] = token;
        size++;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    String token(int i) {
        return tokens[i];
    }

    /** The end of the last span, or -1 when there is none. */
    int lastEnd() {
        return size == 0 ? -1 : ends[size - 1];
    }
}
