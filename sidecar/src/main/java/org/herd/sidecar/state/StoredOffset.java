package org.herd.sidecar.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.herd.kafka.KafkaConnection;

/**
 * The binlog position Debezium stored for this sidecar's connector in the offsets topic, read
 * before capture starts. Kafka Connect stores offsets as JSON: the key
 * {@code ["<connector name>",{"server":"<topic.prefix>"}]}, the value the binlog connector's
 * source offset, e.g. {@code {"file":"mysql-bin.000003","pos":1234,"gtids":"0-1-42","row":1,
 * "event":2,"ts_sec":...}} (with {@code "snapshot"} while an initial snapshot is under way); a
 * null value deletes it.
 *
 * @param file     binlog file the connector resumes in
 * @param pos      position within it
 * @param gtids    the GTID set it had seen, if the server uses GTIDs (else null)
 * @param snapshot whether the stored offset is inside an unfinished initial snapshot
 */
public record StoredOffset(String file, long pos, String gtids, boolean snapshot, Key key) {

    /** Where the offset is stored: its exact key bytes and partition, to remove it by. */
    public record Key(byte[] bytes, int partition) {
    }

    public StoredOffset(String file, long pos, String gtids, boolean snapshot) {
        this(file, pos, gtids, snapshot, null);
    }

    /**
     * Removes the stored offset (a null value under its key, as Kafka Connect's offset reset
     * writes it), so that Debezium starts as on a first start: with a snapshot of every captured
     * table. Waits for Kafka's acknowledgement.
     */
    public void forget(org.apache.kafka.clients.producer.Producer<byte[], byte[]> producer, String offsetsTopic)
            throws InterruptedException {
        try {
            var ack = producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(offsetsTopic,
                    key.partition(), key.bytes(), null));
            producer.flush();
            ack.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not remove the stored offset " + this + " from " + offsetsTopic
                    + ": " + e, e);
        }
    }

    /**
     * Stores a binlog position for the connector, past any snapshot, as Kafka Connect stores one
     * (the same converter, so the key's bytes are the ones Debezium looks up), and waits for Kafka's
     * acknowledgement: Debezium then streams from it. The sidecar's own snapshot stores the position
     * it read at only after every row of it has been acknowledged.
     *
     * @param server the connector's {@code topic.prefix}, the {@code server} of its offset key
     * @param gtids  the GTID state at the position (MariaDB's binlog client asks for the stream by
     *               it), or null
     */
    public static void store(org.apache.kafka.clients.producer.Producer<byte[], byte[]> producer, String offsetsTopic,
            String connectorName, String server, String file, long pos, String gtids) throws InterruptedException {
        org.apache.kafka.connect.json.JsonConverter converter = new org.apache.kafka.connect.json.JsonConverter();
        converter.configure(java.util.Map.of("schemas.enable", "false", "converter.type", "key"));
        byte[] key = converter.fromConnectData(offsetsTopic, null, List.of(connectorName, java.util.Map.of("server",
                server)));
        java.util.Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("ts_sec", System.currentTimeMillis() / 1000);
        value.put("file", file);
        value.put("pos", pos);
        if (gtids != null) {
            value.put("gtids", gtids);
        }
        byte[] bytes = converter.fromConnectData(offsetsTopic, null, value);
        try {
            var ack = producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(offsetsTopic, key, bytes));
            producer.flush();
            ack.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not store the binlog position " + file + ":" + pos + " in "
                    + offsetsTopic + ": " + e, e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String toString() {
        return file + ":" + pos;
    }

    /** The connector's latest stored offset, if it has one. */
    public static Optional<StoredOffset> read(KafkaConnection kafka, String offsetsTopic, String connectorName) {
        return latest(TopicContents.readAll(kafka, offsetsTopic), connectorName);
    }

    /** The last offset stored under {@code connectorName}; a later null value removes it. */
    static Optional<StoredOffset> latest(List<ConsumerRecord<byte[], byte[]>> records, String connectorName) {
        Optional<StoredOffset> latest = Optional.empty();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.key() == null || !connectorName.equals(connectorOf(r.key()))) {
                continue;
            }
            Key key = new Key(r.key(), r.partition());
            latest = r.value() == null ? Optional.empty() : parse(r.value()).map(o -> new StoredOffset(o.file(),
                    o.pos(), o.gtids(), o.snapshot(), key));
        }
        return latest;
    }

    static String connectorOf(byte[] key) {
        try {
            JsonNode node = JSON.readTree(key);
            return node.isArray() && node.size() > 0 ? node.get(0).asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static Optional<StoredOffset> parse(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || !node.hasNonNull("file")) {
                return Optional.empty();
            }
            JsonNode snapshot = node.get("snapshot");
            boolean inSnapshot = snapshot != null && !snapshot.isNull()
                    && !"false".equalsIgnoreCase(snapshot.asText()) && !"last".equalsIgnoreCase(snapshot.asText());
            return Optional.of(new StoredOffset(node.get("file").asText(), node.path("pos").asLong(),
                    node.hasNonNull("gtids") ? node.get("gtids").asText() : null, inSnapshot));
        } catch (IOException e) {
            throw new IllegalStateException("the stored Debezium offset is not JSON: " + e.getMessage(), e);
        }
    }
}
