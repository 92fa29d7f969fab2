package org.herd.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Supplier;
import org.herd.gazelle.SourceRows;
import org.herd.translator.NeutralRecord;
import org.herd.translator.OriginLookup;
import org.herd.translator.RowChange;
import org.herd.translator.SourcePosition;
import org.herd.translator.TranslationException;
import org.herd.translator.Translator;
import org.herd.translator.mapping.KeySource;
import org.herd.translator.mapping.TableMapping;
import org.herd.translator.schema.EntityType;

/**
 * The origin's public state, entity by entity: the Gazelle table that produces the entity, read
 * with plain non-locking SELECTs (InnoDB consistent reads, streamed), each row passed through the
 * translator the sidecar uses with an origin lookup: what a mirror must hold if replication is
 * correct, read without disturbing the site.
 */
public final class OriginSource implements RowSource, AutoCloseable {

    private static final SourcePosition NOWHERE = new SourcePosition("origin.000000", 0, 0, 0, true, 0);

    private final Translator translator;
    private final Connection gazelle;
    private final Supplier<? extends OriginLookup> lookups;
    private final Map<String, TableMapping> byEntity = new LinkedHashMap<>();
    private final Map<String, Long> untranslatable = new LinkedHashMap<>();
    private OriginLookup lookup;
    private int passes;
    private boolean counting = true;

    /**
     * @param tables  the Gazelle tables the sidecar replicates, each mapped by the translator
     * @param gazelle a connection this source streams rows through; it must not be the lookup's
     *                (a streaming result set holds its connection)
     * @param lookups a fresh origin lookup per pass, so that a re-check does not judge rows by
     *                parents cached in an earlier pass; closed when the next pass begins if it is
     *                {@link AutoCloseable}
     */
    public OriginSource(Translator translator, Set<String> tables, Connection gazelle,
            Supplier<? extends OriginLookup> lookups) {
        this.translator = translator;
        this.gazelle = gazelle;
        this.lookups = lookups;
        byEntity.putAll(mappings(translator, tables));
    }

    /** Per published entity, the mapping of the one table among {@code tables} it comes from. */
    public static Map<String, TableMapping> mappings(Translator translator, Set<String> tables) {
        Map<String, TableMapping> byEntity = new LinkedHashMap<>();
        for (String table : tables) {
            TableMapping m = translator.mapping(table).orElseThrow();
            if (m.publishes() && byEntity.putIfAbsent(m.entity().name(), m) != null) {
                // Every entity has one table today (KeySourcesTest); a second would need both read.
                throw new IllegalStateException("entity " + m.entity().name() + " comes from two tables, "
                        + byEntity.get(m.entity().name()).table() + " and " + table);
            }
        }
        return byEntity;
    }

    /** The table and mapping an entity comes from; empty when this origin publishes none of it. */
    public Optional<TableMapping> mapping(String entity) {
        return Optional.ofNullable(byEntity.get(entity));
    }

    /**
     * Rows per table the translator rejected in the first pass, which reads every row (the
     * sidecar quarantines them); re-checks read only suspect chunks and do not count.
     */
    public Map<String, Long> untranslatable() {
        return Map.copyOf(untranslatable);
    }

    @Override
    public void beginPass() {
        closeLookup();
        counting = passes++ == 0;
        lookup = lookups.get();
    }

    @Override
    public void rows(EntityType entity, Chunking.Range range, RowSink sink) throws SQLException {
        TableMapping m = byEntity.get(entity.name());
        if (m == null) {
            return;
        }
        if (lookup == null) {
            lookup = lookups.get();
        }
        String column = null;
        long from = 0;
        long to = 0;
        if (range != null) {
            KeySource source = m.keySources().get(range.field());
            if (source != null && source.kind() == KeySource.Kind.COPY) {
                column = source.column();
                from = range.from();
                to = range.to();
            }
        }
        List<String> columns = translator.capturedColumns().get(m.table());
        OriginLookup current = lookup;
        SourceRows.stream(gazelle, m.table(), columns, column, from, to, row -> {
            try {
                for (NeutralRecord r : translator.translate(RowChange.read(m.table(), row, NOWHERE), current)
                        .records()) {
                    if (r.entity().equals(entity.name())) {
                        sink.row(r.key(), r.payload());
                    }
                }
            } catch (TranslationException e) {
                if (counting) {
                    untranslatable.merge(m.table(), 1L, Long::sum);
                }
            }
        });
    }

    private void closeLookup() {
        if (lookup instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // A lookup's connection that will not close is of no further use either way.
            }
        }
        lookup = null;
    }

    /** Closes the current pass's lookup. */
    @Override
    public void close() {
        closeLookup();
    }
}
