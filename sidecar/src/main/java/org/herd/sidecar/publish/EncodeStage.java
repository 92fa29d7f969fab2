package org.herd.sidecar.publish;

import java.util.HashMap;
import java.util.Map;
import org.herd.translator.NeutralRecord;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.translator.wire.WireFormat;

/**
 * Encode: a neutral record becomes the bytes mirrors read ({@link WireFormat}: the key, the
 * {@code herd/1} value) addressed to its entity's compacted topic {@code <prefix>.<entity>}.
 */
final class EncodeStage {

    /** Topic per entity name. */
    private final Map<String, String> topics = new HashMap<>();

    EncodeStage(String topicPrefix) {
        for (EntityType e : NeutralSchema.entities()) {
            topics.put(e.name(), TopicNames.entityTopic(topicPrefix, e));
        }
    }

    EncodedRecord encode(TranslatedRecord translated) {
        NeutralRecord record = translated.record();
        String topic = topics.get(record.entity());
        if (topic == null) {
            throw new IllegalArgumentException("no topic for entity " + record.entity() + ": the neutral schema "
                    + "has " + topics.keySet());
        }
        return new EncodedRecord(topic, WireFormat.encodeKey(record), WireFormat.encode(record), Map.of(), record,
                translated.change());
    }
}
