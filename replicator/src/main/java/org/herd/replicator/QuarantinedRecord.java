package org.herd.replicator;

/**
 * A record the mirror cannot apply, kept byte for byte in {@code herd.quarantine}.
 *
 * @param topic     Kafka topic
 * @param partition Kafka partition
 * @param offset    Kafka offset
 * @param key       the Kafka key as received, may be null
 * @param value     the Kafka value as received, may be null
 * @param reason    why, naming topic, partition, offset and what was wrong; never payload text
 */
public record QuarantinedRecord(String topic, int partition, long offset, byte[] key, byte[] value,
        String reason) {
}
