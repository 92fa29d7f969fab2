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
 * @param kind      what kind of failure ({@link #UNDECODABLE}, {@link #UNSUPPORTED_FORMAT},
 *                  {@link #REJECTED}; {@link #WRONG_ORIGIN} and {@link #WRONG_TOPIC} only in rows
 *                  written before those became reasons of {@code herd.reject}), for the metric and
 *                  the operator
 * @param entity    the record's entity when it decoded, else the entity its topic carries, or null
 * @param entityKey the record's key as JSON when it decoded, else null
 * @param position  the record's source position when it decoded, else null
 * @param signature the record's signature headers ({@link StoredSignature}), or null
 */
public record QuarantinedRecord(String topic, int partition, long offset, byte[] key, byte[] value,
        String reason, String kind, String entity, String entityKey, String position, byte[] signature) {

    public static final String UNDECODABLE = "undecodable";
    public static final String UNSUPPORTED_FORMAT = "unsupported-format";
    /** Rows quarantined before V12 only: such records are refused through {@code herd.reject} now. */
    public static final String WRONG_ORIGIN = "wrong-origin";
    /** Rows quarantined before V12 only, as {@link #WRONG_ORIGIN}. */
    public static final String WRONG_TOPIC = "wrong-topic";
    public static final String REJECTED = "rejected";

    public QuarantinedRecord {
        // Reasons quote parts of the record (its origin, key, a decoder's message); PostgreSQL text
        // refuses NUL, and a refused quarantine insert would stop the mirror on the very record it
        // was meant to set aside.
        reason = reason == null ? "no reason given" : printable(reason);
        kind = kind == null ? UNDECODABLE : kind;
        entity = entity == null ? null : printable(entity);
        entityKey = entityKey == null ? null : printable(entityKey);
    }

    /** A record nothing could be read from. */
    public QuarantinedRecord(String topic, int partition, long offset, byte[] key, byte[] value, String reason) {
        this(topic, partition, offset, key, value, reason, UNDECODABLE, null, null, null, null);
    }

    private static String printable(String s) {
        return s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "?");
    }
}
