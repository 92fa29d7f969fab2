package org.herd.translator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.Privacy;
import org.herd.gazelle.catalogue.TableDef;
import org.herd.translator.mapping.GazelleRow;
import org.herd.translator.mapping.HashCapacity;
import org.herd.translator.mapping.Mappings;
import org.herd.translator.mapping.TableMapping;
import org.herd.translator.mapping.UsersMainMapping;
import org.herd.translator.schema.Field;
import org.herd.translator.scrub.ColumnTreatment;
import org.herd.translator.scrub.FreeTextStage;
import org.herd.translator.scrub.ScrubCount;

/**
 * Gazelle row change in, neutral records out. Pure and thread-safe: no I/O, no clock, no state
 * between calls; what a mapping needs to know about other rows comes through an
 * {@link OriginLookup} the caller passes in.
 *
 * <p>Default deny: a table is translated only if the variant's catalogue names it and the variant
 * has a mapping for it ({@link Mappings}); before a mapping sees a row, every column it may not read is removed, whatever the capture
 * layer let through. A mapping may read public columns, row-filter columns (to decide whether the
 * row may leave at all), aggregate columns (to total them on another record), user columns unless
 * the user policy is {@code none}, and opt-in columns the operator opted into.
 *
 * <p>Then the text-scrubbing stage ({@link FreeTextStage}) applies the operator's
 * {@link org.herd.translator.scrub.ScrubPolicy} to the row's free-text columns, so that every
 * mapping, and every record built from the row, reads the scrubbed text. Nothing reads the row
 * before: the translator only compares an update's before and after values to skip updates that
 * changed nothing readable. Rows read through the {@link OriginLookup} to judge visibility are not
 * scrubbed, since nothing of them is published. {@link Translation#scrubbed()} reports what was
 * replaced as counts.
 */
public final class Translator {

    private final TranslatorSettings settings;
    private final GazelleCatalogue catalogue;
    private final Set<Privacy> readable;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    /** Per table, the readable columns no message may quote; immutable, shared by every row's context. */
    private final Map<String, Set<String>> withheld;
    /** Per table, the columns a mapping may read; immutable, shared by every row's context. */
    private final Map<String, Set<String>> readableByTable;
    /** Per parent table, the mappings whose rows its deletes take along (see {@link TableMapping#cascadeParent}). */
    private final Map<String, List<Route>> deleteCascades = new LinkedHashMap<>();
    /** Scrubs the free-text columns of every row before a mapping reads it. */
    private final FreeTextStage freeText;

    /** A translated table with its mapping; the readable column set is kept for the hot path. */
    private record Route(TableDef table, TableMapping mapping, Set<String> readableColumns) {
    }

    public Translator(TranslatorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.catalogue = GazelleCatalogue.of(settings.variant());
        Set<Privacy> classes = EnumSet.of(Privacy.PUBLIC, Privacy.ROW_FILTER, Privacy.AGGREGATE);
        if (settings.users().policy() != UserPolicy.NONE) {
            classes.add(Privacy.USER);
        }
        if (settings.publishInfoHash()) {
            classes.add(Privacy.OPT_IN);
        }
        this.readable = Set.copyOf(classes);
        Set<Privacy> unpublished = EnumSet.copyOf(readable);
        unpublished.remove(Privacy.PUBLIC);
        Map<String, Set<String>> withheldColumns = new LinkedHashMap<>();
        for (TableMapping m : mappings(settings)) {
            TableDef def = catalogue.table(m.table()).orElseThrow(() -> new IllegalStateException("mapping for "
                    + m.table() + " but the " + settings.variant() + " catalogue does not know the table"));
            List<String> columns = def.columnsOf(readable);
            if (columns.isEmpty()) {
                throw new IllegalStateException("mapping for " + m.table() + " but the " + settings.variant()
                        + " catalogue lets no column of it leave");
            }
            routes.put(m.table(), new Route(def, m, Set.copyOf(columns)));
            withheldColumns.put(m.table(), Set.copyOf(def.columnsOf(unpublished)));
        }
        this.withheld = Map.copyOf(withheldColumns);
        Map<String, Set<String>> readableColumns = new LinkedHashMap<>();
        routes.forEach((table, route) -> readableColumns.put(table, route.readableColumns()));
        this.readableByTable = Map.copyOf(readableColumns);
        for (Route child : routes.values()) {
            child.mapping().cascadeParent().ifPresent(parent -> {
                if (!routes.containsKey(parent)) {
                    throw new IllegalStateException(child.table().name() + " cascades from " + parent
                            + ", which is not translated");
                }
                deleteCascades.computeIfAbsent(parent, p -> new ArrayList<>()).add(child);
            });
        }
        this.freeText = new FreeTextStage(catalogue, settings.scrub());
        checkDroppedFieldsMayBeNull();
    }

    /**
     * Dropping a free-text column publishes null where its value would be; a policy that drops one
     * whose neutral field may not be null is refused here, at start-up, rather than row by row.
     */
    private void checkDroppedFieldsMayBeNull() {
        settings.scrub().columns().forEach((column, treatment) -> {
            if (treatment != ColumnTreatment.DROP) {
                return;
            }
            for (Route route : routes.values()) {
                for (Field f : route.mapping().entity().fields()) {
                    // Field sources use WhatCD's spelling; OPS spells wiki_artists.summary in lower case.
                    if (f.source().equalsIgnoreCase(column) && !f.nullable()) {
                        throw new IllegalArgumentException("text scrub policy drops " + column + ", but "
                                + route.mapping().entity().name() + "." + f.name() + " may not be null");
                    }
                }
            }
        });
    }

    private static List<TableMapping> mappings(TranslatorSettings settings) {
        List<TableMapping> list = new ArrayList<>(Mappings.of(settings.variant()));
        // Users are published only when the operator made user names public; under the other
        // policies an author is a reference (or nothing) on the content itself.
        if (settings.users().policy() == UserPolicy.PUBLIC) {
            list.add(new UsersMainMapping());
        }
        return list;
    }

    public TranslatorSettings settings() {
        return settings;
    }

    /** Tables this translator maps, with the columns to capture from each, in DDL order. */
    public Map<String, List<String>> capturedColumns() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        routes.forEach((table, route) -> columns.put(table, route.table().columnsOf(readable)));
        return columns;
    }

    public boolean translates(String table) {
        return routes.containsKey(table);
    }

    /** The mapping that handles a table, if any. */
    public Optional<TableMapping> mapping(String table) {
        return Optional.ofNullable(routes.get(table)).map(Route::mapping);
    }

    /**
     * Translates one row change of a table whose mapping needs no other row.
     *
     * @see #translate(RowChange, OriginLookup)
     */
    public List<NeutralRecord> translate(RowChange change) {
        return translate(change, OriginLookup.NONE).records();
    }

    /**
     * Translates one row change.
     *
     * @return the records to publish, in order (none when the table is not translated, when an
     *         update changed no readable column, such as the tracker's statistics flushes, or when
     *         the row may not leave), and the rows to translate again because of this change
     * @throws TranslationException when the row cannot be mapped; the message names table, key,
     *         column, value and position
     */
    public Translation translate(RowChange change, OriginLookup lookup) {
        Route route = routes.get(change.table());
        if (route == null) {
            return Translation.NOTHING;
        }
        SourcePosition position = change.position();
        return switch (change.op()) {
            case READ, INSERT -> {
                GazelleRow after = row(route, change.after(), position, lookup);
                List<Cascade> dependents = change.op() == RowOperation.INSERT ? dependents(route, after) : List.of();
                yield route.mapping().visible(after) ? published(route, after, List.of(), dependents)
                        : new Translation(List.of(), dependents);
            }
            case DELETE -> {
                GazelleRow before = row(route, change.before(), position, lookup);
                // Retracted whether or not it was visible: by now the database may no longer hold
                // what decided that (a topic deleted with its posts), and a mirror may hold the row
                // from before its parent was hidden, if the cascade that hid it read the database
                // after the row was gone. A delete carries the key and nothing else.
                List<NeutralRecord> records = new ArrayList<>(delete(route, before));
                // Rows InnoDB deletes by a foreign key's cascade, below the binlog.
                for (Route child : deleteCascades.getOrDefault(change.table(), List.of())) {
                    records.add(NeutralRecord.delete(child.mapping().entity().name(), settings.origin(),
                            child.mapping().cascadedKey(before), position));
                }
                yield new Translation(records, dependents(route, before));
            }
            case UPDATE -> update(route, change, lookup);
        };
    }

    /**
     * Translates a row read again because of a {@link Cascade}. After a visibility cascade the row
     * is published if it may leave now, retracted with a delete if not, and its own children are
     * translated again in turn. After a recomputing cascade it is published if it may leave, and
     * nothing else happens: neither its visibility nor its children's changed.
     *
     * @param change a {@link RowOperation#READ} of the row, at the position of the change that
     *               caused the cascade
     * @param cause  the cascade that named the row
     */
    public Translation translateCascaded(RowChange change, Cascade cause, OriginLookup lookup) {
        Route route = routes.get(change.table());
        if (route == null) {
            return Translation.NOTHING;
        }
        GazelleRow row = row(route, change.after(), change.position(), lookup);
        boolean visible;
        try {
            visible = route.mapping().visible(row);
        } catch (TranslationException e) {
            if (!cause.visibility()) {
                throw e;
            }
            // A row that cannot be judged any more is retracted, not left published: default deny.
            visible = false;
        }
        if (!cause.visibility()) {
            return visible ? published(route, row, List.of(), List.of()) : Translation.NOTHING;
        }
        List<Cascade> cascades = new ArrayList<>(route.mapping().children(row));
        cascades.addAll(dependents(route, row));
        return visible ? published(route, row, List.of(), cascades) : new Translation(delete(route, row), cascades);
    }

    /** The mapping's dependents, which are recomputed, never re-judged for visibility. */
    private static List<Cascade> dependents(Route route, GazelleRow row) {
        return route.mapping().dependents(row).stream().map(Cascade::recomputeOnly).toList();
    }

    private Translation update(Route route, RowChange change, OriginLookup lookup) {
        Map<String, Object> beforeValues = readableOnly(route, change.before());
        Map<String, Object> afterValues = readableOnly(route, change.after());
        if (!beforeValues.isEmpty() && sameValues(beforeValues, afterValues)) {
            return Translation.NOTHING;
        }
        TableMapping mapping = route.mapping();
        GazelleRow after = readRow(route, afterValues, change.position(), lookup);
        boolean visibleAfter = mapping.visible(after);
        List<Cascade> cascades = new ArrayList<>();
        if (beforeValues.isEmpty()) {
            // No before image (binlog_row_image=MINIMAL): publish or retract by the new state.
            cascades.addAll(mapping.children(after));
            cascades.addAll(dependents(route, after));
            return visibleAfter ? published(route, after, List.of(), cascades)
                    : new Translation(delete(route, after), cascades);
        }
        GazelleRow before = readRow(route, beforeValues, change.position(), lookup);
        boolean visibleBefore = mapping.visible(before);
        // A row that moved to another parent (a topic to another forum) is judged again with its
        // children even when the verdict looks unchanged: the verdict on the old parent is the
        // parent's state now, and a cascade that ran while the row was still there may have
        // published or retracted it and its children by a state it no longer has.
        boolean moved = mapping.parentColumns().stream()
                .anyMatch(c -> !Objects.equals(beforeValues.get(c), afterValues.get(c)));
        if (visibleBefore != visibleAfter || moved) {
            cascades.addAll(mapping.children(after));
        }
        cascades.addAll(dependents(route, after));
        List<Cascade> oldDependents = dependents(route, before);
        oldDependents.stream().filter(c -> !cascades.contains(c)).forEach(cascades::add);
        if (!visibleBefore && !visibleAfter) {
            return new Translation(moved ? delete(route, before) : List.of(), cascades);
        }
        if (!visibleAfter) {
            return new Translation(delete(route, before), cascades);
        }
        if (!visibleBefore || !mapping.publishes()) {
            return published(route, after, List.of(), cascades);
        }
        Map<String, Object> oldKey = mapping.key(before);
        Map<String, Object> newKey = mapping.key(after);
        if (oldKey.equals(newKey)) {
            return published(route, after, List.of(), cascades);
        }
        // A key change is a delete of the old row and a create of the new one, as Debezium
        // itself models it; a mirror keyed by entity key could not express it otherwise.
        return published(route, after, delete(route, before), cascades);
    }

    /**
     * A translation that publishes {@code row} after {@code first}, with what the scrubbing stage
     * replaced in it (nothing, when the mapping publishes no record of its own).
     */
    private Translation published(Route route, GazelleRow row, List<NeutralRecord> first, List<Cascade> cascades) {
        List<NeutralRecord> upsert = upsert(route, row);
        List<NeutralRecord> records = first;
        if (!upsert.isEmpty()) {
            records = new ArrayList<>(first);
            records.addAll(upsert);
        }
        List<ScrubCount> scrubbed = upsert.isEmpty() ? List.of() : row.scrubCounts();
        return new Translation(records, cascades, scrubbed);
    }

    private List<NeutralRecord> upsert(Route route, GazelleRow row) {
        TableMapping m = route.mapping();
        if (!m.publishes()) {
            return List.of();
        }
        return List.of(NeutralRecord.upsert(m.entity().name(), settings.origin(), m.key(row), row.position(),
                m.payload(row)));
    }

    private List<NeutralRecord> delete(Route route, GazelleRow row) {
        TableMapping m = route.mapping();
        if (!m.publishes()) {
            return List.of();
        }
        return List.of(NeutralRecord.delete(m.entity().name(), settings.origin(), m.key(row), row.position()));
    }

    private GazelleRow row(Route route, Map<String, Object> values, SourcePosition position, OriginLookup lookup) {
        return readRow(route, readableOnly(route, values), position, lookup);
    }

    /**
     * A row of values already restricted to the readable columns, after the scrubbing stage: no
     * mapping ever reads a free-text column as the origin stores it.
     */
    private GazelleRow readRow(Route route, Map<String, Object> readable, SourcePosition position,
            OriginLookup lookup) {
        FreeTextStage.Result scrubbed = freeText.apply(route.table().name(), readable);
        return new GazelleRow(route.table().name(), scrubbed.values(), route.table().primaryKey(), position,
                new GazelleRow.Context(settings.origin(), settings.users(), lookup, withheld, readableByTable),
                scrubbed.altered(), scrubbed.counts());
    }

    private static Map<String, Object> readableOnly(Route route, Map<String, Object> values) {
        // The sidecar's own snapshot reads the readable columns alone, into a map no one can
        // change: nothing to leave out, and nothing to copy.
        if (values instanceof ArrayMap row && allReadable(route, row.names())) {
            return row;
        }
        // Sized for every column, so that it never grows: rows of twelve columns or more grew it
        // once each.
        Map<String, Object> kept = new LinkedHashMap<>(HashCapacity.forEntries(values.size()));
        values.forEach((column, value) -> {
            if (route.readableColumns().contains(column)) {
                kept.put(column, value);
            }
        });
        return kept;
    }

    private static boolean allReadable(Route route, ArrayMap.Names names) {
        for (int i = 0; i < names.size(); i++) {
            if (!route.readableColumns().contains(names.name(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValues(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            Object x = e.getValue();
            Object y = b.get(e.getKey());
            boolean same = x instanceof byte[] xb && y instanceof byte[] yb ? Arrays.equals(xb, yb) : Objects.equals(x, y);
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
