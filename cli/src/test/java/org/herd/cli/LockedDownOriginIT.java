package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.herd.embedded.KafkaUsers;
import org.herd.testkit.AclPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Herd on the locked-down origin cluster of docs/operator.md: SASL/SCRAM logins and the ACLs of
 * {@link AclPlan}, nothing else allowed. The real sidecar and mirror replicate with their own
 * principals, each given its password in an environment variable; a mirror's principal cannot
 * write, cannot read the origin's bookkeeping and cannot use another mirror's consumer groups;
 * a wrong password is refused and said so in the mirror's log.
 */
class LockedDownOriginIT {

    private static final String MIRROR_USER = "herd-mirror-alice";
    private static final String OTHER_MIRROR_USER = "herd-mirror-bob";
    private static final String MARKER = "herd-test-marker";

    private static LockedDownOrigin origin;
    private static String releaseTopic;

    private final List<ConfigurableApplicationContext> mirrors = new ArrayList<>();

    @BeforeAll
    static void lockedDownOrigin() throws Exception {
        origin = LockedDownOrigin.start("locked", List.of(MIRROR_USER, OTHER_MIRROR_USER));
        try (var admin = origin.kafka.admin()) {
            AclPlan.apply(admin, origin.plan.mirror(MIRROR_USER, "alice"));
            AclPlan.apply(admin, origin.plan.mirror(OTHER_MIRROR_USER, "bob"));
        }
        releaseTopic = origin.plan.topicPrefix() + ".release";
    }

    @AfterAll
    static void stopOrigin() {
        if (origin != null) {
            origin.close();
        }
    }

    @AfterEach
    void stopMirrors() {
        mirrors.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void theSidecarAndAMirrorReplicateWithTheirOwnPrincipalsAcrossASidecarRestart() throws Exception {
        String mirrorDb = "mirror_locked_" + origin.id;
        origin.stack.postgres().createDatabase(mirrorDb);
        mirrors.add(startMirror(mirrorDb, origin.kafka.users().password(MIRROR_USER)));
        origin.awaitMirrorEqualsOrigin(mirrorDb);

        // A restart reads what the sidecar stored: Debezium's offsets and schema history (as a
        // consumer group of its own), the captured tables, the topics' settings.
        origin.stopSidecar();
        origin.change(30);
        origin.startSidecar();
        origin.awaitMirrorEqualsOrigin(mirrorDb);
    }

    @Test
    void aMirrorPrincipalCannotWriteAndTheTopicIsUnchanged() throws Exception {
        TopicPartition partition = new TopicPartition(releaseTopic, 0);
        byte[] refusedKey = ("refused-" + origin.id).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> refused = new ProducerRecord<>(releaseTopic, 0, refusedKey,
                "{}".getBytes(StandardCharsets.UTF_8));
        Map<String, String> mirrorLogin = origin.kafka.users().clientProperties(MIRROR_USER);
        // Kafka's default, idempotent producer does not even get a producer id: that takes Write on
        // some topic (KIP-679), and the principal has none.
        assertThatThrownBy(() -> send(mirrorLogin, true, refused))
                .hasRootCauseInstanceOf(ClusterAuthorizationException.class);
        // Without idempotence the record itself reaches the broker, which refuses it for the topic.
        assertThatThrownBy(() -> send(mirrorLogin, false, refused))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class)
                .rootCause().hasMessageContaining(releaseTopic);

        // The marker, written by the sidecar's principal after the refused write, is a copy of the
        // partition's last record: a duplicate, which mirrors ignore. Everything up to it is what
        // the partition holds; the refused record is not among it.
        ConsumerRecord<byte[], byte[]> last = lastRecord(partition);
        byte[] marker = ("marker-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(releaseTopic, 0, last.key(), last.value());
        last.headers().forEach(h -> copy.headers().add(h));
        copy.headers().add(MARKER, marker);
        send(origin.kafka.users().clientProperties(origin.sidecarUser), true, copy);

        List<ConsumerRecord<byte[], byte[]>> read = origin.kafka.readUntil(partition, hasMarker(marker),
                Duration.ofMinutes(1));
        assertThat(read).hasSizeGreaterThan(1);
        assertThat(read).noneMatch(r -> Arrays.equals(r.key(), refusedKey));
    }

    @Test
    void aMirrorPrincipalUsesOnlyItsOwnGroupsAndReadsNoneOfTheOriginsBookkeeping() throws Exception {
        String ownGroup = AclPlan.mirrorGroupPrefix("alice") + "main";
        assertThat(pollAs(MIRROR_USER, ownGroup, releaseTopic)).isNotEmpty();
        for (String group : List.of(AclPlan.mirrorGroupPrefix("bob") + "main", "herd-mirror-alice",
                "herd-mirror-alice2.main", origin.plan.sidecarSignalGroup())) {
            assertThatThrownBy(() -> pollAs(MIRROR_USER, group, releaseTopic)).as(group)
                    .isInstanceOf(GroupAuthorizationException.class);
        }
        Set<String> bookkeeping;
        try (var admin = origin.kafka.admin()) {
            bookkeeping = new TreeSet<>(admin.listTopics().names().get());
        }
        bookkeeping.removeIf(t -> !t.startsWith(origin.plan.topicPrefix() + "._"));
        // Signed checkpoints and trust roots are for mirrors (docs/trust.md).
        bookkeeping.removeAll(List.of(origin.plan.topicPrefix() + "._checkpoints",
                origin.plan.topicPrefix() + "._trust"));
        // Every other topic the real sidecar made for itself is one the plan keeps from mirrors.
        assertThat(bookkeeping).containsExactlyInAnyOrderElementsOf(origin.plan.operatorTopics());
        for (String topic : bookkeeping) {
            assertThatThrownBy(() -> pollAs(MIRROR_USER, ownGroup, topic)).as(topic)
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndTheMirrorSaysSo() throws Exception {
        String mirrorDb = "mirror_locked_wrong_" + origin.id;
        origin.stack.postgres().createDatabase(mirrorDb);
        String wrong = "wrong-" + UUID.randomUUID();
        LogCapture.startKeeping();
        List<String> log;
        try {
            mirrors.add(startMirror(mirrorDb, wrong));
            await().atMost(Duration.ofMinutes(1)).until(() -> LogCapture.snapshot().stream()
                    .anyMatch(LockedDownOriginIT::saysWrongPassword));
        } finally {
            log = LogCapture.stopKeeping();
        }
        assertThat(log).anyMatch(LockedDownOriginIT::saysWrongPassword);
        assertThat(log).noneMatch(line -> line.contains(wrong));
        assertThat(log).noneMatch(line -> line.contains(origin.kafka.users().password(MIRROR_USER)));
    }

    private ConfigurableApplicationContext startMirror(String database, String password) {
        return origin.startMirror(origin.kafka.bootstrapServers(), KafkaUsers.clientProperties(MIRROR_USER, password),
                AclPlan.mirrorGroupPrefix("alice") + database, database);
    }

    /** The mirror's own warning, naming the mirror, the cause and the mechanism. */
    private static boolean saysWrongPassword(String line) {
        return line.startsWith("WARN org.herd.replicator") && line.contains("mirror " + origin.origin + "/")
                && line.contains("Authentication failed") && line.contains("invalid credentials")
                && line.contains(KafkaUsers.MECHANISM);
    }

    private static Predicate<ConsumerRecord<byte[], byte[]>> hasMarker(byte[] marker) {
        return r -> r.headers().lastHeader(MARKER) != null && Arrays.equals(r.headers().lastHeader(MARKER).value(),
                marker);
    }

    private static void send(Map<String, String> login, boolean idempotent, ProducerRecord<byte[], byte[]> record)
            throws InterruptedException, ExecutionException {
        Map<String, Object> config = new HashMap<>(login);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, origin.kafka.bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }

    /** The partition's last record, read as the administrator. */
    private static ConsumerRecord<byte[], byte[]> lastRecord(TopicPartition partition) {
        long end;
        try (var admin = origin.kafka.admin()) {
            end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not read the end offset of " + partition, e);
        }
        assertThat(end).as("records in " + partition).isPositive();
        List<ConsumerRecord<byte[], byte[]>> read = origin.kafka.readUntil(partition, r -> r.offset() >= end - 1,
                Duration.ofMinutes(1));
        return read.get(read.size() - 1);
    }

    /** Subscribes as {@code user} in {@code group} and polls until records arrive or Kafka refuses. */
    private static List<ConsumerRecord<byte[], byte[]>> pollAs(String user, String group, String topic) {
        Map<String, Object> config = new HashMap<>(origin.kafka.users().clientProperties(user));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, origin.kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            // A plain loop: a refusal must reach the caller as Kafka threw it.
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (read.isEmpty()) {
                assertThat(System.nanoTime()).as("records of " + topic + " within a minute").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }
}
