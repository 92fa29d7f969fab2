package org.herd.sidecar.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.herd.kafka.KafkaConnection;

/**
 * Which Gazelle tables this sidecar has captured, as recorded in its compacted state topic
 * ({@code <prefix>._sidecar-state}): one record per table, key {@code table:<name>}, value
 * {@code {"table":...,"captured":true|false,"reason":...,"at":...}}. A table counts as captured
 * once its rows have been snapshotted or an onboarding snapshot has been asked for, and as gone
 * once it left the replicated set: adding it back later onboards it again.
 *
 * @param recorded per table, whether it is recorded as captured (true) or gone (false)
 */
public record CapturedTables(Map<String, Boolean> recorded) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_PREFIX = "table:";

    public CapturedTables {
        recorded = Map.copyOf(recorded);
    }

    /**
     * What start-up does about the replicated set.
     *
     * @param onboard             tables captured now but not recorded: snapshot them on their own
     *                            (an incremental snapshot signal) while the stream goes on
     * @param gone                tables recorded as captured that are no longer: record them gone
     * @param recordNow           tables to record as captured right away
     * @param recordAfterSnapshot tables to record as captured once the snapshot Debezium is about
     *                            to take (first start, re-snapshot) has completed
     */
    public record Plan(List<String> onboard, List<String> gone, List<String> recordNow,
            List<String> recordAfterSnapshot) {
    }

    /**
     * @param hasOffsets  whether Debezium has stored offsets (false: first start, it snapshots all)
     * @param snapshotAll whether Debezium will snapshot every table anyway (lost history)
     * @param captured    the tables captured from now on
     */
    public Plan plan(boolean hasOffsets, boolean snapshotAll, Collection<String> captured) {
        Set<String> now = new TreeSet<>(captured);
        List<String> gone = recorded.entrySet().stream().filter(e -> e.getValue() && !now.contains(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
        if (!hasOffsets || snapshotAll) {
            return new Plan(List.of(), gone, List.of(), List.copyOf(now));
        }
        if (recorded.isEmpty()) {
            // Offsets but no record: a sidecar from before this bookkeeping, or one whose first
            // snapshot ended without its record being written. Debezium has (or will finish) the
            // snapshot of what it captures; recording it is all there is to do.
            return new Plan(List.of(), gone, List.copyOf(now), List.of());
        }
        List<String> onboard = now.stream().filter(t -> !Boolean.TRUE.equals(recorded.get(t))).toList();
        return new Plan(onboard, gone, onboard, List.of());
    }

    /** The latest record of every table in the state topic's records. */
    static CapturedTables from(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Boolean> recorded = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.key() == null) {
                continue;
            }
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (!key.startsWith(KEY_PREFIX)) {
                continue;
            }
            String table = key.substring(KEY_PREFIX.length());
            if (r.value() == null) {
                recorded.remove(table);
                continue;
            }
            try {
                JsonNode value = JSON.readTree(r.value());
                recorded.put(table, value.path("captured").asBoolean(false));
            } catch (IOException e) {
                throw new IllegalStateException("the sidecar state record of table " + table + " (offset "
                        + r.offset() + ") is not JSON: " + e.getMessage(), e);
            }
        }
        return new CapturedTables(recorded);
    }

    public static CapturedTables read(KafkaConnection kafka, String topic) {
        return from(TopicContents.readAll(kafka, topic));
    }

    /** Records each table as captured or gone and waits for Kafka's acknowledgement. */
    public static void record(Producer<byte[], byte[]> producer, String topic, Collection<String> tables,
            boolean captured, String reason) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        String at = Instant.now().toString();
        for (String table : tables) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("table", table);
            value.put("captured", captured);
            value.put("reason", reason);
            value.put("at", at);
            try {
                acks.add(producer.send(new ProducerRecord<>(topic, (KEY_PREFIX + table).getBytes(StandardCharsets.UTF_8),
                        JSON.writeValueAsBytes(value))));
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode the state record of " + table, e);
            }
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new IllegalStateException("could not record tables " + tables + " in " + topic + ": " + cause,
                        cause);
            }
        }
    }
}
