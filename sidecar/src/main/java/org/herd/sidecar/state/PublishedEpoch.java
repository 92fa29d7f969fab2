package org.herd.sidecar.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;

/**
 * The epoch the sidecar last published under, as recorded in its compacted state topic
 * ({@code <prefix>._sidecar-state}) beside the captured tables: key {@code epoch}, value
 * {@code {"epoch":1,"key_id":"…","at":"…"}} ({@code key_id} null when unsigned). It is recorded at
 * start-up, before capture starts, whenever it differs from the one recorded; a start under another
 * epoch than the recorded one snapshots every table again (see {@code CaptureStart}).
 *
 * @param epoch the epoch; 0 for a sidecar that did not sign
 * @param keyId the id of the key that signed under it, null when unsigned
 */
public record PublishedEpoch(long epoch, String keyId) {

    static final String KEY = "epoch";
    private static final String WHAT = "the epoch";

    /**
     * The latest epoch recorded among the state topic's records; empty when none is (a first
     * start, or a sidecar from before epochs were recorded).
     */
    static Optional<PublishedEpoch> from(List<ConsumerRecord<byte[], byte[]>> records) {
        return StateRecord.latest(records, KEY, WHAT).map(r -> {
            JsonNode v = r.value();
            if (!v.path("epoch").isIntegralNumber() || !v.path("epoch").canConvertToLong()) {
                throw r.malformed(WHAT, "integer epoch");
            }
            return new PublishedEpoch(v.get("epoch").asLong(), v.hasNonNull("key_id") ? v.get("key_id").asText() : null);
        });
    }

    /** Records this epoch and waits for Kafka's acknowledgement. */
    void record(Producer<byte[], byte[]> producer, String topic) throws InterruptedException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("epoch", epoch);
        value.put("key_id", keyId);
        value.put("at", Instant.now().toString());
        StateRecord.write(producer, topic, KEY, value, "epoch " + epoch);
    }

    @Override
    public String toString() {
        return "epoch " + epoch + (keyId == null ? " (unsigned)" : " (key " + keyId + ")");
    }
}
