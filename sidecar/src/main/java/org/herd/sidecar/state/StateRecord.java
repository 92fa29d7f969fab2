package org.herd.sidecar.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * One JSON record of the sidecar's compacted state topic under a fixed key (the epoch, the
 * text-scrub fingerprints): the latest one read back, and one written.
 *
 * @param value  the record's JSON value
 * @param offset where it was read, for messages
 */
record StateRecord(JsonNode value, long offset) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The latest record of {@code key} among the state topic's records; empty when there is none or
     * the latest is a Kafka tombstone.
     *
     * @param what what the record holds, for messages ("the epoch")
     * @throws IllegalStateException naming {@code what} and the offset when the latest is not JSON
     */
    static Optional<StateRecord> latest(List<ConsumerRecord<byte[], byte[]>> records, String key, String what) {
        ConsumerRecord<byte[], byte[]> latest = null;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                latest = r;
            }
        }
        if (latest == null || latest.value() == null) {
            return Optional.empty();
        }
        try {
            JsonNode v = JSON.readTree(latest.value());
            if (v == null) {
                throw new IOException("empty");
            }
            return Optional.of(new StateRecord(v, latest.offset()));
        } catch (IOException e) {
            throw new IllegalStateException("the sidecar state record of " + what + " (offset " + latest.offset()
                    + ") is not JSON: " + e.getMessage(), e);
        }
    }

    /** The error for a record of {@code what} that lacks what it must hold. */
    IllegalStateException malformed(String what, String lacking) {
        return new IllegalStateException("the sidecar state record of " + what + " (offset " + offset + ") has no "
                + lacking);
    }

    /** Writes {@code value} under {@code key} and waits for Kafka's acknowledgement. */
    static void write(Producer<byte[], byte[]> producer, String topic, String key, Map<String, Object> value,
            String what) throws InterruptedException {
        try {
            var ack = producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                    JSON.writeValueAsBytes(value)));
            producer.flush();
            ack.get(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the state record of " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("could not record " + what + " in " + topic + ": " + cause, cause);
        }
    }
}
