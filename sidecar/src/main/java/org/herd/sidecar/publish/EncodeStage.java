package org.herd.sidecar.publish;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.herd.translator.NeutralRecord;
import org.herd.translator.RowChange;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.translator.wire.WireFormat;

/**
 * Encode: a neutral record becomes the bytes mirrors read ({@link WireFormat}: the key, the
 * {@code herd/1} value) addressed to its entity's compacted topic {@code <prefix>.<entity>}. A record
 * that cannot be encoded goes to the quarantine under the row it came from; the change's other
 * records go on.
 */
final class EncodeStage {

    /** Topic per entity name. */
    private final Map<String, String> topics = new HashMap<>();
    private final Quarantine quarantine;

    EncodeStage(String topicPrefix, Quarantine quarantine) {
        this.quarantine = quarantine;
        for (EntityType e : NeutralSchema.entities()) {
            topics.put(e.name(), TopicNames.entityTopic(topicPrefix, e));
        }
    }

    /** The record as bytes for its topic; empty when it cannot be encoded (then it is quarantined). */
    Optional<EncodedRecord> encode(TranslatedRecord translated) {
        NeutralRecord record = translated.record();
        try {
            String topic = topics.get(record.entity());
            if (topic == null) {
                throw new IllegalArgumentException("no topic for entity " + record.entity() + ": the neutral schema "
                        + "has " + topics.keySet());
            }
            RowChange change = translated.change();
            return Optional.of(new EncodedRecord(topic, WireFormat.encodeKey(record), WireFormat.encode(record),
                    Map.of(), RecordFacts.of(record, change, quarantine.sourceKey(change))));
        } catch (RuntimeException e) {
            // A defect rather than bad data: the mapping made a value the wire format cannot carry.
            quarantine.change(translated.change(), e);
            return Optional.empty();
        }
    }
}
