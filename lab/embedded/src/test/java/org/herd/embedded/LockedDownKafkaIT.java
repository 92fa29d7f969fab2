package org.herd.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The locked-down broker: SCRAM logins, ACLs enforced, the administrator the only super user. */
class LockedDownKafkaIT {

    @Test
    void onlyKnownUsersLogInAndOnlyWhatAnAclAllowsIsAllowed(@TempDir Path dir) throws Exception {
        KafkaUsers users = KafkaUsers.withAdmin("admin").and("writer").and("stranger");
        try (EmbeddedKafka kafka = EmbeddedKafka.startLockedDown(dir, users)) {
            assertThat(kafka.isLockedDown()).isTrue();
            kafka.createTopic("t", 1, false);

            assertThatThrownBy(() -> send(kafka, KafkaUsers.clientProperties("writer", "not-the-password"), "t", "x"))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
            assertThatThrownBy(() -> send(kafka, users.clientProperties("writer"), "t", "x"))
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);

            try (Admin admin = kafka.admin()) {
                admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "t", PatternType.LITERAL),
                        new AccessControlEntry(KafkaUsers.principal("writer"), "*", AclOperation.WRITE,
                                AclPermissionType.ALLOW)))).all().get();
            }
            send(kafka, users.clientProperties("writer"), "t", "allowed");
            assertThatThrownBy(() -> send(kafka, users.clientProperties("stranger"), "t", "x"))
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
            assertThat(read(kafka, kafka.adminClientProperties(), "t")).containsExactly("allowed");

            // Credentials and ACLs are cluster metadata: a restart keeps both.
            kafka.restart();
            send(kafka, users.clientProperties("writer"), "t", "after restart");
            assertThat(read(kafka, kafka.adminClientProperties(), "t")).containsExactly("allowed", "after restart");
        }
    }

    @Test
    void theDefaultBrokerStaysOpen() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(null)) {
            assertThat(kafka.isLockedDown()).isFalse();
            assertThat(kafka.adminClientProperties()).isEmpty();
            send(kafka, Map.of(), "created-on-first-use", "v");
            assertThat(read(kafka, Map.of(), "created-on-first-use")).containsExactly("v");
        }
    }

    private static void send(EmbeddedKafka kafka, Map<String, String> login, String topic, String value)
            throws InterruptedException, ExecutionException {
        Map<String, Object> config = new HashMap<>(login);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** Every value of partition 0 up to its end offset. */
    private static List<String> read(EmbeddedKafka kafka, Map<String, String> login, String topic) {
        Map<String, Object> config = new HashMap<>(login);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(topic, 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long end = consumer.endOffsets(List.of(p)).get(p);
            while (consumer.position(p) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(new String(r.value(),
                        StandardCharsets.UTF_8)));
            }
        }
        return values;
    }
}
