package org.herd.sidecar.publish;

import java.util.Optional;
import org.apache.kafka.connect.source.SourceRecord;
import org.herd.sidecar.capture.ConnectRows;
import org.herd.translator.RowChange;

/**
 * Capture: a Debezium change event becomes the translator's {@link RowChange} ({@link ConnectRows}),
 * its position stamped with the sidecar's epoch. Every position the sidecar publishes starts here:
 * the rows a cascade names are translated at their cause's position, and the rows an incremental
 * snapshot reads (onboarding, repairs) arrive as change events too. A TRUNCATE, or an event that
 * cannot be read as a row change, goes to the quarantine.
 */
final class CaptureStage {

    private final Quarantine quarantine;
    private final PipelineListener listener;
    private final long epoch;

    /** @param epoch the epoch of the sidecar's origin key, 0 when it does not sign */
    CaptureStage(Quarantine quarantine, PipelineListener listener, long epoch) {
        this.quarantine = quarantine;
        this.listener = listener;
        this.epoch = epoch;
    }

    /**
     * @return the event's row change; empty when the event is no row change (a heartbeat, a
     *         transaction marker) or was quarantined
     */
    Optional<RowChange> read(SourceRecord event) {
        boolean truncate;
        RowChange change = null;
        try {
            truncate = ConnectRows.isTruncate(event);
            if (!truncate) {
                change = ConnectRows.toRowChange(event, epoch);
            }
        } catch (RuntimeException e) {
            quarantine.unreadable(event, e);
            return Optional.empty();
        }
        if (truncate) {
            quarantine.truncate(event);
            return Optional.empty();
        }
        if (change == null) {
            return Optional.empty();
        }
        listener.rowChange(change);
        return Optional.of(change);
    }
}
