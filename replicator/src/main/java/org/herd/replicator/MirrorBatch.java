package org.herd.replicator;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What one poll brought: the records to apply, the ones already found unusable or refused, and
 * the offset to resume from in every partition the poll read. All of it is written in one
 * transaction.
 *
 * @param records     verified (or, on a mirror that does not verify, decoded) records of this
 *                    mirror's origin, in the order they were read
 * @param quarantined records that this mirror cannot apply as they are (not decodable, a newer
 *                    wire format)
 * @param rejected    records refused: their signature did not verify, or they do not belong here
 * @param nextOffsets per partition, the offset after the last record read
 * @param verifyCpuNanos CPU time the triage spent verifying the poll's signatures and proofs; 0
 *                    when the mirror does not verify or the JVM cannot measure it
 */
public record MirrorBatch(List<IncomingRecord> records, List<QuarantinedRecord> quarantined,
        List<RejectedRecord> rejected, Map<TopicPartition, Long> nextOffsets, long verifyCpuNanos) {

    /** A batch whose verification was not timed (built outside the triage). */
    public MirrorBatch(List<IncomingRecord> records, List<QuarantinedRecord> quarantined,
            List<RejectedRecord> rejected, Map<TopicPartition, Long> nextOffsets) {
        this(records, quarantined, rejected, nextOffsets, 0);
    }

    public MirrorBatch {
        records = List.copyOf(records);
        quarantined = List.copyOf(quarantined);
        rejected = List.copyOf(rejected);
        nextOffsets = Map.copyOf(nextOffsets);
    }

    public boolean isEmpty() {
        return records.isEmpty() && quarantined.isEmpty() && rejected.isEmpty() && nextOffsets.isEmpty();
    }
}
