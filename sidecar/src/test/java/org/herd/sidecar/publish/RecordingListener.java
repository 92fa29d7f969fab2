package org.herd.sidecar.publish;

import java.util.ArrayList;
import java.util.List;
import org.herd.translator.RowChange;

/** Keeps what the pipeline reports, in order. */
final class RecordingListener implements PipelineListener {

    final List<RowChange> rowChanges = new ArrayList<>();
    final List<RecordFacts> published = new ArrayList<>();
    final List<RowChange> discarded = new ArrayList<>();
    final List<QuarantineRecord> quarantined = new ArrayList<>();
    final List<org.herd.translator.scrub.ScrubCount> scrubbed = new ArrayList<>();
    int snapshotsCompleted;

    @Override
    public void scrubbed(List<org.herd.translator.scrub.ScrubCount> counts) {
        scrubbed.addAll(counts);
    }

    @Override
    public void rowChange(RowChange change) {
        rowChanges.add(change);
    }

    @Override
    public void published(RecordFacts record) {
        published.add(record);
    }

    @Override
    public void discarded(RowChange change) {
        discarded.add(change);
    }

    @Override
    public void quarantined(QuarantineRecord record) {
        quarantined.add(record);
    }

    @Override
    public void snapshotCompleted() {
        snapshotsCompleted++;
    }
}
