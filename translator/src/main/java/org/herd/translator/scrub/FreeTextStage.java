package org.herd.translator.scrub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.herd.gazelle.catalogue.ColumnDef;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.TextKind;

/**
 * The translator's scrubbing stage: applies the operator's {@link ScrubPolicy} to the free-text
 * columns ({@link GazelleCatalogue#freeTextColumns()}) of a row, before any mapping reads it.
 * Immutable and thread-safe; a row of a table without free text passes through untouched.
 */
public final class FreeTextStage {

    /** A free-text column of a table with what the policy does to it. */
    private record TextColumn(String name, TextKind kind, ColumnTreatment treatment) {
    }

    /**
     * A row after the stage.
     *
     * @param values the row's values, free text scrubbed or dropped (the map passed in when nothing changed)
     * @param altered the free-text columns whose value the stage changed: a rule replaced something
     *                in it, or the policy dropped it
     * @param counts what was replaced, per column and rule, in column order; dropped values count
     *               under {@link ScrubCount#DROPPED}
     */
    public record Result(Map<String, Object> values, Set<String> altered, List<ScrubCount> counts) {

        public Result {
            altered = altered.isEmpty() ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(altered));
            counts = List.copyOf(counts);
        }

        /** Counts and altered columns only, never values. */
        @Override
        public String toString() {
            return "FreeTextStage.Result[altered=" + altered + ", counts=" + counts + "]";
        }
    }

    private final Map<String, List<TextColumn>> byTable;
    private final TextScrubber scrubber;

    /**
     * @throws IllegalArgumentException when the policy names a column that is not a free-text column
     *         of the catalogue's variant
     */
    public FreeTextStage(GazelleCatalogue catalogue, ScrubPolicy policy) {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(policy, "policy");
        Map<String, List<ColumnDef>> freeText = catalogue.freeTextColumns();
        Set<String> known = new TreeSet<>();
        freeText.forEach((table, columns) -> columns.forEach(c -> known.add(table + "." + c.name())));
        for (String named : policy.columns().keySet()) {
            if (!known.contains(named)) {
                throw new IllegalArgumentException("text scrub policy names " + named + ", which is not a free-text "
                        + "column of the " + catalogue.variant() + " catalogue; its free-text columns are " + known);
            }
        }
        Map<String, List<TextColumn>> tables = new LinkedHashMap<>();
        freeText.forEach((table, columns) -> tables.put(table, columns.stream()
                .map(c -> new TextColumn(c.name(), c.textKind(), policy.treatment(table, c.name()))).toList()));
        this.byTable = Map.copyOf(tables);
        this.scrubber = new TextScrubber(policy);
    }

    /** Whether a table has free-text columns the stage looks at. */
    public boolean hasFreeText(String table) {
        return byTable.containsKey(table);
    }

    /**
     * Applies the policy to a row of {@code table}. Values that are not text (null, or a type a
     * mapping will refuse) are left for the mapping to judge.
     */
    public Result apply(String table, Map<String, Object> values) {
        List<TextColumn> columns = byTable.get(table);
        if (columns == null) {
            return new Result(values, Set.of(), List.of());
        }
        // Made at the first alteration: most rows have none, and the stage runs for every row.
        Map<String, Object> out = null;
        Set<String> altered = Set.of();
        List<ScrubCount> counts = List.of();
        for (TextColumn c : columns) {
            Object value = values.get(c.name());
            if (value == null || c.treatment() == ColumnTreatment.KEEP) {
                continue;
            }
            Object replacement;
            if (c.treatment() == ColumnTreatment.DROP) {
                replacement = null;
                if (!(value instanceof String s) || !s.isEmpty()) {
                    altered = grown(altered);
                    counts = grown(counts);
                    altered.add(c.name());
                    counts.add(new ScrubCount(table, c.name(), ScrubCount.DROPPED, 1));
                }
            } else if (value instanceof String text) {
                ScrubbedText scrubbed = scrubber.scrub(text, c.kind());
                if (!scrubbed.changed()) {
                    continue;
                }
                replacement = scrubbed.text();
                altered = grown(altered);
                altered.add(c.name());
                List<ScrubCount> found = grown(counts);
                scrubbed.findings().forEach((rule, n) -> found.add(new ScrubCount(table, c.name(), rule, n)));
                counts = found;
            } else {
                continue;
            }
            if (out == null) {
                out = new LinkedHashMap<>(values);
            }
            out.put(c.name(), replacement);
        }
        return new Result(out == null ? values : out, altered, counts);
    }

    /** {@code set}, or a set of its own to add to while it is the empty one. */
    private static Set<String> grown(Set<String> set) {
        return set.isEmpty() ? new LinkedHashSet<>() : set;
    }

    private static List<ScrubCount> grown(List<ScrubCount> list) {
        return list.isEmpty() ? new ArrayList<>() : list;
    }
}
