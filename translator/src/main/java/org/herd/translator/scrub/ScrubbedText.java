package org.herd.translator.scrub;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A text after the scrub, with what each rule found in it.
 *
 * @param text     the text with every finding replaced by its token; the very same string when
 *                 nothing was found
 * @param findings per rule name, how many findings it replaced; only rules that found something, in
 *                 the scrubber's rule order. A finding that overlaps another's is counted for its
 *                 own rule and replaced together with the other, under the first one's token.
 */
public record ScrubbedText(String text, Map<String, Integer> findings) {

    public ScrubbedText {
        Objects.requireNonNull(text, "text");
        findings = Collections.unmodifiableMap(new LinkedHashMap<>(findings));
    }

    /** Whether a rule replaced anything. */
    public boolean changed() {
        return !findings.isEmpty();
    }

    /** All findings of all rules. */
    public int total() {
        return findings.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Length and counts only: never the text. */
    @Override
    public String toString() {
        return "ScrubbedText[length=" + text.length() + ", findings=" + findings + "]";
    }
}
