package org.herd.replicator;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.herd.trust.RejectReason;

/**
 * Something the mirror refused, for {@code herd.reject}: a record that failed verification or does
 * not belong to this mirror, a checkpoint whose signature did not verify, or a trust root that was
 * not accepted. Never applied, and never believed; counted by reason in the progress line, the
 * {@value RejectMetrics#NAME} metric and {@code herd mirror status}.
 *
 * @param subject   {@link #RECORD}, {@link #CHECKPOINT} or {@link #TRUST_ROOT}
 * @param topic     Kafka topic
 * @param partition Kafka partition
 * @param offset    Kafka offset
 * @param reason    the wire name of the reason: {@link #RECORD_REASONS} for records, a
 *                  {@link RejectReason} for checkpoints, a {@link org.herd.trust.RootFailure} for
 *                  trust roots
 * @param detail    what was found, naming key id, entity, key and position; never payload text
 * @param entity    the entity the record names or its topic carries, or null
 * @param entityKey the record's Kafka key as text (the wire format's key object), cut short, or null
 * @param position  the record's source position, or null when it could not be read
 * @param keyId     the signing key the headers name, or null
 * @param key       the Kafka key, whole or cut to {@link #EVIDENCE_BYTES} (see {@link #keptWhole}); none
 *                  for a {@link #STALE} record
 * @param value     the Kafka value, likewise
 * @param signature the signature headers ({@link StoredSignature}), or null
 * @param valueLength the length of the value as it arrived, -1 for none
 */
public record RejectedRecord(String subject, String topic, int partition, long offset, String reason, String detail,
        String entity, String entityKey, String position, String keyId, byte[] key, byte[] value, byte[] signature,
        int valueLength) {

    public static final String RECORD = "record";
    public static final String CHECKPOINT = "checkpoint";
    public static final String TRUST_ROOT = "trust-root";

    /** A record on an entity's topic that names another entity (it would be compacted against the wrong rows). */
    public static final String WRONG_TOPIC = "wrong_topic";
    /**
     * A record older than the row the mirror holds, arriving after it: a replay of an old version.
     * The position guard keeps the newer row; an exact duplicate of the row's own position is not a
     * reject.
     */
    public static final String STALE = "stale";

    /**
     * Every reason a record is refused for, in the order a mirror checks them: the signature
     * checks of {@link RejectReason} ({@code docs/trust.md}), then the mirror's own.
     */
    public static final List<String> RECORD_REASONS = List.of(
            RejectReason.UNSIGNED.wireName(),
            RejectReason.MALFORMED_HEADERS.wireName(),
            RejectReason.UNKNOWN_KEY.wireName(),
            RejectReason.REVOKED_KEY.wireName(),
            RejectReason.MALFORMED.wireName(),
            RejectReason.BAD_SIGNATURE.wireName(),
            RejectReason.WRONG_ORIGIN.wireName(),
            RejectReason.WRONG_EPOCH.wireName(),
            WRONG_TOPIC,
            STALE);

    /**
     * Reasons a newer trust root may lift: a record signed by a key the root does not name yet
     * (a rotation whose root has not reached the mirror), and, checked again for the same price,
     * an epoch the root does not give the key. Such records are kept whole and checked again when
     * a root is accepted.
     */
    public static final Set<String> MAY_PASS_LATER = Set.of(RejectReason.UNKNOWN_KEY.wireName(),
            RejectReason.WRONG_EPOCH.wireName());

    /** Bytes kept of a key or value whose reason cannot pass later: enough to see what it was. */
    static final int EVIDENCE_BYTES = 4096;
    /** Bytes kept of a key or value that is checked again later; Kafka's default largest record. */
    static final int WHOLE_BYTES = 1 << 20;
    /** Longest detail and key text stored, so that a hostile record cannot flood the table or the log. */
    static final int MAX_TEXT = 400;

    public RejectedRecord {
        detail = printable(detail == null ? "no detail" : detail, MAX_TEXT);
        entity = entity == null ? null : printable(entity, 100);
        entityKey = entityKey == null ? null : printable(entityKey, 200);
        position = position == null ? null : printable(position, 200);
    }

    /**
     * A refused record or checkpoint: keeps the bytes whole when the reason may pass under a later
     * root (or {@code keepWhole}), else their first {@link #EVIDENCE_BYTES}.
     */
    static RejectedRecord of(String subject, String topic, int partition, long offset, String reason, String detail,
            String entity, String entityKey, String position, String keyId, byte[] key, byte[] value, byte[] signature,
            boolean keepWhole) {
        // A stale record is the origin's own, only old: its key and position say all, and a replay of a
        // whole topic must not copy the topic into the table.
        int bound = STALE.equals(reason) ? 0
                : keepWhole || (RECORD.equals(subject) && MAY_PASS_LATER.contains(reason)) ? WHOLE_BYTES
                : EVIDENCE_BYTES;
        return new RejectedRecord(subject, topic, partition, offset, reason, detail, entity, entityKey, position, keyId,
                cut(key, bound), cut(value, bound), signature, value == null ? -1 : value.length);
    }

    /** Whether the value was kept whole, so that it can be checked again. */
    public boolean keptWhole() {
        return value == null ? valueLength < 0 : value.length == valueLength;
    }

    private static byte[] cut(byte[] bytes, int bound) {
        if (bound == 0) {
            return null;
        }
        return bytes == null || bytes.length <= bound ? bytes : Arrays.copyOf(bytes, bound);
    }

    /** PostgreSQL text refuses NUL; control characters in a log line mislead. */
    static String printable(String s, int max) {
        String p = s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "?");
        return p.length() <= max ? p : p.substring(0, max) + "...";
    }

    /** Where and why, for a log line. */
    public String describe() {
        return subject + " at topic " + topic + " partition " + partition + " offset " + offset + ": " + reason + ": "
                + detail;
    }
}
