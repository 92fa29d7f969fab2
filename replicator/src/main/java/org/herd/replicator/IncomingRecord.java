package org.herd.replicator;

import org.herd.translator.NeutralRecord;

/**
 * A decoded record with where it was read, kept together so that the store can still quarantine
 * it byte for byte if PostgreSQL rejects it.
 *
 * @param topic     Kafka topic
 * @param partition Kafka partition
 * @param offset    Kafka offset
 * @param key       the Kafka key as received
 * @param value     the Kafka value as received
 * @param record    the decoded record
 */
public record IncomingRecord(String topic, int partition, long offset, byte[] key, byte[] value,
        NeutralRecord record) {

    /** Where it was read, for messages: topic, partition and offset. */
    public String where() {
        return "topic " + topic + " partition " + partition + " offset " + offset;
    }

    /** A log-safe description: entity, key, operation, position and Kafka coordinates. */
    public String describe() {
        return record.describe() + " (" + where() + ")";
    }

    /** This record, set aside for a reason of the given kind, with its entity, key and position. */
    public QuarantinedRecord quarantine(String kind, String reason) {
        return new QuarantinedRecord(topic, partition, offset, key, value, reason, kind, record.entity(),
                keyJson(record), record.position().toString());
    }

    /** A record's key as JSON text, as the wire format writes it, e.g. {"release_id":100}. */
    static String keyJson(NeutralRecord record) {
        return new String(org.herd.translator.wire.WireFormat.encodeKey(record),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
