package org.herd.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka 4 cluster running in this JVM: one KRaft process acting as both broker and
 * controller, listening on loopback only. Restarting keeps the log dir, cluster id, node id and
 * both ports, so everything produced before a restart is still there after it.
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
    private int brokerPort;
    private int controllerPort;
    private KafkaConfig config;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path logDir, boolean temporary, int nodeId) {
        this.logDir = logDir;
        this.temporary = temporary;
        this.nodeId = nodeId;
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
        EmbeddedKafka kafka;
        try {
            boolean temporary = logDir == null;
            Path dir = temporary ? Files.createTempDirectory("herd-kafka-data-") : logDir.toAbsolutePath();
            Files.createDirectories(dir);
            int nodeId = existingNodeId(dir);
            kafka = new EmbeddedKafka(dir, temporary, nodeId > 0 ? nodeId : NEXT_NODE_ID.getAndIncrement());
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

    /**
     * The JVM's Kafka broker for tests: started on first use, stopped when the JVM exits, the same
     * broker as {@link EmbeddedStack#shared()}'s. Tests keep apart by topic; none may close it.
     */
    public static EmbeddedKafka shared() {
        return SharedServers.await(SharedServers.kafka());
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

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
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
        return "EmbeddedKafka[" + bootstrapServers() + ", " + logDir + "]";
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
        p.put("listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://"
                + Ports.LOOPBACK + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
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
        return p;
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
