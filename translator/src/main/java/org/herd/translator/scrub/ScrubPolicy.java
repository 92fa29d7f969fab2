package org.herd.translator.scrub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The origin operator's choices for text scrubbing, validated when built: the translator receives
 * it in {@code TranslatorSettings} and applies it to every free-text column before a mapping reads
 * a row. The defaults are the cautious side: every rule on, every free-text column scrubbed.
 *
 * <p>The sidecar configures it with these properties ({@code SidecarProperties.Text}):
 * <ul>
 * <li>{@code herd.sidecar.privacy.text.columns[<table>.<Column>]}: {@code scrub} (default),
 * {@code keep} or {@code drop} for one free-text column ({@link #columns});</li>
 * <li>{@code herd.sidecar.privacy.text.disabled-rules}: names of built-in rules to switch off
 * ({@link BuiltInRule#ruleName()}; {@link #rules} holds the ones left on);</li>
 * <li>{@code herd.sidecar.privacy.text.patterns[<token>]}: an operator pattern in RE2 syntax whose
 * matches become {@code [<token>]} ({@link #patterns});</li>
 * <li>{@code herd.sidecar.privacy.text.origin-hosts}: the site's own host names, for the
 * {@code origin-url} rule ({@link #originHosts}).</li>
 * </ul>
 *
 * <p>Nothing here is secret except what an operator pattern may spell out, so {@link #describe()}
 * and {@link #toString()} name patterns by their tokens and never print an expression.
 *
 * @param columns     treatments that differ from {@code scrub}, keyed {@code table.Column} as the
 *                    catalogue spells them; the translator refuses a key that is not a free-text
 *                    column of its variant
 * @param rules       the built-in rules switched on
 * @param patterns    the operator's own patterns, with distinct tokens, applied after the built-in rules
 * @param originHosts the origin's host names, lower case, without scheme, port or path; a subdomain
 *                    of one is the origin's too
 */
public record ScrubPolicy(Map<String, ColumnTreatment> columns, Set<BuiltInRule> rules,
        List<OperatorPattern> patterns, List<String> originHosts) {

    private static final Pattern COLUMN_KEY = Pattern.compile("[a-z][a-z0-9_]*\\.[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private static final ScrubPolicy DEFAULTS = new ScrubPolicy(Map.of(), EnumSet.allOf(BuiltInRule.class),
            List.of(), List.of());

    public ScrubPolicy {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(patterns, "patterns");
        Objects.requireNonNull(originHosts, "originHosts");
        Map<String, ColumnTreatment> checkedColumns = new LinkedHashMap<>();
        columns.forEach((key, treatment) -> {
            if (key == null || !COLUMN_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("text scrub policy: column '" + key
                        + "' must be written table.Column, as the catalogue spells it");
            }
            checkedColumns.put(key, Objects.requireNonNull(treatment, "treatment of " + key));
        });
        columns = Collections.unmodifiableMap(checkedColumns);
        rules = rules.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(BuiltInRule.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(rules));
        patterns = List.copyOf(patterns);
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < patterns.size(); i++) {
            if (!tokens.add(patterns.get(i).token())) {
                throw new IllegalArgumentException("text scrub policy: pattern " + (i + 1) + " uses the token ["
                        + patterns.get(i).token() + "] of an earlier pattern; give each pattern its own token");
            }
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (String host : originHosts) {
            hosts.add(host(host));
        }
        originHosts = List.copyOf(hosts);
    }

    /** Every rule on, every free-text column scrubbed, no operator patterns, no origin hosts. */
    public static ScrubPolicy defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What becomes of a free-text column; {@link ColumnTreatment#SCRUB} unless the policy says otherwise. */
    public ColumnTreatment treatment(String table, String column) {
        return columns.getOrDefault(table + "." + column, ColumnTreatment.SCRUB);
    }

    /**
     * The policy in one line for logs: rules, hosts, pattern tokens and column treatments; never a
     * pattern's expression.
     */
    public String describe() {
        StringBuilder s = new StringBuilder("text scrub: rules ");
        s.append(rules.isEmpty() ? "none" : rules.stream().map(BuiltInRule::ruleName).collect(Collectors.joining(", ")));
        Set<BuiltInRule> off = EnumSet.complementOf(rules.isEmpty() ? EnumSet.noneOf(BuiltInRule.class)
                : EnumSet.copyOf(rules));
        if (!off.isEmpty()) {
            s.append(" (off: ").append(off.stream().map(BuiltInRule::ruleName).collect(Collectors.joining(", ")))
                    .append(')');
        }
        s.append("; origin hosts ").append(originHosts.isEmpty() ? "none" : String.join(", ", originHosts));
        s.append("; operator patterns ").append(patterns.isEmpty() ? "none"
                : patterns.stream().map(p -> Tokens.of(p.token())).collect(Collectors.joining(", ")));
        for (ColumnTreatment t : List.of(ColumnTreatment.KEEP, ColumnTreatment.DROP)) {
            List<String> named = columns.entrySet().stream().filter(e -> e.getValue() == t).map(Map.Entry::getKey)
                    .toList();
            if (!named.isEmpty()) {
                s.append("; ").append(t.configName()).append(' ').append(String.join(", ", named));
            }
        }
        s.append("; every other free-text column scrub");
        return s.toString();
    }

    @Override
    public String toString() {
        return "ScrubPolicy[" + describe() + "]";
    }

    /** A host name as the origin-url rule compares it: lower case, no trailing dot; an error names what is wrong. */
    private static String host(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("text scrub policy: an origin host is empty");
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.contains("/") || h.contains(":") || h.contains("@")) {
            throw new IllegalArgumentException("text scrub policy: origin host '" + host
                    + "' must be a host name alone, without scheme, port, path or user");
        }
        if (h.length() > 253) {
            throw new IllegalArgumentException("text scrub policy: origin host '" + host + "' is longer than 253 characters");
        }
        for (String label : h.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("text scrub policy: origin host '" + host + "' has the label '"
                        + label + "', which is not 1 to 63 letters, digits and inner hyphens");
            }
        }
        return h;
    }

    /** Builds a policy from the defaults; {@link #build()} validates it. */
    public static final class Builder {

        private final Map<String, ColumnTreatment> columns = new LinkedHashMap<>();
        private final Set<BuiltInRule> rules = EnumSet.allOf(BuiltInRule.class);
        private final List<OperatorPattern> patterns = new ArrayList<>();
        private final List<String> originHosts = new ArrayList<>();

        private Builder() {
        }

        /** Sets one free-text column's treatment; {@code table.Column} as the catalogue spells it. */
        public Builder column(String table, String column, ColumnTreatment treatment) {
            columns.put(table + "." + column, Objects.requireNonNull(treatment, "treatment"));
            return this;
        }

        public Builder keep(String table, String column) {
            return column(table, column, ColumnTreatment.KEEP);
        }

        public Builder drop(String table, String column) {
            return column(table, column, ColumnTreatment.DROP);
        }

        public Builder disable(BuiltInRule rule) {
            rules.remove(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        public Builder enable(BuiltInRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Adds an operator pattern; fails at once, naming the token, when the expression is not
         * valid RE2 or matches the empty string.
         */
        public Builder pattern(String token, String re2) {
            patterns.add(new OperatorPattern(token, re2));
            return this;
        }

        public Builder originHost(String host) {
            originHosts.add(host);
            return this;
        }

        public ScrubPolicy build() {
            return new ScrubPolicy(columns, rules, patterns, originHosts);
        }
    }
}
