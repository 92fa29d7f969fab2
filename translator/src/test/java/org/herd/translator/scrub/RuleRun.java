package org.herd.translator.scrub;

/** Runs one rule on a text and applies what it found, for the rules' own tests. */
final class RuleRun {

    private RuleRun() {
    }

    static String scrub(TextRule rule, String text) {
        Spans spans = new Spans();
        rule.find(text, spans);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < spans.size(); i++) {
            out.append(text, copied, spans.start(i)).append(spans.token(i));
            copied = spans.end(i);
        }
        return out.append(text, copied, text.length()).toString();
    }

    static int count(TextRule rule, String text) {
        Spans spans = new Spans();
        rule.find(text, spans);
        return spans.size();
    }
}
