package org.herd.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * MirrorMaker 2 between two embedded clusters: topics arrive under the same names with their
 * partitions, compaction and size limit, records with their keys, values and headers byte for
 * byte, large ones included; excluded topics stay behind; and the hostile hooks do what they
 * say on the relay's cluster.
 */
class EmbeddedRelayIT {

    private static final String PREFIX = "herd.relayed";
    private static final String RELEASE = PREFIX + ".release";
    private static final String QUARANTINE = PREFIX + "._quarantine";
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void relaysTopicsByteForByteLeavesExcludedOnesBehindAndWithholdsWhatItIsToldTo() throws Exception {
        byte[] withheldKey = bytes("{\"id\":\"withheld\"}");
        try (EmbeddedKafka origin = EmbeddedKafka.start(null)) {
            try (Admin admin = origin.admin()) {
                admin.createTopics(List.of(
                        new NewTopic(RELEASE, 2, (short) 1).configs(Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024))),
                        new NewTopic(QUARANTINE, 1, (short) 1))).all().get();
            }
            byte[] everyByte = new byte[256];
            for (int i = 0; i < everyByte.length; i++) {
                everyByte[i] = (byte) i;
            }
            ProducerRecord<byte[], byte[]> signed = new ProducerRecord<>(RELEASE, 1, bytes("{\"id\":1}"),
                    bytes("{\"title\":\"one\"}"));
            signed.headers().add("herd-key-id", bytes("ab".repeat(32)));
            signed.headers().add("herd-sig", everyByte);
            signed.headers().add("empty", new byte[0]);
            signed.headers().add("absent", null);
            signed.headers().add("twice", bytes("first"));
            signed.headers().add("twice", bytes("second"));
            byte[] large = new byte[3 * 1024 * 1024];
            Arrays.fill(large, (byte) 'x');
            try (KafkaProducer<byte[], byte[]> producer = producer(origin)) {
                producer.send(signed).get();
                producer.send(new ProducerRecord<>(QUARANTINE, bytes("q"), bytes("private to the origin"))).get();
                producer.send(new ProducerRecord<>(RELEASE, 0, withheldKey, bytes("{\"title\":\"withheld\"}"))).get();
                producer.send(new ProducerRecord<>(RELEASE, 0, bytes("{\"id\":\"large\"}"), large)).get();
            }

            try (EmbeddedRelay relay = EmbeddedRelay.from(origin.bootstrapServers(), Map.of())
                    .topics(PREFIX).excluding(List.of(QUARANTINE)).withholding(withheldKey).start()) {
                byte[] marker = bytes("{\"id\":\"marker-" + UUID.randomUUID() + "\"}");
                try (KafkaProducer<byte[], byte[]> producer = producer(origin)) {
                    producer.send(new ProducerRecord<>(RELEASE, 0, marker, bytes("{}"))).get();
                }

                List<ConsumerRecord<byte[], byte[]>> partition0 = relay.kafka().readUntil(
                        new TopicPartition(RELEASE, 0), keyIs(marker), WAIT);
                assertThat(partition0).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                        .containsExactly("{\"id\":\"large\"}", new String(marker, StandardCharsets.UTF_8));
                assertThat(partition0.get(0).value()).isEqualTo(large);

                ConsumerRecord<byte[], byte[]> copied = relay.kafka().readUntil(new TopicPartition(RELEASE, 1),
                        keyIs(signed.key()), WAIT).get(0);
                assertThat(copied.value()).isEqualTo(signed.value());
                assertThat(copied.timestamp()).isEqualTo(origin.readUntil(new TopicPartition(RELEASE, 1),
                        keyIs(signed.key()), WAIT).get(0).timestamp());
                assertThat(Arrays.asList(copied.headers().toArray())).extracting(Header::key)
                        .containsExactly("herd-key-id", "herd-sig", "empty", "absent", "twice", "twice");
                assertThat(copied.headers().lastHeader("herd-sig").value()).isEqualTo(everyByte);
                assertThat(copied.headers().lastHeader("herd-key-id").value()).isEqualTo(bytes("ab".repeat(32)));
                assertThat(copied.headers().lastHeader("empty").value()).isEmpty();
                assertThat(copied.headers().lastHeader("absent").value()).isNull();
                assertThat(copied.headers().headers("twice")).extracting(h -> new String(h.value(),
                        StandardCharsets.UTF_8)).containsExactly("first", "second");

                try (Admin admin = relay.kafka().admin()) {
                    assertThat(admin.listTopics().names().get()).contains(RELEASE).doesNotContain(QUARANTINE);
                    assertThat(admin.describeTopics(List.of(RELEASE)).allTopicNames().get().get(RELEASE).partitions())
                            .hasSize(2);
                    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, RELEASE);
                    Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
                    assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                            .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
                    assertThat(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()).isEqualTo("16777216");
                }
                assertThat(relay.mirrorMakerProperties())
                        .containsEntry("replication.policy.class",
                                "org.apache.kafka.connect.mirror.IdentityReplicationPolicy")
                        .containsEntry("origin->relay.topics", "herd\\.relayed\\..*")
                        .containsEntry("origin->relay.topics.exclude", "herd\\.relayed\\._quarantine");

                // The hostile hooks append to the relay's copy, after what came through.
                relay.alter(copied, value -> bytes("{\"title\":\"altered\"}"));
                relay.replay(copied);
                byte[] injected = bytes("{\"id\":\"injected\"}");
                relay.inject(new ProducerRecord<>(RELEASE, 1, injected, bytes("{}")));
                List<ConsumerRecord<byte[], byte[]>> partition1 = relay.kafka().readUntil(
                        new TopicPartition(RELEASE, 1), keyIs(injected), WAIT);
                assertThat(partition1).hasSize(4);
                ConsumerRecord<byte[], byte[]> altered = partition1.get(1);
                assertThat(altered.key()).isEqualTo(signed.key());
                assertThat(new String(altered.value(), StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"altered\"}");
                assertThat(altered.headers().lastHeader("herd-sig").value()).isEqualTo(everyByte);
                assertThat(partition1.get(2).value()).isEqualTo(signed.value());
                assertThat(partition1.get(2).headers().toArray()).hasSize(6);
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static Predicate<ConsumerRecord<byte[], byte[]>> keyIs(byte[] key) {
        return r -> Arrays.equals(r.key(), key);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
