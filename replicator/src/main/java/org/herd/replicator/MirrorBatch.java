package org.herd.replicator;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What one poll brought: the records to apply, the ones already found unusable, and the offset
 * to resume from in every partition the poll read. All of it is written in one transaction.
 *
 * @param records     decoded records of this mirror's origin, in the order they were read
 * @param quarantined records that could not be decoded or do not belong to this mirror
 * @param nextOffsets per partition, the offset after the last record read
 */
public record MirrorBatch(List<IncomingRecord> records, List<QuarantinedRecord> quarantined,
        Map<TopicPartition, Long> nextOffsets) {

    public MirrorBatch {
        records = List.copyOf(records);
        quarantined = List.copyOf(quarantined);
        nextOffsets = Map.copyOf(nextOffsets);
    }

    public boolean isEmpty() {
        return records.isEmpty() && quarantined.isEmpty() && nextOffsets.isEmpty();
    }
}
