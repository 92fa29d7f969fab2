package org.herd.replicator;

import java.util.List;
import org.herd.translator.NeutralRecord;

/**
 * What applying a batch did.
 *
 * @param applied     records that changed a row (upserts and tombstones), in the order applied
 * @param notNewer    records that changed nothing because the row already held the same or a newer
 *                    position (duplicates and replays)
 * @param quarantined records written to {@code herd.quarantine}: those the batch brought and those
 *                    PostgreSQL rejected
 */
public record BatchResult(List<NeutralRecord> applied, int notNewer, List<QuarantinedRecord> quarantined) {

    public BatchResult {
        applied = List.copyOf(applied);
        quarantined = List.copyOf(quarantined);
    }
}
