package org.herd.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How a Herd client reaches Kafka: the brokers and the operator's client properties
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, timeouts, ...). Every client Herd
 * makes takes its configuration from here (the sidecar's producer and admin client, Debezium's
 * offset store, schema history and signal consumer, the sidecar's state readers, a mirror's
 * consumer, {@code herd quarantine}, {@code herd verify --repair}), so that a security setting given
 * once reaches every one of them.
 *
 * <p>A role's configuration is layered: the role's defaults, then the operator's properties, then
 * the bootstrap servers and the settings the role cannot do without, which win.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param properties       the operator's client properties, named as the Kafka clients name them;
 *                         secret values are never printed ({@link #describe()})
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> properties) {

    /** Kafka's own secrets: every client setting of type PASSWORD. */
    private static final Set<String> PASSWORD_SETTINGS = Stream.of(ProducerConfig.configDef(),
                    ConsumerConfig.configDef(), AdminClientConfig.configDef())
            .flatMap(d -> d.configKeys().values().stream())
            .filter(k -> k.type == ConfigDef.Type.PASSWORD)
            .map(k -> k.name)
            .collect(Collectors.toUnmodifiableSet());

    /** Debezium's prefixes for the clients of its schema history and of its Kafka signal channel. */
    static final String SCHEMA_HISTORY_PRODUCER = "schema.history.internal.producer.";
    static final String SCHEMA_HISTORY_CONSUMER = "schema.history.internal.consumer.";
    static final String SIGNAL_CONSUMER = "signal.consumer.";

    public KafkaConnection {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /** Brokers without further client properties (plaintext, as the embedded test broker). */
    public static KafkaConnection of(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /**
     * A producer of byte arrays. Every Herd producer is idempotent with {@code acks=all}: a retried
     * send is not written twice, and a record counts as sent only once every in-sync replica has
     * it; the operator's properties cannot change that.
     *
     * @param defaults settings of this producer that the operator's properties may override
     */
    public Map<String, Object> producer(String clientId, Map<String, ?> defaults) {
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        fixed.put(ProducerConfig.ACKS_CONFIG, "all");
        fixed.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        fixed.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        fixed.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return client(defaults, fixed);
    }

    /**
     * A consumer of byte arrays. No Herd consumer commits offsets to Kafka on its own: a mirror
     * commits them in PostgreSQL with the rows, every other reader reads a topic once.
     *
     * @param defaults settings the operator's properties may override
     * @param role     settings this consumer needs as they are (group, offset reset, ...)
     */
    public Map<String, Object> consumer(Map<String, ?> defaults, Map<String, ?> role) {
        Map<String, Object> fixed = new LinkedHashMap<>(role);
        fixed.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        fixed.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        fixed.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return client(defaults, fixed);
    }

    /** An admin client. */
    public Map<String, Object> admin() {
        return client(Map.of(), Map.of());
    }

    /**
     * The Kafka settings of a Debezium embedded engine whose offsets, schema history and signals
     * live in this cluster. The engine's offset store (Kafka Connect's
     * {@code KafkaOffsetBackingStore}) and its admin client read the engine's own top-level
     * settings; the schema history's producer and consumer and the Kafka signal channel's
     * consumer read theirs under a prefix each.
     */
    public Map<String, String> debezium() {
        Map<String, String> p = new LinkedHashMap<>(properties);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put("schema.history.internal.kafka.bootstrap.servers", bootstrapServers);
        p.put("signal.kafka.bootstrap.servers", bootstrapServers);
        properties.forEach((k, v) -> {
            p.put(SCHEMA_HISTORY_PRODUCER + k, v);
            p.put(SCHEMA_HISTORY_CONSUMER + k, v);
            p.put(SIGNAL_CONSUMER + k, v);
        });
        return Collections.unmodifiableMap(p);
    }

    /** Layers {@code defaults}, the operator's properties, then the bootstrap servers and {@code fixed}. */
    private Map<String, Object> client(Map<String, ?> defaults, Map<String, ?> fixed) {
        Map<String, Object> config = new TreeMap<>();
        defaults.forEach((k, v) -> config.put(k, String.valueOf(v)));
        config.putAll(properties);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        fixed.forEach((k, v) -> config.put(k, String.valueOf(v)));
        return config;
    }

    /**
     * Whether a client property holds a secret: every setting Kafka itself types as a password
     * ({@code sasl.jaas.config}, {@code ssl.key.password}, {@code ssl.keystore.key}, ...), and any
     * other whose name speaks of one (a login module's or an OAuth client's secret).
     */
    public static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return PASSWORD_SETTINGS.contains(n) || n.contains("password") || n.contains("secret") || n.contains("jaas")
                || n.contains("token") || n.contains("credential");
    }

    /** The values of the secret properties, for masking them in any text before it is printed. */
    public Set<String> secrets() {
        return properties.entrySet().stream().filter(e -> isSecret(e.getKey()) && e.getValue() != null
                && !e.getValue().isEmpty()).map(Map.Entry::getValue).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The brokers and every property, secrets as {@code ****}: fit for a log line. */
    public String describe() {
        if (properties.isEmpty()) {
            return bootstrapServers;
        }
        return bootstrapServers + " " + properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? "****" : e.getValue()))
                .collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    public String toString() {
        return "KafkaConnection[" + describe() + "]";
    }
}
