package org.herd.replicator;

import java.nio.charset.StandardCharsets;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.wire.WireFormat;
import org.herd.trust.BinlogPosition;
import org.herd.trust.Fingerprints;

/**
 * A decoded record with where it was read and what it was, kept together so that the store can
 * write the row with the record as the origin signed it, and still quarantine it byte for byte if
 * PostgreSQL rejects it.
 *
 * @param topic       Kafka topic
 * @param partition   Kafka partition
 * @param offset      Kafka offset
 * @param key         the Kafka key as received
 * @param value       the Kafka value as received
 * @param record      the decoded record
 * @param fingerprint its row fingerprint (docs/trust.md), or null when it has no Kafka key
 * @param signature   its signature headers ({@link StoredSignature}), or null when it carried none
 */
public record IncomingRecord(String topic, int partition, long offset, byte[] key, byte[] value,
        NeutralRecord record, Long fingerprint, byte[] signature) {

    /**
     * A record taken as it arrived, without a signature: its fingerprint computed from the Kafka key
     * and value as the origin's would be (null without a key).
     */
    public static IncomingRecord unverified(String topic, int partition, long offset, byte[] key, byte[] value,
            NeutralRecord record) {
        Long fingerprint = null;
        if (key != null) {
            SourcePosition p = record.position();
            fingerprint = Fingerprints.row(key, p.epoch(), new BinlogPosition(p.file(), p.pos(), p.event(), p.row()),
                    RecordTriage.sha256(value));
        }
        return new IncomingRecord(topic, partition, offset, key, value, record, fingerprint, null);
    }

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
                keyJson(record), record.position().toString(), signature);
    }

    /** This record, refused for {@code reason} (a wire name of {@link RejectedRecord#RECORD_REASONS}). */
    public RejectedRecord reject(String reason, String detail, String keyId) {
        return RejectedRecord.of(RejectedRecord.RECORD, topic, partition, offset, reason, detail, record.entity(),
                keyJson(record), record.position().toString(), keyId, key, value, signature, false);
    }

    /** A record's key as JSON text, as the wire format writes it, e.g. {"release_id":100}. */
    static String keyJson(NeutralRecord record) {
        return new String(WireFormat.encodeKey(record), StandardCharsets.UTF_8);
    }
}
