package org.herd.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.herd.verify.MirrorReader;
import org.herd.gazelle.SourceRows;
import org.herd.sidecar.lookup.SourceLookup;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.translator.NeutralRecord;
import org.herd.translator.RowChange;
import org.herd.translator.SourcePosition;
import org.herd.translator.Translator;
import org.herd.translator.mapping.GazelleRow;
import org.herd.translator.mapping.TableMapping;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * Watches one Gazelle row: what a mirror must hold for it now (read from the origin and
 * translated), and whether a given mirror holds exactly that. Used to time a change from its
 * commit at the origin until it is visible in a mirror.
 */
final class ChangeProbe {

    private static final SourcePosition NOWHERE = new SourcePosition("origin.000000", 0, 0, 0, true, 0);

    private final String origin;
    private final EntityType entity;
    private final Map<String, Object> neutralKey;
    private final Optional<Map<String, Object>> expected;

    private ChangeProbe(String origin, EntityType entity, Map<String, Object> neutralKey,
            Optional<Map<String, Object>> expected) {
        this.origin = origin;
        this.entity = entity;
        this.neutralKey = neutralKey;
        this.expected = expected;
    }

    /** A probe for the row of {@code table} whose Gazelle key columns have these values; empty if untracked. */
    static Optional<ChangeProbe> of(Translator translator, String origin, Connection gazelle, String table,
            Map<String, Object> gazelleKey) throws SQLException {
        Optional<TableMapping> mapping = translator.mapping(table);
        // A table that only feeds other rows (votes into a request's totals) has no row of its own to watch.
        if (mapping.isEmpty() || gazelleKey.isEmpty() || !mapping.get().publishes()) {
            return Optional.empty();
        }
        EntityType entity = mapping.get().entity();
        Map<String, Object> neutralKey = mapping.get().key(new GazelleRow(table, gazelleKey,
                List.copyOf(gazelleKey.keySet()), NOWHERE));
        Optional<Map<String, Object>> expected = Optional.empty();
        SourceLookup lookup = SourceLookups.over(translator, gazelle);
        for (Map<String, Object> row : SourceRows.list(gazelle, table, translator.capturedColumns().get(table),
                gazelleKey)) {
            for (NeutralRecord r : translator.translate(RowChange.read(table, row, NOWHERE), lookup).records()) {
                if (r.entity().equals(entity.name())) {
                    expected = Optional.of(r.payload());
                }
            }
        }
        return Optional.of(new ChangeProbe(origin, entity, neutralKey, expected));
    }

    String entity() {
        return entity.name();
    }

    Map<String, Object> key() {
        return neutralKey;
    }

    boolean mirrorHoldsIt(Connection mirror) throws SQLException {
        return MirrorReader.readOne(mirror, origin, NeutralSchema.entity(entity.name()).orElseThrow(), neutralKey)
                .equals(expected);
    }
}
