package org.herd.replicator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.EntityType;
import org.herd.translator.wire.UnsupportedFormatException;
import org.herd.translator.wire.WireFormat;
import org.herd.translator.wire.WireFormatException;
import org.herd.trust.BinlogPosition;
import org.herd.trust.RecordStatement;
import org.herd.trust.RecordVerification;
import org.herd.trust.RejectReason;

/**
 * Turns what a poll of the entity topics returned into a {@link MirrorBatch}: verifies and decodes
 * every record and sets aside, with a reason, the ones this mirror must not apply. Nothing here
 * throws for bad input; a bad record is refused or quarantined and the rest of the stream goes on.
 *
 * <p>A record is checked in this order, and the first failure decides:
 * <ol>
 *   <li>On a mirror that verifies, its signature, through {@link org.herd.trust.OriginVerifier}
 *       against the current trust root: a record that fails is refused with the verifier's reason
 *       ({@code unsigned}, {@code malformed_headers}, {@code unknown_key}, {@code revoked_key},
 *       {@code malformed}, {@code bad_signature}, {@code wrong_origin}, {@code wrong_epoch}) before
 *       anything else is read from it.</li>
 *   <li>The wire format: a value the mirror cannot decode is quarantined ({@code undecodable}, or
 *       {@code unsupported-format} for a newer format, which a replay after an upgrade applies).</li>
 *   <li>Its origin must be the mirror's ({@code wrong_origin}) and its entity the one its topic
 *       carries ({@code wrong_topic}): a record on another entity's topic would be compacted against
 *       the wrong rows.</li>
 *   <li>On a mirror that verifies, what the wire format read must be what was signed (entity, op,
 *       position), and the Kafka key must be the key the value names, so that the row can be
 *       turned back into the signed record ({@code malformed} otherwise).</li>
 * </ol>
 * A record older than the row the mirror holds is found by the store ({@code stale}).
 */
public final class RecordTriage {

    /** Longest text taken over from a record into a reason, so that a hostile record cannot flood logs. */
    private static final int MAX_QUOTED = 160;

    private final String origin;
    private final MirrorTopics topics;
    private final MirrorTrust trust;

    /** Triage of a mirror that does not verify signatures. */
    public RecordTriage(String origin, MirrorTopics topics) {
        this(origin, topics, MirrorTrust.off(origin));
    }

    public RecordTriage(String origin, MirrorTopics topics, MirrorTrust trust) {
        this.origin = origin;
        this.topics = topics;
        this.trust = trust;
    }

    /** One record's fate: exactly one of the three is set. */
    public record Outcome(IncomingRecord record, QuarantinedRecord quarantined, RejectedRecord rejected) {
    }

    /**
     * The poll's records, each verified and decoded. On a mirror that verifies, every record's
     * signature is checked first, in one pass whose thread CPU time the batch carries
     * ({@link MirrorBatch#verifyCpuNanos()}): two clock readings per poll rather than per record,
     * which would cost a measurable part of what they measure.
     */
    public MirrorBatch triage(Iterable<ConsumerRecord<byte[], byte[]>> polled) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        polled.forEach(all::add);
        RecordVerification[] verified = null;
        long verifyCpuNanos = 0;
        if (trust.verifying()) {
            verified = new RecordVerification[all.size()];
            long before = threadCpuNanos();
            for (int i = 0; i < verified.length; i++) {
                verified[i] = verify(all.get(i));
            }
            long after = threadCpuNanos();
            if (before >= 0 && after >= before) {
                verifyCpuNanos = after - before;
            }
        }
        List<IncomingRecord> records = new ArrayList<>();
        List<QuarantinedRecord> quarantined = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            ConsumerRecord<byte[], byte[]> cr = all.get(i);
            nextOffsets.merge(new TopicPartition(cr.topic(), cr.partition()), cr.offset() + 1, Math::max);
            Outcome o = check(cr, verified == null ? null : verified[i]);
            if (o.record() != null) {
                records.add(o.record());
            } else if (o.quarantined() != null) {
                quarantined.add(o.quarantined());
            } else {
                rejected.add(o.rejected());
            }
        }
        return new MirrorBatch(records, quarantined, rejected, nextOffsets, verifyCpuNanos);
    }

    /** Checks one record of an entity topic (also a stored one, replayed or checked again). */
    public Outcome check(ConsumerRecord<byte[], byte[]> cr) {
        return check(cr, trust.verifying() ? verify(cr) : null);
    }

    private RecordVerification verify(ConsumerRecord<byte[], byte[]> cr) {
        return trust.verifier().verifyRecord(cr.key(), cr.value(), StoredSignature.collect(cr.headers()));
    }

    /**
     * The rest of the checks, after {@code verification}: the record's verification on a mirror
     * that verifies, null on one that does not.
     */
    private Outcome check(ConsumerRecord<byte[], byte[]> cr, RecordVerification verification) {
        Optional<EntityType> topicEntity = topics.entityOf(cr.topic());
        byte[] signature = StoredSignature.of(cr.headers());
        if (verification != null && !verification.verified()) {
            return refused(cr, verification, topicEntity, signature);
        }
        NeutralRecord decoded;
        try {
            decoded = WireFormat.decode(cr.value());
        } catch (WireFormatException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            String where = "topic " + cr.topic() + " partition " + cr.partition() + " offset " + cr.offset();
            // A format this reader does not know is a newer sidecar, not garbage: a replay after
            // the mirror is upgraded applies it.
            String kind = e instanceof UnsupportedFormatException ? QuarantinedRecord.UNSUPPORTED_FORMAT
                    : QuarantinedRecord.UNDECODABLE;
            return new Outcome(null, new QuarantinedRecord(cr.topic(), cr.partition(), cr.offset(), cr.key(),
                    cr.value(), "undecodable record at " + where + ": " + abbreviate(message), kind,
                    topicEntity.map(EntityType::name).orElse(null), null, null, signature), null);
        }
        RecordStatement statement = verification == null ? null : verification.statement();
        IncomingRecord in = statement == null
                ? IncomingRecord.unverified(cr.topic(), cr.partition(), cr.offset(), cr.key(), cr.value(), decoded)
                : new IncomingRecord(cr.topic(), cr.partition(), cr.offset(), cr.key(), cr.value(), decoded,
                        statement.rowFingerprint(), signature);
        String keyId = verification == null ? null : verification.keyId().hex();
        if (!origin.equals(decoded.origin())) {
            return new Outcome(null, null, in.reject(RejectReason.WRONG_ORIGIN.wireName(), "record of origin '"
                    + abbreviate(decoded.origin()) + "' on a mirror of origin '" + origin + "': " + in.describe(), keyId));
        }
        if (topicEntity.isEmpty() || !topicEntity.get().name().equals(decoded.entity())) {
            // A record on another entity's topic would be compacted against the wrong rows.
            return new Outcome(null, null, in.reject(RejectedRecord.WRONG_TOPIC, "record of entity '"
                    + decoded.entity() + "' on topic " + cr.topic() + ", which carries "
                    + topicEntity.map(EntityType::name).orElse("no entity") + ": " + in.describe(), keyId));
        }
        if (statement != null) {
            String disagreement = disagreement(statement, decoded, cr.key());
            if (disagreement != null) {
                return new Outcome(null, null, in.reject(RejectReason.MALFORMED.wireName(), disagreement + ": "
                        + in.describe(), keyId));
            }
        }
        return new Outcome(in, null, null);
    }

    /**
     * Where the signed statement and the wire format's reading of the same bytes differ, or the
     * Kafka key is not the key the value names; null when they agree. Both read one JSON value, so
     * this holds for every record a sidecar signs; a record that breaks it would be applied as
     * something other than what was signed, or could not be rebuilt from its row.
     */
    static String disagreement(RecordStatement s, NeutralRecord r, byte[] kafkaKey) {
        SourcePosition p = r.position();
        BinlogPosition b = s.position();
        if (!s.entity().equals(r.entity()) || !s.op().wireName().equals(r.op().wireName()) || s.epoch() != p.epoch()
                || !b.file().equals(p.file()) || b.pos() != p.pos() || b.event() != p.event() || b.row() != p.row()) {
            return "the signed statement (" + s + ") and the wire format's reading of the value disagree";
        }
        if (!Arrays.equals(kafkaKey, WireFormat.encodeKey(r))) {
            return "the Kafka key is not the key its value names";
        }
        return null;
    }

    private Outcome refused(ConsumerRecord<byte[], byte[]> cr, RecordVerification v, Optional<EntityType> topicEntity,
            byte[] signature) {
        RecordStatement s = v.statement();
        String entity = topicEntity.map(EntityType::name).orElse(null);
        String position = null;
        if (s != null) {
            entity = s.entity();
            position = (s.epoch() == 0 ? "" : "e" + s.epoch() + ":") + s.position();
        } else if (cr.value() != null) {
            // Only to describe the reject: nothing of a record that failed is believed or applied.
            try {
                NeutralRecord described = WireFormat.decode(cr.value());
                entity = described.entity();
                position = described.position().toString();
            } catch (WireFormatException | IllegalArgumentException e) {
                // left undescribed
            }
        }
        String key = cr.key() == null ? null : new String(cr.key(), StandardCharsets.UTF_8);
        return new Outcome(null, null, RejectedRecord.of(RejectedRecord.RECORD, cr.topic(), cr.partition(), cr.offset(),
                v.reason().wireName(), v.reason() == RejectReason.MALFORMED ? abbreviate(v.detail()) : v.detail(),
                entity, key, position,
                v.keyId() == null ? null : v.keyId().hex(), cr.key(), cr.value(), signature, false));
    }

    /** This thread's CPU time; -1 where the JVM does not measure it. */
    private static long threadCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "(no message)";
        }
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }
}
