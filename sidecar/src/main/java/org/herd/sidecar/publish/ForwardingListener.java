package org.herd.sidecar.publish;

import java.util.List;
import org.herd.translator.RowChange;
import org.herd.translator.scrub.ScrubCount;

/**
 * A listener that hands every event on to the next one: the base of listeners that watch one
 * kind of event (the metrics) and override only that method, calling {@code super} to pass it on.
 */
public abstract class ForwardingListener implements PipelineListener {

    private final PipelineListener next;

    protected ForwardingListener(PipelineListener next) {
        this.next = next;
    }

    @Override
    public void rowChange(RowChange change) {
        next.rowChange(change);
    }

    @Override
    public void published(RecordFacts record) {
        next.published(record);
    }

    @Override
    public void discarded(RowChange change) {
        next.discarded(change);
    }

    @Override
    public void quarantined(QuarantineRecord record) {
        next.quarantined(record);
    }

    @Override
    public void scrubbed(List<ScrubCount> counts) {
        next.scrubbed(counts);
    }

    @Override
    public void snapshotCompleted() {
        next.snapshotCompleted();
    }
}
