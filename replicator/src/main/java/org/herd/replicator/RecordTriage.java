package org.herd.replicator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.herd.translator.NeutralRecord;
import org.herd.translator.schema.EntityType;
import org.herd.translator.wire.WireFormat;
import org.herd.translator.wire.UnsupportedFormatException;
import org.herd.translator.wire.WireFormatException;

/**
 * Turns what a poll returned into a {@link MirrorBatch}: decodes every record and sets aside, with
 * a reason, the ones this mirror must not apply. Nothing here throws for bad input; a bad record
 * is quarantined and the rest of the stream goes on.
 */
public final class RecordTriage {

    /** Longest text taken over from a record into a reason, so that a hostile record cannot flood logs. */
    private static final int MAX_QUOTED = 160;

    private final String origin;
    private final MirrorTopics topics;

    public RecordTriage(String origin, MirrorTopics topics) {
        this.origin = origin;
        this.topics = topics;
    }

    public MirrorBatch triage(Iterable<ConsumerRecord<byte[], byte[]>> polled) {
        List<IncomingRecord> records = new ArrayList<>();
        List<QuarantinedRecord> quarantined = new ArrayList<>();
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> cr : polled) {
            nextOffsets.merge(new TopicPartition(cr.topic(), cr.partition()), cr.offset() + 1, Math::max);
            String where = "topic " + cr.topic() + " partition " + cr.partition() + " offset " + cr.offset();
            NeutralRecord decoded;
            try {
                decoded = WireFormat.decode(cr.value());
            } catch (WireFormatException e) {
                String message = e.getMessage() == null ? "" : e.getMessage();
                // A format this reader does not know is a newer sidecar, not garbage: a replay after
                // the mirror is upgraded applies it.
                String kind = e instanceof UnsupportedFormatException ? QuarantinedRecord.UNSUPPORTED_FORMAT
                        : QuarantinedRecord.UNDECODABLE;
                quarantined.add(new QuarantinedRecord(cr.topic(), cr.partition(), cr.offset(), cr.key(), cr.value(),
                        "undecodable record at " + where + ": " + abbreviate(message), kind,
                        topics.entityOf(cr.topic()).map(EntityType::name).orElse(null), null, null));
                continue;
            }
            IncomingRecord in = new IncomingRecord(cr.topic(), cr.partition(), cr.offset(), cr.key(), cr.value(),
                    decoded);
            if (!origin.equals(decoded.origin())) {
                quarantined.add(in.quarantine(QuarantinedRecord.WRONG_ORIGIN, "record of origin '" + abbreviate(decoded.origin())
                        + "' on a mirror of origin '" + origin + "': " + in.describe()));
                continue;
            }
            Optional<EntityType> topicEntity = topics.entityOf(cr.topic());
            if (topicEntity.isEmpty() || !topicEntity.get().name().equals(decoded.entity())) {
                // A record on another entity's topic would be compacted against the wrong rows.
                quarantined.add(in.quarantine(QuarantinedRecord.WRONG_TOPIC, "record of entity '" + decoded.entity() + "' on topic "
                        + cr.topic() + ", which carries " + topicEntity.map(EntityType::name).orElse("no entity")
                        + ": " + in.describe()));
                continue;
            }
            records.add(in);
        }
        return new MirrorBatch(records, quarantined, nextOffsets);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "(no message)";
        }
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }
}
