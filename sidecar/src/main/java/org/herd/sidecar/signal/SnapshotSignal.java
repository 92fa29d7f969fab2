package org.herd.sidecar.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.herd.translator.wire.TopicNames;

/**
 * A request for an incremental snapshot of some Gazelle tables, or of some rows of them, as a
 * Debezium {@code execute-snapshot} signal on the sidecar's signal topic. The sidecar's capture
 * reads it between binlog events and publishes the rows as reads while the stream keeps flowing;
 * mirrors apply them by position like any other record.
 *
 * @param id      the signal's id, in the sidecar's log when it runs
 * @param tables  Gazelle tables to snapshot, in order
 * @param filters per table, an SQL condition that narrows the snapshot to some rows (absent:
 *                the whole table)
 */
public record SnapshotSignal(String id, List<String> tables, Map<String, String> filters) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SnapshotSignal {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a snapshot signal names at least one table");
        }
        tables = List.copyOf(tables);
        filters = Map.copyOf(filters);
        if (!tables.containsAll(filters.keySet())) {
            throw new IllegalArgumentException("filters for tables the signal does not name: " + filters.keySet());
        }
    }

    /** Whole tables. */
    public static SnapshotSignal of(List<String> tables) {
        return new SnapshotSignal(UUID.randomUUID().toString(), tables, Map.of());
    }

    /** Some rows of some tables. */
    public static SnapshotSignal of(Map<String, String> filters) {
        return new SnapshotSignal(UUID.randomUUID().toString(), new ArrayList<>(filters.keySet()), filters);
    }

    /** The signal's value, with tables named {@code database.table} as the connector knows them. */
    public byte[] toJson(String database) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("data-collections", tables.stream().map(t -> database + "." + t).toList());
        data.put("type", "incremental");
        if (!filters.isEmpty()) {
            data.put("additional-conditions", filters.entrySet().stream()
                    .map(e -> Map.of("data-collection", database + "." + e.getKey(), "filter", e.getValue()))
                    .toList());
        }
        Map<String, Object> signal = new LinkedHashMap<>();
        signal.put("id", id);
        signal.put("type", "execute-snapshot");
        signal.put("data", data);
        try {
            return JSON.writeValueAsBytes(signal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode snapshot signal " + id, e);
        }
    }

    /**
     * Sends the signal and waits for Kafka to acknowledge it. The key is the origin: Debezium's
     * Kafka channel acts only on signals keyed with its connector's topic prefix, which Herd sets
     * to the origin.
     */
    public void send(Producer<byte[], byte[]> producer, String topicPrefix, String origin, String database)
            throws InterruptedException {
        try {
            Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(TopicNames.signalTopic(topicPrefix),
                    origin.getBytes(StandardCharsets.UTF_8), toJson(database)));
            // The sidecar's producer lingers long (its batches end with a flush); do not wait for that.
            producer.flush();
            ack.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("could not send snapshot signal " + id + " for " + tables + " to "
                    + TopicNames.signalTopic(topicPrefix) + ": " + cause, cause);
        }
    }
}
