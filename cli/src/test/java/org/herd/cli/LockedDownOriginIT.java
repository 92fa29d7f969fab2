package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
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
import org.herd.embedded.EmbeddedKafka;
import org.herd.embedded.EmbeddedStack;
import org.herd.embedded.KafkaUsers;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GazelleWorkload;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.AclPlan;
import org.herd.testkit.SidecarArguments;
import org.herd.translator.Translator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Herd on the locked-down origin cluster of docs/operator.md: SASL/SCRAM logins and the ACLs of
 * {@link AclPlan}, nothing else allowed. The real sidecar and mirror replicate with their own
 * principals, each given its password in an environment variable; a mirror's principal cannot
 * write, cannot read the origin's bookkeeping and cannot use another mirror's consumer groups;
 * a wrong password is refused and said so in the mirror's log.
 */
class LockedDownOriginIT {

    private static final String ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String ORIGIN = "locked-" + ID;
    private static final String GAZELLE_DB = "gazelle_locked_" + ID;
    private static final String SIDECAR_USER = "herd-sidecar-" + ORIGIN;
    private static final String MIRROR_USER = "herd-mirror-alice";
    private static final String OTHER_MIRROR_USER = "herd-mirror-bob";
    private static final AclPlan PLAN = AclPlan.forOrigin(ORIGIN);
    private static final String RELEASE_TOPIC = PLAN.topicPrefix() + ".release";

    private static final EmbeddedStack STACK = EmbeddedStack.shared();
    private static EmbeddedKafka kafka;
    private static ConfigurableApplicationContext sidecar;

    private final List<ConfigurableApplicationContext> mirrors = new ArrayList<>();

    @BeforeAll
    static void lockedDownOrigin() throws Exception {
        kafka = EmbeddedKafka.startLockedDown(null, KafkaUsers.withAdmin("admin").and(SIDECAR_USER).and(MIRROR_USER)
                .and(OTHER_MIRROR_USER));
        try (var admin = kafka.admin()) {
            AclPlan.apply(admin, PLAN.sidecar(SIDECAR_USER));
            AclPlan.apply(admin, PLAN.mirror(MIRROR_USER, "alice"));
            AclPlan.apply(admin, PLAN.mirror(OTHER_MIRROR_USER, "bob"));
        }
        STACK.mariaDb().createDatabase(GAZELLE_DB);
        try (Connection c = STACK.mariaDb().connect(GAZELLE_DB)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            new GazelleDataGenerator(new GeneratorSettings(13, 0.0003)).load(c, null);
        }
        sidecar = startSidecar();
        await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
    }

    @AfterAll
    static void stopOrigin() {
        if (sidecar != null) {
            sidecar.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void stopMirrors() {
        mirrors.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void theSidecarAndAMirrorReplicateWithTheirOwnPrincipalsAcrossASidecarRestart() throws Exception {
        String mirrorDb = "mirror_locked_" + ID;
        STACK.postgres().createDatabase(mirrorDb);
        mirrors.add(startMirror(mirrorDb, MIRROR_USER, kafka.users().password(MIRROR_USER)));
        awaitMirrorEqualsOrigin(mirrorDb);

        // A restart reads what the sidecar stored: Debezium's offsets and schema history, the
        // captured tables, the topics' settings; each is a client of its own.
        sidecar.close();
        try (Connection c = STACK.mariaDb().connect(GAZELLE_DB)) {
            GazelleWorkload workload = new GazelleWorkload(c, 17);
            for (int i = 0; i < 30; i++) {
                workload.step();
            }
        }
        sidecar = startSidecar();
        awaitMirrorEqualsOrigin(mirrorDb);
    }

    @Test
    void aMirrorPrincipalCannotWriteAndTheTopicIsUnchanged() throws Exception {
        TopicPartition partition = new TopicPartition(RELEASE_TOPIC, 0);
        byte[] refusedKey = ("refused-" + ID).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> refused = new ProducerRecord<>(RELEASE_TOPIC, 0, refusedKey,
                "{}".getBytes(StandardCharsets.UTF_8));
        // Kafka's default, idempotent producer does not even get a producer id: that takes Write on
        // some topic (KIP-679), and the principal has none.
        assertThatThrownBy(() -> send(kafka.users().clientProperties(MIRROR_USER), true, refused))
                .hasRootCauseInstanceOf(ClusterAuthorizationException.class);
        // Without idempotence the record itself reaches the broker, which refuses it for the topic.
        assertThatThrownBy(() -> send(kafka.users().clientProperties(MIRROR_USER), false, refused))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class)
                .rootCause().hasMessageContaining(RELEASE_TOPIC);

        // The marker, written by the sidecar's principal after the refused write, is a copy of the
        // partition's last record: a duplicate, which mirrors ignore. Everything up to it is what
        // the partition holds; the refused record is not among it.
        ConsumerRecord<byte[], byte[]> last = readUntil(partition, null).get(0);
        byte[] marker = ("marker-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(RELEASE_TOPIC, 0, last.key(), last.value());
        last.headers().forEach(h -> copy.headers().add(h));
        copy.headers().add("herd-test-marker", marker);
        send(kafka.users().clientProperties(SIDECAR_USER), true, copy);

        List<ConsumerRecord<byte[], byte[]>> read = readUntil(partition, marker);
        assertThat(read).hasSizeGreaterThan(1);
        assertThat(read).noneMatch(r -> Arrays.equals(r.key(), refusedKey));
    }

    @Test
    void aMirrorPrincipalUsesOnlyItsOwnGroupsAndReadsNoneOfTheOriginsBookkeeping() throws Exception {
        assertThat(pollAs(MIRROR_USER, AclPlan.mirrorGroupPrefix("alice") + "main", RELEASE_TOPIC)).isNotEmpty();
        for (String group : List.of(AclPlan.mirrorGroupPrefix("bob") + "main", "herd-mirror-alice",
                "herd-mirror-alice2.main", PLAN.sidecarSignalGroup())) {
            assertThatThrownBy(() -> pollAs(MIRROR_USER, group, RELEASE_TOPIC)).as(group)
                    .isInstanceOf(GroupAuthorizationException.class);
        }
        Set<String> bookkeeping;
        try (var admin = kafka.admin()) {
            bookkeeping = new TreeSet<>(admin.listTopics().names().get());
        }
        bookkeeping.removeIf(t -> !t.startsWith(PLAN.topicPrefix() + "._"));
        // Every topic the real sidecar made for itself is one the plan keeps from mirrors.
        assertThat(bookkeeping).containsExactlyInAnyOrderElementsOf(PLAN.operatorTopics());
        for (String topic : bookkeeping) {
            assertThatThrownBy(() -> pollAs(MIRROR_USER, AclPlan.mirrorGroupPrefix("alice") + "main", topic))
                    .as(topic).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndTheMirrorSaysSo() throws Exception {
        String mirrorDb = "mirror_locked_wrong_" + ID;
        STACK.postgres().createDatabase(mirrorDb);
        String wrong = "wrong-" + UUID.randomUUID();
        LogCapture.startKeeping();
        List<String> log;
        try {
            mirrors.add(startMirror(mirrorDb, MIRROR_USER, wrong));
            await().atMost(Duration.ofMinutes(1)).until(() -> LogCapture.snapshot().stream()
                    .anyMatch(LockedDownOriginIT::saysWrongPassword));
        } finally {
            log = LogCapture.stopKeeping();
        }
        assertThat(log).anyMatch(LockedDownOriginIT::saysWrongPassword);
        assertThat(log).noneMatch(line -> line.contains(wrong));
        assertThat(log).noneMatch(line -> line.contains(kafka.users().password(MIRROR_USER)));
    }

    /** The mirror's own warning, naming the mirror, the cause and the mechanism. */
    private static boolean saysWrongPassword(String line) {
        return line.startsWith("WARN org.herd.replicator") && line.contains("mirror " + ORIGIN + "/")
                && line.contains("Authentication failed") && line.contains("invalid credentials")
                && line.contains(KafkaUsers.MECHANISM);
    }

    private static ConfigurableApplicationContext startSidecar() {
        List<String> properties = SidecarArguments.embedded(ORIGIN, STACK.mariaDb().host(), STACK.mariaDb().port(),
                GAZELLE_DB, STACK.mariaDb().user(), STACK.mariaDb().password(), kafka.bootstrapServers());
        properties.add("herd.sidecar.source.server-id=" + (9000 + Math.abs(ID.hashCode() % 100000)));
        Map<String, String> login = kafka.users().clientProperties(SIDECAR_USER);
        return withEnvironment(SidecarApplication.builder(), loginEnvironment("HERD_SIDECAR", login))
                .properties(properties.toArray(String[]::new))
                .properties(loginProperties("herd.sidecar", login))
                .run();
    }

    private ConfigurableApplicationContext startMirror(String database, String user, String password) {
        Map<String, String> login = KafkaUsers.clientProperties(user, password);
        return withEnvironment(ReplicatorApplication.builder(), loginEnvironment("HERD_MIRROR", login))
                .properties(
                        "herd.mirror.origin=" + ORIGIN,
                        "herd.mirror.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "herd.mirror.kafka.group-id=" + AclPlan.mirrorGroupPrefix("alice") + database,
                        "herd.mirror.batch-size=200",
                        "spring.datasource.url=" + STACK.postgres().jdbcUrl(database),
                        "spring.datasource.username=" + STACK.postgres().user(),
                        "spring.datasource.password=" + STACK.postgres().password())
                .properties(loginProperties("herd.mirror", login))
                .run();
    }

    /** The protocol and mechanism as properties, the secret as the documented environment variable. */
    private static String[] loginProperties(String prefix, Map<String, String> login) {
        return new String[] {
                prefix + ".kafka.properties.security.protocol=" + login.get("security.protocol"),
                prefix + ".kafka.properties.sasl.mechanism=" + login.get("sasl.mechanism")};
    }

    private static Map<String, Object> loginEnvironment(String prefix, Map<String, String> login) {
        return Map.of(prefix + "_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", login.get("sasl.jaas.config"));
    }

    /**
     * Adds {@code variables} as environment variables are added (Spring Boot recognises the source
     * by its name), so that they bind exactly as they would from the process environment.
     */
    private static SpringApplicationBuilder withEnvironment(SpringApplicationBuilder builder,
            Map<String, Object> variables) {
        return builder.initializers(context -> context.getEnvironment().getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("herd-it-systemEnvironment", variables)));
    }

    private static void awaitMirrorEqualsOrigin(String mirrorDb) {
        MirrorConvergence.State state = MirrorConvergence.awaitEqual(Duration.ofMinutes(3),
                new Translator(SidecarArguments.embeddedSettings(ORIGIN)),
                () -> STACK.mariaDb().connect(GAZELLE_DB), STACK.postgres().dataSource(mirrorDb), ORIGIN);
        assertThat(state.origin().untranslatable()).isEmpty();
        assertThat(state.comparison().entities().get("release").origin()).isGreaterThan(10);
    }

    private static void send(Map<String, String> login, boolean idempotent, ProducerRecord<byte[], byte[]> record)
            throws InterruptedException, ExecutionException {
        Map<String, Object> config = new HashMap<>(login);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }

    /**
     * As the administrator, the partition's records up to the one carrying {@code marker} in its
     * {@code herd-test-marker} header; with no marker, the partition's last record alone.
     */
    private static List<ConsumerRecord<byte[], byte[]>> readUntil(TopicPartition partition, byte[] marker) {
        Map<String, Object> config = new HashMap<>(kafka.adminClientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            if (marker == null) {
                long end = consumer.endOffsets(List.of(partition)).get(partition);
                assertThat(end).as("records in " + partition).isPositive();
                consumer.seek(partition, end - 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                    return !read.isEmpty();
                });
                return List.of(read.get(0));
            }
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return read.stream().anyMatch(r -> r.headers().lastHeader("herd-test-marker") != null
                        && Arrays.equals(r.headers().lastHeader("herd-test-marker").value(), marker));
            });
        }
        return read;
    }

    /** Subscribes as {@code user} in {@code group} and polls until records arrive or Kafka refuses. */
    private static List<ConsumerRecord<byte[], byte[]>> pollAs(String user, String group, String topic) {
        Map<String, Object> config = new HashMap<>(kafka.users().clientProperties(user));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
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
