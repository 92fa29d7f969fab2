package org.herd.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    @Test
    void givenLogDirIsReusedByANewInstance(@TempDir Path dir) throws Exception {
        String clusterId;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
            clusterId = kafka.clusterId();
            kafka.createTopic("kept", 1, true);
            send(kafka, "kept", "k", "v");
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            assertThat(readAll(kafka, "kept", 1)).containsExactly("k=v");
            try (var admin = kafka.admin()) {
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "kept");
                String policy = admin.describeConfigs(List.of(topic)).all().get().get(topic)
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                assertThat(policy).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            }
        }
    }

    @Test
    void temporaryLogDirIsDeletedOnClose() {
        Path logDir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(null)) {
            logDir = kafka.logDir();
            assertThat(logDir.resolve("meta.properties")).exists();
        }
        assertThat(logDir).doesNotExist();
    }

    static void send(EmbeddedKafka kafka, String topic, String key, String value)
            throws InterruptedException, ExecutionException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Reads a topic from the beginning until {@code expected} records arrived, as "key=value". */
    static List<String> readAll(EmbeddedKafka kafka, String topic, int expected) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
                return seen.size() >= expected;
            });
        }
        return seen;
    }
}
