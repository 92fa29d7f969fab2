package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.herd.embedded.EmbeddedRelay;
import org.herd.testkit.AclPlan;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A relay run by a stranger (docs/operator.md, "Relays"): MirrorMaker 2 copies a locked-down
 * origin's topics to a cluster of its own, reading with a relay principal that may only read.
 * A real mirror that reads nothing but the relay converges to the origin, through the snapshot
 * and live changes, and the relay's records are the origin's byte for byte, headers included.
 */
class RelayIT {

    private static final String RELAY_USER = "herd-relay-bob";
    private static final String MARKER = "herd-test-marker";

    @Test
    void aMirrorReadingOnlyTheRelayConvergesToTheOrigin() throws Exception {
        try (LockedDownOrigin origin = LockedDownOrigin.start("relayed", List.of(RELAY_USER))) {
            try (Admin admin = origin.kafka.admin()) {
                AclPlan.apply(admin, origin.plan.relay(RELAY_USER));
            }
            String prefix = origin.plan.topicPrefix();
            try (EmbeddedRelay relay = EmbeddedRelay.from(origin.kafka.bootstrapServers(),
                    origin.kafka.users().clientProperties(RELAY_USER))
                    .topics(prefix).excluding(origin.plan.operatorTopics()).start()) {
                String mirrorDb = "mirror_relayed_" + origin.id;
                origin.stack.postgres().createDatabase(mirrorDb);
                ConfigurableApplicationContext mirror = origin.startMirror(relay.bootstrapServers(), Map.of(),
                        "herd-mirror-relayed", mirrorDb);
                try {
                    origin.awaitMirrorEqualsOrigin(mirrorDb);
                    origin.change(30);
                    origin.awaitMirrorEqualsOrigin(mirrorDb);
                    assertThat(quarantined(origin, mirrorDb)).as("records the mirror quarantined").isZero();
                } finally {
                    mirror.close();
                }

                // The same records in the same order: a marker sent at the origin after everything
                // else bounds what both clusters are compared on.
                TopicPartition release = new TopicPartition(prefix + ".release", 0);
                byte[] marker = sendMarker(origin, release);
                List<ConsumerRecord<byte[], byte[]>> atOrigin = origin.kafka.readUntil(release, hasMarker(marker),
                        Duration.ofMinutes(1));
                List<ConsumerRecord<byte[], byte[]>> atRelay = relay.kafka().readUntil(release, hasMarker(marker),
                        Duration.ofMinutes(2));
                assertThat(atOrigin).hasSizeGreaterThan(10);
                assertThat(atRelay.stream().map(RelayIT::bytes).toList())
                        .containsExactlyElementsOf(atOrigin.stream().map(RelayIT::bytes).toList());

                assertRelayedTopics(origin, relay, prefix);
            }
        }
    }

    /**
     * Every topic of the origin reached the relay with the origin's cleanup policy (compacted, but
     * checkpoints deleted by time), except the origin's bookkeeping.
     */
    private static void assertRelayedTopics(LockedDownOrigin origin, EmbeddedRelay relay, String prefix)
            throws Exception {
        Set<String> atOrigin;
        Map<String, String> originPolicy = new HashMap<>();
        try (Admin admin = origin.kafka.admin()) {
            atOrigin = new TreeSet<>(admin.listTopics().names().get());
            atOrigin.removeIf(t -> !t.startsWith(prefix + ".") || origin.plan.operatorTopics().contains(t));
            admin.describeConfigs(atOrigin.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList())
                    .all().get().forEach((topic, config) -> originPolicy.put(topic.name(),
                            config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()));
        }
        assertThat(originPolicy).containsValue(TopicConfig.CLEANUP_POLICY_COMPACT);
        try (Admin admin = relay.kafka().admin()) {
            Set<String> atRelay = new TreeSet<>(admin.listTopics().names().get());
            atRelay.removeIf(t -> !t.startsWith(prefix + "."));
            assertThat(atRelay).isEqualTo(atOrigin);
            List<ConfigResource> topics = atRelay.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all().get();
            configs.forEach((topic, config) -> assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .as(topic.name()).isEqualTo(originPolicy.get(topic.name())));
        }
    }

    /**
     * Sends, as the sidecar's principal, a copy of the partition's last record with a marker
     * header: a duplicate, which mirrors ignore.
     */
    private static byte[] sendMarker(LockedDownOrigin origin, TopicPartition partition) throws Exception {
        long end;
        try (Admin admin = origin.kafka.admin()) {
            end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
        List<ConsumerRecord<byte[], byte[]>> read = origin.kafka.readUntil(partition, r -> r.offset() >= end - 1,
                Duration.ofMinutes(1));
        ConsumerRecord<byte[], byte[]> last = read.get(read.size() - 1);
        byte[] marker = ("marker-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(partition.topic(), partition.partition(),
                last.key(), last.value());
        last.headers().forEach(h -> copy.headers().add(h));
        copy.headers().add(MARKER, marker);
        Map<String, Object> config = new HashMap<>(origin.kafka.users().clientProperties(origin.sidecarUser));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, origin.kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(copy).get();
        }
        return marker;
    }

    private static Predicate<ConsumerRecord<byte[], byte[]>> hasMarker(byte[] marker) {
        return r -> r.headers().lastHeader(MARKER) != null && Arrays.equals(r.headers().lastHeader(MARKER).value(),
                marker);
    }

    /** What a relay must keep of a record: key, value, timestamp and headers in order, as bytes. */
    private static String bytes(ConsumerRecord<byte[], byte[]> record) {
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder s = new StringBuilder()
                .append(record.key() == null ? "null" : b64.encodeToString(record.key())).append(' ')
                .append(record.value() == null ? "null" : b64.encodeToString(record.value())).append(' ')
                .append(record.timestamp());
        for (Header h : record.headers()) {
            s.append(' ').append(h.key()).append('=').append(h.value() == null ? "null" : b64.encodeToString(h.value()));
        }
        return s.toString();
    }

    private static long quarantined(LockedDownOrigin origin, String mirrorDb) throws Exception {
        try (Connection c = origin.stack.postgres().dataSource(mirrorDb).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM herd.quarantine")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
