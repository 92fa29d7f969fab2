package org.herd.sidecar.publish;

import java.util.List;
import org.herd.translator.RowChange;
import org.herd.translator.scrub.ScrubCount;

/** What the change pipeline reports as it goes; the sidecar's progress and its metrics listen. */
public interface PipelineListener {

    /** A row change read from a change event (capture). */
    void rowChange(RowChange change);

    /** A record Kafka has acknowledged (publish). */
    void published(RecordFacts record);

    /** An update that changed no column a mirror sees: nothing to publish (translate). */
    void discarded(RowChange change);

    /** A row change set aside in the quarantine topic (quarantine). */
    void quarantined(QuarantineRecord record);

    /**
     * What text scrubbing replaced or dropped in the free text of a translated row (translate):
     * counts per table, column and rule, never the text.
     */
    default void scrubbed(List<ScrubCount> counts) {
    }

    /** The initial snapshot's last change has been published and its offsets committed. */
    void snapshotCompleted();
}
