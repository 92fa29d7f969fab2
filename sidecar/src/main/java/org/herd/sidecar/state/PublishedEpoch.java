package org.herd.sidecar.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

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

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "epoch";

    /**
     * The latest epoch recorded among the state topic's records; empty when none is (a first
     * start, or a sidecar from before epochs were recorded).
     */
    static Optional<PublishedEpoch> from(List<ConsumerRecord<byte[], byte[]>> records) {
        Optional<PublishedEpoch> latest = Optional.empty();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.key() == null || !KEY.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                continue;
            }
            if (r.value() == null) {
                latest = Optional.empty();
                continue;
            }
            try {
                JsonNode v = JSON.readTree(r.value());
                if (v == null || !v.path("epoch").canConvertToLong() || !v.path("epoch").isIntegralNumber()) {
                    throw new IllegalStateException("the sidecar state record of the epoch (offset " + r.offset()
                            + ") has no integer epoch");
                }
                latest = Optional.of(new PublishedEpoch(v.get("epoch").asLong(),
                        v.hasNonNull("key_id") ? v.get("key_id").asText() : null));
            } catch (IOException e) {
                throw new IllegalStateException("the sidecar state record of the epoch (offset " + r.offset()
                        + ") is not JSON: " + e.getMessage(), e);
            }
        }
        return latest;
    }

    /** Records this epoch and waits for Kafka's acknowledgement. */
    void record(Producer<byte[], byte[]> producer, String topic) throws InterruptedException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("epoch", epoch);
        value.put("key_id", keyId);
        value.put("at", Instant.now().toString());
        try {
            var ack = producer.send(new ProducerRecord<>(topic, KEY.getBytes(StandardCharsets.UTF_8),
                    JSON.writeValueAsBytes(value)));
            producer.flush();
            ack.get(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the epoch record", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("could not record epoch " + epoch + " in " + topic + ": " + cause, cause);
        }
    }

    @Override
    public String toString() {
        return "epoch " + epoch + (keyId == null ? " (unsigned)" : " (key " + keyId + ")");
    }
}
