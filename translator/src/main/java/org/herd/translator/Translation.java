package org.herd.translator;

import java.util.List;
import org.herd.translator.scrub.ScrubCount;

/**
 * What one row change translates to.
 *
 * @param records  the records to publish, in order
 * @param cascades other rows to translate again because of this change, in order
 * @param scrubbed what text scrubbing replaced or dropped in the free-text columns of the row the
 *                 published upsert was built from, per column and rule: counts only, for the
 *                 caller's metrics and logs; empty when nothing was, or nothing is published
 */
public record Translation(List<NeutralRecord> records, List<Cascade> cascades, List<ScrubCount> scrubbed) {

    public static final Translation NOTHING = new Translation(List.of(), List.of(), List.of());

    public Translation {
        records = List.copyOf(records);
        cascades = List.copyOf(cascades);
        scrubbed = List.copyOf(scrubbed);
    }

    /** A translation whose records carry no scrubbed text. */
    public Translation(List<NeutralRecord> records, List<Cascade> cascades) {
        this(records, cascades, List.of());
    }
}
