package org.herd.replicator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.EntityType;
import org.herd.translator.wire.UnsupportedFormatException;
import org.herd.translator.wire.WireFormat;
import org.herd.translator.wire.WireFormatException;
import org.herd.trust.BinlogPosition;
import org.herd.trust.RecordEnvelope;
import org.herd.trust.RecordOp;
import org.herd.trust.RecordStatement;
import org.herd.trust.RecordVerification;
import org.herd.trust.RejectReason;
import org.herd.trust.SignatureHeaders;

/**
 * Turns what a poll of the entity topics returned into a {@link MirrorBatch}: verifies and decodes
 * every record and sets aside, with a reason, the ones this mirror must not apply. Nothing here
 * throws for bad input; a bad record is refused or quarantined and the rest of the stream goes on.
 *
 * <p>Each record is read once: its headers in one walk, for the verifier and for the signature
 * stored with the row, and its value by the wire format's strict reader
 * ({@link WireFormat#decodeStrict}), whose reading also gives the verifier the members the
 * signature names ({@link #envelope}), so that the value is not parsed a second time. A value that
 * reader does not take is read as before: by the verifier's own reader, then by
 * {@link WireFormat#decode}. Nothing read is believed before the signature verifies.
 *
 * <p>A record is checked in this order, and the first failure decides:
 * <ol>
 *   <li>On a mirror that verifies, its signature, through {@link org.herd.trust.OriginVerifier}
 *       against the current trust root: a record that fails is refused with the verifier's reason
 *       ({@code unsigned}, {@code malformed_headers}, {@code unknown_key}, {@code revoked_key},
 *       {@code malformed}, {@code bad_signature}, {@code wrong_origin}, {@code wrong_epoch}) before
 *       anything else is checked.</li>
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
     * which would cost a measurable part of what they measure. The values are read before that
     * pass, so that it counts checking signatures, not reading records, which every mirror does.
     */
    public MirrorBatch triage(Iterable<ConsumerRecord<byte[], byte[]>> polled) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        polled.forEach(all::add);
        Read[] read = new Read[all.size()];
        for (int i = 0; i < read.length; i++) {
            read[i] = Read.of(all.get(i));
        }
        RecordVerification[] verified = null;
        long verifyCpuNanos = 0;
        if (trust.verifying()) {
            verified = new RecordVerification[all.size()];
            long before = threadCpuNanos();
            for (int i = 0; i < verified.length; i++) {
                verified[i] = verify(all.get(i), read[i]);
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
            Outcome o = check(cr, read[i], verified == null ? null : verified[i]);
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
        Read read = Read.of(cr);
        return check(cr, read, trust.verifying() ? verify(cr, read) : null);
    }

    /**
     * What is read of a record before it is checked, once: its signature headers, their stored
     * form, and its value as the strict reader reads it.
     *
     * @param headers   the signature headers, for the verifier
     * @param signature their stored form ({@link StoredSignature}), or null
     * @param strict    the value by {@link WireFormat#decodeStrict}; null when that reader does not take it
     */
    private record Read(SignatureHeaders headers, byte[] signature, NeutralRecord strict) {

        static Read of(ConsumerRecord<byte[], byte[]> cr) {
            SignatureHeaders headers = StoredSignature.collect(cr.headers());
            return new Read(headers, StoredSignature.of(headers), WireFormat.decodeStrict(cr.value()));
        }

        /** The decoded value: the strict reading, or else {@link WireFormat#decode}'s, which may throw. */
        NeutralRecord decoded(ConsumerRecord<byte[], byte[]> cr) {
            return strict != null ? strict : WireFormat.decode(cr.value());
        }
    }

    private RecordVerification verify(ConsumerRecord<byte[], byte[]> cr, Read read) {
        return trust.verifier().verifyRecord(cr.key(), cr.value(), read.headers(), envelope(read.strict()));
    }

    /**
     * The members a record signature names, as {@link RecordEnvelope#read} would read them from a
     * value that {@link WireFormat#decodeStrict} read to {@code strict}; null when there is nothing
     * to give, or when the envelope reader must say what is wrong itself.
     *
     * <p>The strict reader takes no value with a member named twice at any depth, content after the
     * object, or a member of another type than the wire format's; it reads origin, entity, op and
     * the position's epoch, file, pos, event and row as the envelope reader does, and checks the
     * envelope reader's ranges but two: an epoch below 1 (absent or 0, the mark of a sidecar that
     * does not sign) and a file name the statement cannot hold. Those are left to the envelope
     * reader, which refuses them with its words. So a value gets an envelope here only if the
     * envelope reader reads the same one from it ({@code RecordEnvelopeParityTest}).
     */
    static RecordEnvelope envelope(NeutralRecord strict) {
        if (strict == null || strict.position().epoch() < 1) {
            return null;
        }
        SourcePosition p = strict.position();
        try {
            return new RecordEnvelope(strict.origin(), strict.entity(),
                    strict.op() == Operation.DELETE ? RecordOp.DELETE : RecordOp.UPSERT, p.epoch(),
                    new BinlogPosition(p.file(), p.pos(), p.event(), p.row()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The rest of the checks, after {@code verification}: the record's verification on a mirror
     * that verifies, null on one that does not.
     */
    private Outcome check(ConsumerRecord<byte[], byte[]> cr, Read read, RecordVerification verification) {
        Optional<EntityType> topicEntity = topics.entityOf(cr.topic());
        byte[] signature = read.signature();
        if (verification != null && !verification.verified()) {
            return refused(cr, read, verification, topicEntity, signature);
        }
        NeutralRecord decoded;
        try {
            decoded = read.decoded(cr);
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
        if (!WireFormat.isKeyOf(kafkaKey, r)) {
            return "the Kafka key is not the key its value names";
        }
        return null;
    }

    private Outcome refused(ConsumerRecord<byte[], byte[]> cr, Read read, RecordVerification v,
            Optional<EntityType> topicEntity, byte[] signature) {
        RecordStatement s = v.statement();
        String entity = topicEntity.map(EntityType::name).orElse(null);
        String position = null;
        if (s != null) {
            entity = s.entity();
            position = (s.epoch() == 0 ? "" : "e" + s.epoch() + ":") + s.position();
        } else if (cr.value() != null) {
            // Only to describe the reject: nothing of a record that failed is believed or applied.
            try {
                NeutralRecord described = read.decoded(cr);
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
