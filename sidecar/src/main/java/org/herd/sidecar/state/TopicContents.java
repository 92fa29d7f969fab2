package org.herd.sidecar.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.herd.kafka.KafkaConnection;

/**
 * Reads a small topic from its beginning to its current end, without a consumer group: the
 * sidecar's own state (Debezium's offsets, the captured tables) before capture starts.
 */
final class TopicContents {

    private TopicContents() {
    }

    /** Every record now in {@code topic}, in partition order; empty if the topic does not exist. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConnection kafka, String topic) {
        Map<String, Object> config = kafka.consumer(Map.of(), Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "herd-sidecar-state-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(60));
            List<PartitionInfo> partitions = topics.get(topic);
            if (partitions == null) {
                return records;
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(60)) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 2 minutes");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
