package org.herd.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads whole topics: every record up to the end offsets at the time of the call, from the
 * beginning, without a committed consumer group (nothing is left behind on the broker).
 */
public final class KafkaTopicReader {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private KafkaTopicReader() {
    }

    /** Every topic on the cluster, internal ones included. */
    public static Set<String> allTopics(String bootstrap) {
        return allTopics(KafkaConnection.of(bootstrap));
    }

    /** Every topic on the cluster, internal ones included. */
    public static Set<String> allTopics(KafkaConnection kafka) {
        try (Admin admin = Admin.create(kafka.admin())) {
            return new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get());
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not list the topics of " + kafka.describe() + ": " + e.getCause(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted listing the topics of " + kafka.describe(), e);
        }
    }

    /** Every topic on the cluster whose name starts with {@code prefix}. */
    public static Set<String> topicsStartingWith(String bootstrap, String prefix) {
        Set<String> topics = allTopics(bootstrap);
        topics.removeIf(t -> !t.startsWith(prefix));
        return topics;
    }

    /** Every record of {@code topics}, in memory: for small topics. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConnection kafka, Collection<String> topics) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        forEach(kafka, topics, DEFAULT_TIMEOUT, out::add);
        return out;
    }

    /** Every record of {@code topics}, in memory: for small topics. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, Collection<String> topics) {
        return readAll(KafkaConnection.of(bootstrap), topics);
    }

    /** {@link #forEach(KafkaConnection, Collection, Duration, Consumer)} on a plaintext cluster. */
    public static long forEach(String bootstrap, Collection<String> topics, Duration timeout,
            Consumer<ConsumerRecord<byte[], byte[]>> action) {
        return forEach(KafkaConnection.of(bootstrap), topics, timeout, action);
    }

    /**
     * Hands every record of {@code topics} to {@code action}, partition by partition in offset
     * order.
     *
     * @return how many records were read
     * @throws IllegalStateException when the topics cannot be read to their end within
     *         {@code timeout}: a scan that stopped early must not pass for a complete one
     */
    public static long forEach(KafkaConnection kafka, Collection<String> topics, Duration timeout,
            Consumer<ConsumerRecord<byte[], byte[]>> action) {
        Map<String, Object> config = kafka.consumer(Map.of(
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024 * 1024,
                        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024),
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, "herd-verify-" + UUID.randomUUID()));
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            Set<String> existing = consumer.listTopics().keySet();
            for (String topic : topics) {
                if (existing.contains(topic)) {
                    consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topics + " to their end within " + timeout
                            + " (" + read + " records read)");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        action.accept(r);
                        read++;
                    }
                }
            }
        }
        return read;
    }
}
