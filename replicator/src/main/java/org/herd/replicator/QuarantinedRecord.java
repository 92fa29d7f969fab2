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

    public QuarantinedRecord {
        // Reasons quote parts of the record (its origin, key, a decoder's message); PostgreSQL text
        // refuses NUL, and a refused quarantine insert would stop the mirror on the very record it
        // was meant to set aside.
        reason = reason == null ? "no reason given" : reason.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "?");
    }
}
