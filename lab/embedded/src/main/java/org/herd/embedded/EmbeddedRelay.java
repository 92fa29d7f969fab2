package org.herd.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.mirror.MirrorMaker;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;
import org.apache.kafka.connect.mirror.SourceAndTarget;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay: a Kafka cluster of its own that MirrorMaker 2, in dedicated mode in this JVM, fills
 * with an origin's topics, as a stranger passing the stream on would run it (docs/operator.md,
 * "Relays"). Topics keep their names (identity replication policy), partitions, order, keys,
 * values and headers byte for byte, and their compaction; the relay needs only read access to
 * the origin.
 *
 * <p>A relay can also be hostile, for tests of what mirrors make of it:
 * <ul>
 * <li>{@link Builder#withholding} drops the records of given keys on their way through (a
 * Connect {@code Filter} transform with the {@link WithheldKeys} predicate);</li>
 * <li>{@link #inject} appends a record of its own to a relayed topic;</li>
 * <li>{@link #alter} appends a copy of a real record, headers and all, with its value changed;</li>
 * <li>{@link #replay} appends an older record again, after newer ones of its row: a reordering.</li>
 * </ul>
 */
public final class EmbeddedRelay implements AutoCloseable {

    /** The cluster alias of the origin in MirrorMaker 2's configuration. */
    public static final String ORIGIN = "origin";
    /** The cluster alias of the relay's own cluster. */
    public static final String RELAY = "relay";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRelay.class);
    private static final String FLOW = ORIGIN + "->" + RELAY + ".";
    private static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final EmbeddedKafka kafka;
    private final Map<String, String> properties;
    private final MirrorMaker mirrorMaker;
    private boolean closed;

    private EmbeddedRelay(EmbeddedKafka kafka, Map<String, String> properties, MirrorMaker mirrorMaker) {
        this.kafka = kafka;
        this.properties = properties;
        this.mirrorMaker = mirrorMaker;
    }

    /**
     * A relay of the origin cluster at {@code originBootstrapServers}, reached with
     * {@code originClientProperties} (the relay principal's login; empty for an open cluster).
     */
    public static Builder from(String originBootstrapServers, Map<String, String> originClientProperties) {
        return new Builder(originBootstrapServers, originClientProperties);
    }

    /** What to relay, and how. */
    public static final class Builder {

        private final String originBootstrapServers;
        private final Map<String, String> originClientProperties;
        private String topicPrefix;
        private final List<String> excluded = new ArrayList<>();
        private final List<byte[]> withheld = new ArrayList<>();
        private Duration refreshTopics = Duration.ofSeconds(5);

        private Builder(String originBootstrapServers, Map<String, String> originClientProperties) {
            this.originBootstrapServers = originBootstrapServers;
            this.originClientProperties = Map.copyOf(originClientProperties);
        }

        /** Relays every topic {@code <prefix>.*}. */
        public Builder topics(String prefix) {
            this.topicPrefix = prefix;
            return this;
        }

        /** Leaves {@code topics} out (the origin's bookkeeping, which the relay may not read). */
        public Builder excluding(Collection<String> topics) {
            excluded.addAll(topics);
            return this;
        }

        /** Hostile: drops every record whose key is {@code key}, in any relayed topic. */
        public Builder withholding(byte[] key) {
            withheld.add(key.clone());
            return this;
        }

        /** How often MirrorMaker 2 looks for new topics at the origin (its default is 10 minutes). */
        public Builder refreshTopicsEvery(Duration interval) {
            this.refreshTopics = interval;
            return this;
        }

        /**
         * Starts the relay's cluster and MirrorMaker 2, and returns once MirrorMaker's source
         * connector and its tasks run (which needs a topic to relay at the origin).
         */
        public EmbeddedRelay start() {
            if (topicPrefix == null) {
                throw new IllegalStateException("name the topics to relay: topics(prefix)");
            }
            EmbeddedKafka kafka = EmbeddedKafka.start(null);
            try {
                Map<String, String> properties = mirrorMakerProperties(kafka.bootstrapServers());
                MirrorMaker mirrorMaker = startMirrorMaker(properties);
                EmbeddedRelay relay = new EmbeddedRelay(kafka, properties, mirrorMaker);
                OpenServers.register(relay);
                try {
                    relay.awaitRunning();
                } catch (RuntimeException e) {
                    relay.close();
                    throw e;
                }
                LOG.info("Relay of {}.* from {} started on {}{}", topicPrefix, originBootstrapServers,
                        kafka.bootstrapServers(), withheld.isEmpty() ? "" : ", withholding " + withheld.size() + " keys");
                return relay;
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
        }

        /** The MirrorMaker 2 configuration, as an mm2.properties file of docs/operator.md would give it. */
        private Map<String, String> mirrorMakerProperties(String relayBootstrapServers) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("clusters", ORIGIN + ", " + RELAY);
            p.put(ORIGIN + ".bootstrap.servers", originBootstrapServers);
            originClientProperties.forEach((k, v) -> p.put(ORIGIN + "." + k, v));
            p.put(RELAY + ".bootstrap.servers", relayBootstrapServers);

            p.put(FLOW + "enabled", "true");
            p.put(RELAY + "->" + ORIGIN + ".enabled", "false");
            p.put(FLOW + "topics", regex(topicPrefix) + "\\..*");
            if (!excluded.isEmpty()) {
                // Replaces MirrorMaker's default exclusions (".*[\-\.]internal, .*\.replica, __.*"),
                // none of which a Herd topic matches.
                p.put(FLOW + "topics.exclude", excluded.stream().map(EmbeddedRelay::regex)
                        .collect(Collectors.joining(", ")));
            }
            // The same topic names on the relay: a mirror reads herd.<origin>.* wherever it reads.
            p.put("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy");
            // Keys, values and headers pass as the bytes they are (also MirrorMaker's defaults).
            p.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
            p.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
            p.put("header.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
            // New topics are created with the origin's settings that differ from the relay's
            // defaults: cleanup.policy=compact and max.message.bytes among them.
            p.put(FLOW + "sync.topic.configs.enabled", "true");
            p.put(FLOW + "refresh.topics.interval.seconds", Long.toString(Math.max(1, refreshTopics.toSeconds())));
            // Nothing is written to the origin: no heartbeats (they go to the source cluster), no
            // offset syncs, no checkpoints of consumer groups, no ACLs copied (reading them needs
            // the origin's cluster rights).
            p.put("emit.heartbeats.enabled", "false");
            p.put(FLOW + "emit.checkpoints.enabled", "false");
            p.put(FLOW + "emit.offset-syncs.enabled", "false");
            p.put(FLOW + "sync.group.offsets.enabled", "false");
            p.put(FLOW + "sync.topic.acls.enabled", "false");
            // Records as large as the sidecar's pass the relay too.
            p.put(RELAY + ".producer.max.request.size", Integer.toString(MAX_RECORD_BYTES));
            // One broker here; a relay in production keeps the default 3 and these unset. The
            // heartbeat connector makes its (unused) topic on the relay even with heartbeats off.
            // (Any offset-syncs.* setting would make the source connector's configuration invalid
            // while offset syncs are off.)
            p.put("replication.factor", "1");
            p.put("heartbeats.topic.replication.factor", "1");
            p.put("offset.storage.replication.factor", "1");
            p.put("config.storage.replication.factor", "1");
            p.put("status.storage.replication.factor", "1");
            // Only the plugins that declare themselves (every Kafka plugin and WithheldKeys do):
            // scanning the whole class path of a test JVM takes far longer.
            p.put("plugin.discovery", "service_load");
            p.put(RELAY + ".plugin.discovery", "service_load");
            if (!withheld.isEmpty()) {
                p.put(FLOW + "transforms", "withhold");
                p.put(FLOW + "transforms.withhold.type", "org.apache.kafka.connect.transforms.Filter");
                p.put(FLOW + "transforms.withhold.predicate", "withheld");
                p.put(FLOW + "predicates", "withheld");
                p.put(FLOW + "predicates.withheld.type", WithheldKeys.class.getName());
                p.put(FLOW + "predicates.withheld." + WithheldKeys.KEYS, withheld.stream()
                        .map(k -> Base64.getEncoder().encodeToString(k)).collect(Collectors.joining(",")));
            }
            return Collections.unmodifiableMap(p);
        }
    }

    private static MirrorMaker startMirrorMaker(Map<String, String> properties) {
        // Connect swaps the thread's context class loader for its plugin loader and leaves it so;
        // whatever this thread starts next (a Spring application) must keep its own.
        Thread thread = Thread.currentThread();
        ClassLoader loader = thread.getContextClassLoader();
        try {
            MirrorMaker mirrorMaker = new MirrorMaker(properties, List.of(RELAY));
            mirrorMaker.start();
            return mirrorMaker;
        } finally {
            thread.setContextClassLoader(loader);
        }
    }

    /**
     * Waits until MirrorMaker 2's source connector and its tasks run. MirrorMaker only logs a
     * connector it could not configure and carries on; a relay that copies nothing must not pass
     * for one that works.
     */
    private void awaitRunning() {
        SourceAndTarget flow = new SourceAndTarget(ORIGIN, RELAY);
        String connector = MirrorSourceConnector.class.getSimpleName();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "not configured (an invalid configuration is logged by MirrorHerder)";
        while (System.nanoTime() < deadline) {
            try {
                ConnectorStateInfo status = mirrorMaker.connectorStatus(flow, connector);
                List<ConnectorStateInfo.AbstractState> states = new ArrayList<>();
                states.add(status.connector());
                states.addAll(status.tasks());
                for (ConnectorStateInfo.AbstractState state : states) {
                    if ("FAILED".equals(state.state())) {
                        throw new EmbeddedServerException("Relay: MirrorMaker 2's " + connector + " failed: "
                                + state.trace());
                    }
                }
                last = status.connector().state() + " with tasks " + status.tasks().stream()
                        .map(ConnectorStateInfo.AbstractState::state).toList();
                if (states.stream().allMatch(s -> "RUNNING".equals(s.state())) && !status.tasks().isEmpty()) {
                    return;
                }
            } catch (NotFoundException e) {
                // Not configured yet: the herder does that once it leads its group.
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedServerException("Relay: interrupted while waiting for MirrorMaker 2", e);
            }
        }
        throw new EmbeddedServerException("Relay: MirrorMaker 2's " + connector + " was not running within "
                + START_TIMEOUT.toSeconds() + " s: " + last);
    }

    /** The relay's own cluster, where mirrors read. */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * MirrorMaker 2's configuration as given to it, the origin's login masked: what an operator's
     * mm2.properties holds.
     */
    public Map<String, String> mirrorMakerProperties() {
        Map<String, String> shown = new LinkedHashMap<>(properties);
        shown.replaceAll((k, v) -> k.endsWith("sasl.jaas.config") || k.endsWith("password") ? "****" : v);
        return shown;
    }

    /** Hostile: appends {@code record} of the relay's own making to the relay's cluster. */
    public RecordMetadata inject(ProducerRecord<byte[], byte[]> record) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            return producer.send(record).get();
        } catch (ExecutionException e) {
            throw new EmbeddedServerException("Relay at " + kafka.bootstrapServers() + ": could not append to "
                    + record.topic() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException("Relay: interrupted while appending to " + record.topic(), e);
        }
    }

    /**
     * Hostile: appends a copy of {@code original} (a record read from the relay or the origin) to
     * its topic and partition on the relay, with the same key, timestamp and headers and the value
     * {@code change} makes of it.
     */
    public RecordMetadata alter(ConsumerRecord<byte[], byte[]> original, UnaryOperator<byte[]> change) {
        return inject(copy(original, change.apply(original.value() == null ? null : original.value().clone())));
    }

    /**
     * Hostile: appends {@code older} again, unchanged, so that on the relay it comes after newer
     * records of its row (and is the one compaction keeps).
     */
    public RecordMetadata replay(ConsumerRecord<byte[], byte[]> older) {
        return inject(copy(older, older.value()));
    }

    private static ProducerRecord<byte[], byte[]> copy(ConsumerRecord<byte[], byte[]> original, byte[] value) {
        ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(original.topic(), original.partition(),
                original.timestamp(), original.key(), value);
        original.headers().forEach(h -> copy.headers().add(h.key(), h.value()));
        return copy;
    }

    /** Stops MirrorMaker 2, then the relay's cluster. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            mirrorMaker.stop();
            mirrorMaker.awaitStop();
        } finally {
            OpenServers.unregister(this);
            kafka.close();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedRelay[" + kafka.bootstrapServers() + ", " + properties.get(FLOW + "topics") + "]";
    }

    /** A topic name as a regular expression matching exactly it: Herd's names need only '.' escaped. */
    private static String regex(String topic) {
        if (!topic.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("not a topic name: " + topic);
        }
        return topic.replace(".", "\\.");
    }
}
