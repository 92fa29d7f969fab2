package org.herd.translator.scrub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.herd.gazelle.catalogue.TextKind;

/**
 * Scrubs one text: runs every rule the policy switches on, then replaces what they found with its
 * token in one pass. Immutable and thread-safe; time and memory linear in the text's length (see
 * each rule, and {@link OperatorPatternRule} for the operator's patterns).
 *
 * <p>Where findings of different rules overlap (an address inside a key-like link segment), the
 * union of their ranges is replaced, under the token of the finding that starts first (the longer
 * one, then the rule listed first, on a tie), so nothing any rule found is left. Replacements never
 * include a line break, so a text keeps its lines.
 */
public final class TextScrubber {

    private final List<TextRule> rules;
    private final List<OperatorPatternRule> patterns;

    public TextScrubber(ScrubPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        List<TextRule> builtIn = new ArrayList<>();
        for (BuiltInRule rule : policy.rules()) {
            if (rule == BuiltInRule.ORIGIN_URL && policy.originHosts().isEmpty()) {
                // Nothing to look for until the operator names the site's hosts.
                continue;
            }
            builtIn.add(rule.create(policy.originHosts()));
        }
        this.rules = List.copyOf(builtIn);
        this.patterns = policy.patterns().stream().map(OperatorPatternRule::new).toList();
    }

    /** The names of the rules this scrubber runs, in order: built-in rules, then the operator's patterns. */
    public List<String> ruleNames() {
        List<String> names = new ArrayList<>();
        rules.forEach(r -> names.add(r.name()));
        patterns.forEach(p -> names.add(p.name()));
        return names;
    }

    /**
     * Scrubs {@code text}, a value of a column of the given kind.
     *
     * @param kind {@link TextKind#RIP_LOG} keeps the operator's patterns off the log's evidence lines;
     *             {@link TextKind#NONE} is not scrubbed at all
     */
    public ScrubbedText scrub(String text, TextKind kind) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        if (kind == TextKind.NONE || text.isEmpty()) {
            return new ScrubbedText(text, Map.of());
        }
        int ruleCount = rules.size() + patterns.size();
        Spans[] found = new Spans[ruleCount];
        boolean any = false;
        for (int r = 0; r < rules.size(); r++) {
            found[r] = new Spans();
            rules.get(r).find(text, found[r]);
            any |= !found[r].isEmpty();
        }
        boolean[] evidence = kind == TextKind.RIP_LOG && !patterns.isEmpty()
                ? RipLogLayout.evidenceLines(text) : null;
        for (int p = 0; p < patterns.size(); p++) {
            Spans spans = new Spans();
            patterns.get(p).findInLines(text, evidence, spans);
            found[rules.size() + p] = spans;
            any |= !spans.isEmpty();
        }
        if (!any) {
            return new ScrubbedText(text, Map.of());
        }
        return replace(text, found);
    }

    /** Merges the rules' findings (each list ordered by start) and replaces them in one pass. */
    private ScrubbedText replace(String text, Spans[] found) {
        int[] next = new int[found.length];
        int[] counts = new int[found.length];
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int currentStart = -1;
        int currentEnd = -1;
        String currentToken = null;
        while (true) {
            int best = -1;
            for (int r = 0; r < found.length; r++) {
                if (next[r] < found[r].size() && (best < 0 || before(found[r], next[r], found[best], next[best]))) {
                    best = r;
                }
            }
            if (best < 0) {
                break;
            }
            Spans spans = found[best];
            int i = next[best]++;
            counts[best]++;
            if (currentToken != null && spans.start(i) < currentEnd) {
                currentEnd = Math.max(currentEnd, spans.end(i));
                continue;
            }
            if (currentToken != null) {
                out.append(text, copied, currentStart).append(currentToken);
                copied = currentEnd;
            }
            currentStart = spans.start(i);
            currentEnd = spans.end(i);
            currentToken = spans.token(i);
        }
        out.append(text, copied, currentStart).append(currentToken).append(text, currentEnd, text.length());
        Map<String, Integer> findings = new LinkedHashMap<>();
        List<String> names = ruleNames();
        for (int r = 0; r < counts.length; r++) {
            if (counts[r] > 0) {
                findings.merge(names.get(r), counts[r], Integer::sum);
            }
        }
        return new ScrubbedText(out.toString(), findings);
    }

    /** Whether span {@code i} of {@code a} comes before span {@code j} of {@code b}: earlier start, then longer. */
    private static boolean before(Spans a, int i, Spans b, int j) {
        if (a.start(i) != b.start(j)) {
            return a.start(i) < b.start(j);
        }
        return a.end(i) > b.end(j);
    }
}
