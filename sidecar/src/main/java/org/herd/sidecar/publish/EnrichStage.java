package org.herd.sidecar.publish;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.herd.sidecar.lookup.SourceLookup;
import org.herd.translator.Cascade;
import org.herd.translator.OriginLookup;
import org.herd.translator.RowChange;

/**
 * Enrich: everything the pipeline reads from the Gazelle database besides the binlog. It is the
 * {@link OriginLookup} the translator asks about other rows (a post's topic, a request's votes); it
 * follows the stream, so that those answers hold at the position being translated; and it reads the
 * rows a {@link Cascade} names, as changes at the position of the change that named them.
 *
 * <p>A cascade whose rows cannot be read for good is quarantined here; a database that
 * does not answer ({@link SourceLookup.LookupFailedException}) fails the batch, so that capture
 * reads it again.
 */
final class EnrichStage implements OriginLookup {

    /** The Gazelle database as the pipeline reads it: {@link SourceLookup}. */
    interface Source extends OriginLookup {

        /** Brings what is cached to the position of a change about to be translated. */
        void observe(RowChange change);

        /** The rows a cascade names, as the database holds them now. */
        List<Map<String, Object>> rows(Cascade cascade);
    }

    private final Source source;
    private final Quarantine quarantine;

    EnrichStage(Source source, Quarantine quarantine) {
        this.source = source;
        this.quarantine = quarantine;
    }

    /** Enrichment reading the Gazelle database through {@code lookup}. */
    static EnrichStage over(SourceLookup lookup, Quarantine quarantine) {
        return new EnrichStage(new Source() {
            @Override
            public Optional<Map<String, Object>> row(String table, Map<String, Object> key) {
                return lookup.row(table, key);
            }

            @Override
            public Aggregate aggregate(String table, Map<String, Object> where, String sumColumn) {
                return lookup.aggregate(table, where, sumColumn);
            }

            @Override
            public void observe(RowChange change) {
                lookup.observe(change);
            }

            @Override
            public List<Map<String, Object>> rows(Cascade cascade) {
                return lookup.rows(cascade);
            }
        }, quarantine);
    }

    /** A change about to be translated: the lookups of its translation answer at its position. */
    void observe(RowChange change) {
        source.observe(change);
    }

    /**
     * The rows {@code cascade} names, each a read at the position of {@code cause}. They are read as
     * the database holds them now, which is never older than that position; a later change of the
     * same row has a later position and so still wins in every mirror.
     *
     * @return the rows; none when they cannot be read for good (the schema no longer lets them be
     *         read, or the cascade is a defect): then the cascade is quarantined, and the cause's own
     *         records stand
     * @throws SourceLookup.LookupFailedException when the database does not answer
     */
    List<RowChange> rowsNamedBy(Cascade cascade, RowChange cause) {
        List<Map<String, Object>> rows;
        try {
            rows = source.rows(cascade);
        } catch (SourceLookup.LookupFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            quarantine.cascade(cascade, cause, e);
            return List.of();
        }
        return rows.stream().map(row -> RowChange.read(cascade.table(), row, cause.position())).toList();
    }

    @Override
    public Optional<Map<String, Object>> row(String table, Map<String, Object> key) {
        return source.row(table, key);
    }

    @Override
    public Aggregate aggregate(String table, Map<String, Object> where, String sumColumn) {
        return source.aggregate(table, where, sumColumn);
    }
}
