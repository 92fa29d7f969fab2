package org.herd.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka 4 cluster running in this JVM: one KRaft process acting as both broker and
 * controller, listening on loopback only. Restarting keeps the log dir, cluster id, node id and
 * both ports, so everything produced before a restart is still there after it.
 *
 * <p>By default every client is anonymous and may do anything. {@link #startLockedDown} starts the
 * broker as docs/operator.md sets up an origin's cluster: clients log in with SASL/SCRAM-SHA-512,
 * the controller listener with SASL/PLAIN as the administrator, and the standard authorizer
 * refuses whatever no ACL allows; only the administrator is a super user.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    private static final int PORT_ATTEMPTS = 5;
    /**
     * Brokers in one JVM share static metric registries and JMX names that include the node id;
     * distinct ids keep concurrent instances (two stacks in one test JVM) from trampling on them.
     */
    private static final AtomicInteger NEXT_NODE_ID = new AtomicInteger(1);

    private final Path logDir;
    private final boolean temporary;
    private final int nodeId;
    /** Null: the default, anonymous and unauthorized broker. */
    private final KafkaUsers users;
    private int brokerPort;
    private int controllerPort;
    private KafkaConfig config;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path logDir, boolean temporary, int nodeId, KafkaUsers users) {
        this.logDir = logDir;
        this.temporary = temporary;
        this.nodeId = nodeId;
        this.users = users;
    }

    /** Single-node KRaft (combined broker+controller) in-process. {@code logDir} null = a temp dir deleted on close. */
    public static EmbeddedKafka start(Path logDir) {
        return start(logDir, 0, 0);
    }

    /**
     * As {@link #start(Path)}, on the given broker and controller ports (0 = free ones). Fixed
     * ports and a kept log dir let a broker run in a process of its own that is killed and
     * started again on the same address with the same data (the crash harness does that).
     */
    public static EmbeddedKafka start(Path logDir, int brokerPort, int controllerPort) {
        return start(logDir, brokerPort, controllerPort, null);
    }

    /**
     * As {@link #start(Path)}, locked down: SASL/SCRAM-SHA-512 for clients, ACLs enforced, and
     * {@code users} (created when the log dir is formatted) the only ones who can log in, the
     * administrator among them as the one super user. {@link #admin()} logs in as the
     * administrator; anyone else needs ACLs, which the administrator creates.
     */
    public static EmbeddedKafka startLockedDown(Path logDir, KafkaUsers users) {
        if (users == null) {
            throw new IllegalArgumentException("a locked-down broker needs its users");
        }
        return start(logDir, 0, 0, users);
    }

    private static EmbeddedKafka start(Path logDir, int brokerPort, int controllerPort, KafkaUsers users) {
        EmbeddedKafka kafka;
        try {
            boolean temporary = logDir == null;
            Path dir = temporary ? Files.createTempDirectory("herd-kafka-data-") : logDir.toAbsolutePath();
            Files.createDirectories(dir);
            int nodeId = existingNodeId(dir);
            kafka = new EmbeddedKafka(dir, temporary, nodeId > 0 ? nodeId : NEXT_NODE_ID.getAndIncrement(), users);
        } catch (IOException e) {
            throw new EmbeddedServerException("Kafka: could not create its log dir: " + e, e);
        }
        OpenServers.register(kafka);
        try {
            kafka.startFirstTime(brokerPort, controllerPort);
            return kafka;
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + brokerPort;
    }

    public Path logDir() {
        return logDir;
    }

    /** The KRaft cluster id written to the log dir when it was formatted. */
    public String clusterId() {
        return readMetaProperties(logDir).getProperty("cluster.id");
    }

    /**
     * Creates a topic with replication factor 1; compacted topics get {@code cleanup.policy=compact}.
     * A topic that already exists is left as it is.
     */
    public void createTopic(String name, int partitions, boolean compacted) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1);
        if (compacted) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        try (Admin admin = admin()) {
            admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new EmbeddedServerException("Kafka at " + bootstrapServers() + ": could not create topic " + name
                        + ": " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new EmbeddedServerException("Kafka at " + bootstrapServers() + ": creating topic " + name
                    + " timed out after " + ADMIN_TIMEOUT.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException("Kafka: interrupted while creating topic " + name, e);
        }
    }

    /** An admin client for this broker, logged in as the administrator when locked down; the caller closes it. */
    public Admin admin() {
        Map<String, Object> config = new HashMap<>(adminClientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return Admin.create(config);
    }

    /** Whether clients must log in and ACLs are enforced ({@link #startLockedDown}). */
    public boolean isLockedDown() {
        return users != null;
    }

    /** The users of a locked-down broker. */
    public KafkaUsers users() {
        if (users == null) {
            throw new IllegalStateException(this + " is not locked down: every client is anonymous");
        }
        return users;
    }

    /**
     * The client properties that log in as the administrator, who may do anything; none on a broker
     * that is not locked down.
     */
    public Map<String, String> adminClientProperties() {
        return users == null ? Map.of() : users.clientProperties(users.admin());
    }

    /**
     * The records of {@code partition} from its beginning up to and including the first one that
     * {@code last} accepts, read as the administrator. This is how a test shows a record absent:
     * it sends a marker after it, reads up to the marker and looks.
     *
     * @throws IllegalStateException when no record is accepted within {@code timeout}
     */
    public List<ConsumerRecord<byte[], byte[]>> readUntil(TopicPartition partition,
            Predicate<ConsumerRecord<byte[], byte[]>> last, Duration timeout) {
        Map<String, Object> config = new HashMap<>(adminClientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024 * 1024);
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(record);
                    if (last.test(record)) {
                        return read;
                    }
                }
            }
        }
        throw new IllegalStateException("Kafka at " + bootstrapServers() + ": " + partition + " had no awaited record "
                + "within " + timeout + " (" + read.size() + " records read)");
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Shuts the broker down cleanly; the log dir and ports are kept for {@link #restart()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer running = server;
        server = null;
        running.shutdown();
        running.awaitShutdown();
    }

    /** Stops and starts again with the same ports, log dir and cluster id; data survives. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("Kafka was closed");
        }
        stop();
        long started = System.nanoTime();
        launch();
        LOG.info("Kafka restarted on {} in {} ms", bootstrapServers(), elapsedMs(started));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            OpenServers.unregister(this);
            if (temporary) {
                Files2.deleteQuietly(logDir, LOG);
            }
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + (users == null ? "" : " SASL/SCRAM with ACLs") + ", " + logDir
                + "]";
    }

    private synchronized void startFirstTime(int fixedBrokerPort, int fixedControllerPort) {
        long started = System.nanoTime();
        boolean fixed = fixedBrokerPort > 0 && fixedControllerPort > 0;
        for (int attempt = 1; ; attempt++) {
            if (fixed) {
                brokerPort = fixedBrokerPort;
                controllerPort = fixedControllerPort;
            } else {
                brokerPort = Ports.freePort();
                do {
                    controllerPort = Ports.freePort();
                } while (controllerPort == brokerPort);
            }
            config = new KafkaConfig(properties(), false);
            try {
                format();
                launch();
                break;
            } catch (EmbeddedServerException e) {
                if (fixed || attempt == PORT_ATTEMPTS || !isBindFailure(e)) {
                    throw e;
                }
                LOG.debug("Kafka ports {}/{} were taken meanwhile, trying others", brokerPort, controllerPort);
            }
        }
        LOG.info("Kafka {} (KRaft, node {}) started on {} (logs {}) in {} ms",
                org.apache.kafka.common.utils.AppInfoParser.getVersion(), nodeId, bootstrapServers(), logDir,
                elapsedMs(started));
    }

    private Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        p.put("controller.quorum.voters", nodeId + "@" + Ports.LOOPBACK + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        String broker = users == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        p.put("listeners", broker + "://" + Ports.LOOPBACK + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://"
                + Ports.LOOPBACK + ":" + controllerPort);
        p.put("advertised.listeners", broker + "://" + Ports.LOOPBACK + ":" + brokerPort);
        p.put("listener.security.protocol.map", broker + ":" + broker + "," + CONTROLLER_LISTENER + ":" + broker);
        p.put("inter.broker.listener.name", broker);
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "true");
        // Internal topics: one replica on one node; a single partition each makes the first
        // consumer group or transaction usable quickly instead of creating 50 partitions.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Compacted topics carry state; the cleaner must run, but its default 128 MiB dedupe
        // buffer per broker is wasteful with several brokers in a test JVM.
        p.put("log.cleaner.enable", "true");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        if (users != null) {
            lockDown(p);
        }
        return p;
    }

    /**
     * The settings of docs/operator.md's locked-down cluster, without TLS (loopback only). SCRAM
     * credentials live in the cluster metadata, which the controller itself serves, so the
     * controller listener cannot use SCRAM: it takes SASL/PLAIN with the administrator's password
     * in its own login line, as a production controller would take mutual TLS or PLAIN over TLS.
     */
    private void lockDown(Map<String, String> p) {
        String admin = users.admin();
        String password = users.password(admin);
        p.put("sasl.enabled.mechanisms", KafkaUsers.MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", KafkaUsers.MECHANISM);
        p.put("listener.name.sasl_plaintext." + KafkaUsers.MECHANISM.toLowerCase(Locale.ROOT)
                + ".sasl.jaas.config", KafkaUsers.jaasConfig("org.apache.kafka.common.security.scram.ScramLoginModule",
                admin, password, ""));
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        String controller = "listener.name." + CONTROLLER_LISTENER.toLowerCase(Locale.ROOT);
        p.put(controller + ".sasl.enabled.mechanisms", "PLAIN");
        p.put(controller + ".plain.sasl.jaas.config", KafkaUsers.jaasConfig(
                "org.apache.kafka.common.security.plain.PlainLoginModule", admin, password,
                " user_" + admin + "=\"" + password + "\""));
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", KafkaUsers.principal(admin));
        p.put("allow.everyone.if.no.acl.found", "false");
        // Topics appear only because someone with CREATE made them.
        p.put("auto.create.topics.enable", "false");
    }

    private void format() {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(nodeId)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .setScramArguments(users == null ? List.of()
                            : users.passwords().keySet().stream().map(users::scramArgument).toList())
                    .run();
        } catch (Exception e) {
            throw new EmbeddedServerException("Kafka: could not format log dir " + logDir + ": " + e + " "
                    + printed.toString(StandardCharsets.UTF_8).trim(), e);
        }
    }

    private void launch() {
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
        } catch (Throwable e) {
            try {
                starting.shutdown();
                starting.awaitShutdown();
            } catch (Throwable suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new EmbeddedServerException("Kafka failed to start on " + bootstrapServers() + " (controller port "
                    + controllerPort + ", logs " + logDir + "): " + e, e);
        }
        server = starting;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    private static int existingNodeId(Path dir) {
        String id = readMetaProperties(dir).getProperty("node.id");
        return id == null ? -1 : Integer.parseInt(id.trim());
    }

    private static Properties readMetaProperties(Path dir) {
        Properties properties = new Properties();
        Path meta = dir.resolve("meta.properties");
        if (Files.exists(meta)) {
            try (InputStream in = Files.newInputStream(meta)) {
                properties.load(in);
            } catch (IOException e) {
                throw new EmbeddedServerException("Kafka: unreadable " + meta + ": " + e, e);
            }
        }
        return properties;
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
