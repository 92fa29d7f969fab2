package org.herd.sidecar.publish;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.herd.sidecar.lookup.SourceLookup;
import org.herd.translator.Cascade;
import org.herd.translator.NeutralRecord;
import org.herd.translator.RowChange;
import org.herd.translator.RowOperation;
import org.herd.translator.Translation;
import org.herd.translator.Translator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translate: a row change becomes neutral records ({@link Translator}), followed by the records of
 * every row it makes translate again (its {@link Cascade}s), which {@link EnrichStage} reads at the
 * change's position. The rows a cascade names are known only once its cause is translated, so this
 * stage asks for them as it goes, breadth first: the change's records, then those of the rows its
 * cascades name, then those of the rows these name, each cascade once.
 *
 * <p>A change or row that cannot be translated is quarantined; a Gazelle database that does not
 * answer fails the batch ({@link PublishException}).
 */
final class TranslateStage {

    private static final Logger log = LoggerFactory.getLogger(TranslateStage.class);

    /** A cascade this large is still carried out, but said out loud: it is a heavy moment for the site. */
    static final int LARGE_CASCADE = 10_000;

    private final Translator translator;
    private final EnrichStage enrich;
    private final Quarantine quarantine;
    private final MissingColumns missingColumns;
    private final PipelineListener listener;

    TranslateStage(Translator translator, EnrichStage enrich, Quarantine quarantine, MissingColumns missingColumns,
            PipelineListener listener) {
        this.translator = translator;
        this.enrich = enrich;
        this.quarantine = quarantine;
        this.missingColumns = missingColumns;
        this.listener = listener;
    }

    /**
     * Hands each record {@code change} translates to, and then its cascades' records, to {@code out}.
     * What {@code out} throws is its own: it is not taken for a failure of the translation.
     */
    void translate(RowChange change, Consumer<TranslatedRecord> out) {
        try {
            Optional<Translation> translation = translated(change);
            if (translation.isEmpty()) {
                return;
            }
            emit(translation.get().records(), change, out);
            cascade(change, translation.get().cascades(), out);
            missingColumns.back(change);
        } catch (SourceLookup.LookupFailedException e) {
            // The batch's offsets stay uncommitted: capture restarts and reads it again.
            throw new PublishException("could not read the Gazelle rows needed to translate " + change.table()
                    + " at " + change.position() + ": " + e.getMessage(), e);
        }
    }

    /** The change's translation; empty when it was quarantined. */
    private Optional<Translation> translated(RowChange change) {
        Translation translation;
        try {
            translation = translator.translate(change, enrich);
        } catch (SourceLookup.LookupFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            quarantine.change(change, e);
            return Optional.empty();
        }
        if (translation.records().isEmpty() && translation.cascades().isEmpty() && change.op() == RowOperation.UPDATE) {
            listener.discarded(change);
        }
        if (!translation.scrubbed().isEmpty()) {
            listener.scrubbed(translation.scrubbed());
        }
        return Optional.of(translation);
    }

    /**
     * Translates again, at the position of {@code cause}, every row its cascades name. A row that
     * cannot be translated is quarantined and the walk goes on: stopping it would leave the rows
     * after it as they were, published under a parent that has just been hidden.
     */
    private void cascade(RowChange cause, List<Cascade> cascades, Consumer<TranslatedRecord> out) {
        Deque<Cascade> pending = new ArrayDeque<>(cascades);
        Set<Cascade> done = new HashSet<>();
        int rows = 0;
        while (!pending.isEmpty()) {
            Cascade c = pending.removeFirst();
            if (!done.add(c)) {
                continue;
            }
            for (RowChange again : enrich.rowsNamedBy(c, cause)) {
                rows++;
                Translation t;
                try {
                    t = translator.translateCascaded(again, c, enrich);
                } catch (SourceLookup.LookupFailedException e) {
                    throw e;
                } catch (RuntimeException e) {
                    quarantine.cascadedRow(again, e);
                    continue;
                }
                if (!t.scrubbed().isEmpty()) {
                    listener.scrubbed(t.scrubbed());
                }
                emit(t.records(), again, out);
                pending.addAll(t.cascades());
            }
        }
        if (rows >= LARGE_CASCADE) {
            log.info("A change of {} at {} made {} rows translate again", cause.table(), cause.position(), rows);
        }
    }

    private static void emit(List<NeutralRecord> records, RowChange change, Consumer<TranslatedRecord> out) {
        for (NeutralRecord r : records) {
            out.accept(new TranslatedRecord(r, change));
        }
    }
}
