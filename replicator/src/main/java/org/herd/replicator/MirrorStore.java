package org.herd.replicator;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a mirror keeps its copy and its resume point. The one place that writes rows, so that the
 * apply path can be replaced (e.g. by a COPY-based one) without touching the consumer loop.
 */
public interface MirrorStore {

    /**
     * The stored resume offsets of these partitions for the store's consumer group; partitions the
     * mirror never applied anything from are absent.
     *
     * @throws MirrorStoreException when the database cannot be read
     */
    Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions);

    /**
     * Applies a batch atomically: rows (each only if strictly newer than the row held),
     * quarantined records and resume offsets are committed together or not at all. A record that
     * PostgreSQL rejects for its content is quarantined instead of failing the batch.
     *
     * @throws MirrorStoreException when nothing was committed; the caller retries from the stored
     *                              offsets
     */
    BatchResult apply(MirrorBatch batch);

    /**
     * From now on, records of epochs below {@code epoch} are older than anything the origin holds:
     * its snapshot under {@code epoch} superseded them ({@link CheckpointWatch}).
     */
    void epochsRetiredBelow(long epoch);
}
