package org.herd.translator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.TableDef;
import org.herd.translator.mapping.ArtistsAliasMapping;
import org.herd.translator.mapping.ArtistsGroupMapping;
import org.herd.translator.mapping.ArtistsSimilarMapping;
import org.herd.translator.mapping.ArtistsSimilarScoresMapping;
import org.herd.translator.mapping.GazelleRow;
import org.herd.translator.mapping.TableMapping;
import org.herd.translator.mapping.TagsMapping;
import org.herd.translator.mapping.TorrentsArtistsMapping;
import org.herd.translator.mapping.TorrentsGroupMapping;
import org.herd.translator.mapping.TorrentsLogsMapping;
import org.herd.translator.mapping.TorrentsMapping;
import org.herd.translator.mapping.TorrentsTagsMapping;
import org.herd.translator.mapping.TorrentsVotesMapping;
import org.herd.translator.mapping.WikiMapping;

/**
 * Gazelle row change in, neutral records out. Pure and thread-safe: no I/O, no clock, no state
 * between calls.
 *
 * <p>Default deny: a table is translated only if the catalogue replicates it and a mapping
 * exists for it; before a mapping sees a row, every column the catalogue does not name public
 * is removed, whatever the capture layer let through.
 */
public final class Translator {

    private final TranslatorSettings settings;
    private final GazelleCatalogue catalogue;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    /** Mappings whose rows a parent table's deletes take along (see {@link TableMapping#cascadeParent}). */
    private final Map<String, List<Route>> cascades = new LinkedHashMap<>();

    /** A replicated table with its mapping; the public column set is kept for the hot path. */
    private record Route(TableDef table, TableMapping mapping, Set<String> publicColumns) {

        Route(TableDef table, TableMapping mapping) {
            this(table, mapping, Set.copyOf(table.publicColumns()));
        }
    }

    public Translator(TranslatorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.catalogue = GazelleCatalogue.of(settings.variant());
        List<TableMapping> mappings = new ArrayList<>(List.of(new ArtistsGroupMapping(), new ArtistsAliasMapping(),
                new TorrentsGroupMapping(), new TorrentsMapping(), new TorrentsArtistsMapping(), new TagsMapping(),
                new TorrentsTagsMapping(), WikiMapping.releaseGroups(), WikiMapping.artists()));
        mappings.addAll(List.of(new ArtistsSimilarScoresMapping(), new ArtistsSimilarMapping(),
                new TorrentsVotesMapping(), new TorrentsLogsMapping()));
        for (TableMapping m : mappings) {
            TableDef def = catalogue.table(m.table()).filter(TableDef::isReplicated).orElseThrow(
                    () -> new IllegalStateException("mapping for " + m.table() + " but the "
                            + settings.variant() + " catalogue does not replicate it"));
            routes.put(m.table(), new Route(def, m));
        }
        for (Route child : routes.values()) {
            child.mapping().cascadeParent().ifPresent(parent -> {
                if (!routes.containsKey(parent)) {
                    throw new IllegalStateException(child.table().name() + " cascades from " + parent
                            + ", which is not translated");
                }
                cascades.computeIfAbsent(parent, p -> new ArrayList<>()).add(child);
            });
        }
    }

    public TranslatorSettings settings() {
        return settings;
    }

    /** Tables this translator maps, with the public columns to capture from each, in DDL order. */
    public Map<String, List<String>> capturedColumns() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        routes.forEach((table, route) -> columns.put(table, route.table().publicColumns()));
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
     * Translates one row change.
     *
     * @return the records to publish, in order; empty when the table is not replicated or when
     *         an update changed no public column (the tracker's statistics flushes, for example)
     * @throws TranslationException when the row cannot be mapped; the message names table, key,
     *         column, value and position
     */
    public List<NeutralRecord> translate(RowChange change) {
        Route route = routes.get(change.table());
        if (route == null) {
            return List.of();
        }
        TableMapping mapping = route.mapping();
        String entity = mapping.entity().name();
        SourcePosition position = change.position();
        return switch (change.op()) {
            case READ, INSERT -> {
                GazelleRow after = row(route, change.after(), position);
                yield List.of(NeutralRecord.upsert(entity, settings.origin(), mapping.key(after), position,
                        mapping.payload(after)));
            }
            case DELETE -> {
                GazelleRow before = row(route, change.before(), position);
                NeutralRecord delete = NeutralRecord.delete(entity, settings.origin(), mapping.key(before), position);
                List<Route> children = cascades.get(change.table());
                if (children == null) {
                    yield List.of(delete);
                }
                List<NeutralRecord> records = new ArrayList<>(1 + children.size());
                records.add(delete);
                for (Route child : children) {
                    records.add(NeutralRecord.delete(child.mapping().entity().name(), settings.origin(),
                            child.mapping().cascadedKey(before), position));
                }
                yield records;
            }
            case UPDATE -> update(route, change);
        };
    }

    private List<NeutralRecord> update(Route route, RowChange change) {
        Map<String, Object> beforeValues = publicOnly(route, change.before());
        Map<String, Object> afterValues = publicOnly(route, change.after());
        if (!beforeValues.isEmpty() && sameValues(beforeValues, afterValues)) {
            return List.of();
        }
        TableMapping mapping = route.mapping();
        String entity = mapping.entity().name();
        SourcePosition position = change.position();
        GazelleRow after = new GazelleRow(route.table().name(), afterValues, route.table().primaryKey(), position);
        Map<String, Object> newKey = mapping.key(after);
        NeutralRecord upsert = NeutralRecord.upsert(entity, settings.origin(), newKey, position,
                mapping.payload(after));
        if (beforeValues.isEmpty()) {
            return List.of(upsert);
        }
        GazelleRow before = new GazelleRow(route.table().name(), beforeValues, route.table().primaryKey(), position);
        Map<String, Object> oldKey = mapping.key(before);
        if (oldKey.equals(newKey)) {
            return List.of(upsert);
        }
        // A key change is a delete of the old row and a create of the new one, as Debezium
        // itself models it; a mirror keyed by entity key could not express it otherwise.
        return List.of(NeutralRecord.delete(entity, settings.origin(), oldKey, position), upsert);
    }

    private static GazelleRow row(Route route, Map<String, Object> values, SourcePosition position) {
        return new GazelleRow(route.table().name(), publicOnly(route, values), route.table().primaryKey(),
                position);
    }

    private static Map<String, Object> publicOnly(Route route, Map<String, Object> values) {
        Map<String, Object> kept = new LinkedHashMap<>();
        values.forEach((column, value) -> {
            if (route.publicColumns().contains(column)) {
                kept.put(column, value);
            }
        });
        return kept;
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
