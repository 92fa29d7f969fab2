package org.herd.replicator;

import java.util.List;
import org.herd.translator.NeutralRecord;

/**
 * What applying a batch did.
 *
 * @param applied     records that changed a row (upserts and tombstones), in the order applied
 * @param notNewer    records that changed nothing: duplicates of the position the row holds, and
 *                    records superseded by a newer version of their row later in the same batch
 * @param quarantined records written to {@code herd.quarantine}: those the batch brought and those
 *                    PostgreSQL rejected
 * @param rejected    records written to {@code herd.reject}: those the batch brought and those older
 *                    than the row the mirror held ({@value RejectedRecord#STALE})
 */
public record BatchResult(List<NeutralRecord> applied, int notNewer, List<QuarantinedRecord> quarantined,
        List<RejectedRecord> rejected) {

    public BatchResult {
        applied = List.copyOf(applied);
        quarantined = List.copyOf(quarantined);
        rejected = List.copyOf(rejected);
    }

    /** A result with nothing refused. */
    public BatchResult(List<NeutralRecord> applied, int notNewer, List<QuarantinedRecord> quarantined) {
        this(applied, notNewer, quarantined, List.of());
    }
}
