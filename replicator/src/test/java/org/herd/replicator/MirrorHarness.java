package org.herd.replicator;

import org.herd.testkit.Jdbc;
import org.herd.testkit.TestRecords;
import org.herd.testkit.TestTrust;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.herd.embedded.EmbeddedKafka;
import org.herd.embedded.EmbeddedPostgres;
import org.herd.translator.NeutralRecord;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One mirror under test: its own origin, topic prefix and database on the shared Kafka and
 * PostgreSQL servers, a producer that writes records the way the sidecar does, and the mirror
 * application itself, which can be started and closed repeatedly against the same database.
 */
final class MirrorHarness implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final EmbeddedKafka kafka;
    final EmbeddedPostgres postgres;
    final String origin;
    final String prefix;
    final String database;
    final String groupId;
    final DataSource db;
    private final KafkaProducer<byte[], byte[]> producer;
    private final boolean sharedProducer;
    private final List<String> extraProperties = new ArrayList<>();
    /** The root file the mirror verifies against; null: the test kit's root of this origin (TestTrust). */
    private java.nio.file.Path rootFile;
    /** Off only for tests of what a mirror does when its operator turned verification off. */
    private boolean verify = true;
    private ConfigurableApplicationContext mirror;

    /** A mirror on the JVM's shared Kafka broker and PostgreSQL server. */
    MirrorHarness(String name) {
        this(EmbeddedKafka.shared(), EmbeddedPostgres.shared(), name);
    }

    MirrorHarness(EmbeddedKafka kafka, EmbeddedPostgres postgres, String name) {
        this.kafka = kafka;
        this.postgres = postgres;
        int n = SEQUENCE.incrementAndGet();
        this.origin = "site" + n;
        this.prefix = "herd.it" + ProcessHandle.current().pid() + "-" + n + "-" + name;
        this.database = "mirror_" + n + "_" + name.toLowerCase().replaceAll("[^a-z0-9]", "_");
        this.groupId = "herd-mirror-" + n;
        postgres.createDatabase(database);
        this.db = postgres.dataSource(database);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(p);
        this.sharedProducer = false;
    }

    private MirrorHarness(MirrorHarness followed, String name) {
        this.kafka = followed.kafka;
        this.postgres = followed.postgres;
        int n = SEQUENCE.incrementAndGet();
        this.origin = followed.origin;
        this.prefix = followed.prefix;
        this.database = "mirror_" + n + "_" + name.toLowerCase().replaceAll("[^a-z0-9]", "_");
        this.groupId = "herd-mirror-" + n;
        postgres.createDatabase(database);
        this.db = postgres.dataSource(database);
        this.producer = followed.producer;
        this.sharedProducer = true;
        this.verify = followed.verify;
        this.rootFile = followed.rootFile;
    }

    /** Another mirror of the same origin and topics, with its own database and consumer group. */
    MirrorHarness sibling(String name) {
        return new MirrorHarness(this, name);
    }

    /** Creates the compacted topic of every entity, as the sidecar does. */
    MirrorHarness withTopics(int partitions) {
        for (EntityType e : NeutralSchema.entities()) {
            kafka.createTopic(topic(e.name()), partitions, true);
        }
        // The trust and checkpoint topics, as a signing sidecar creates them.
        kafka.createTopic(prefix + "._trust", 1, true);
        kafka.createTopic(prefix + "._checkpoints", 1, false);
        return this;
    }

    MirrorHarness withProperty(String property) {
        extraProperties.add(property);
        return this;
    }

    /** Drops a property {@link #withProperty} added, for the next start. */
    MirrorHarness withoutProperty(String property) {
        extraProperties.remove(property);
        return this;
    }

    /**
     * A mirror that verifies against the root in {@code rootFile} rather than the test kit's root
     * of this origin ({@link TestTrust}), which every mirror of the harness verifies against
     * otherwise, with checkpoints compared every half second.
     */
    MirrorHarness withTrust(java.nio.file.Path rootFile) {
        this.rootFile = rootFile;
        return this;
    }

    /**
     * A mirror whose operator turned verification off (herd.mirror.trust.verify=false): for tests
     * of what such a mirror does, e.g. with bytes no origin signed.
     */
    MirrorHarness withoutVerification() {
        this.verify = false;
        return this;
    }

    /** Sends signed (or forged) records as they are, headers included, and waits until Kafka has them. */
    void sendSigned(Collection<SignedTestRecords.Signed> records) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (SignedTestRecords.Signed r : records) {
            sent.add(producer.send(r.producerRecord()));
        }
        awaitAll(sent);
    }

    void sendSigned(SignedTestRecords.Signed... records) {
        sendSigned(List.of(records));
    }

    String topic(String entity) {
        return prefix + "." + entity;
    }

    /**
     * Sends records to their entity's topic as a sidecar of epoch 1 publishes them (positions at
     * epoch 1, signed by the test kit's origin key, {@link TestTrust#signed}; unsigned and as they
     * are to a mirror that does not verify), and waits until Kafka has them all.
     */
    void send(Collection<NeutralRecord> records) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        if (verify) {
            for (ProducerRecord<byte[], byte[]> r : TestTrust.signed(prefix, List.copyOf(records))) {
                sent.add(producer.send(r));
            }
        } else {
            for (NeutralRecord r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic(r.entity()), WireFormat.encodeKey(r),
                        WireFormat.encode(r))));
            }
        }
        awaitAll(sent);
    }

    /** {@code record} as {@link #send} publishes it: at epoch 1 to a mirror that verifies. */
    NeutralRecord asSent(NeutralRecord record) {
        return verify ? TestTrust.atEpoch(record, 1) : record;
    }

    boolean verifies() {
        return verify;
    }

    void send(NeutralRecord... records) {
        send(List.of(records));
    }

    /** Sends raw bytes to a topic, for records no sidecar would write. */
    void sendRaw(String topic, byte[] key, byte[] value) {
        awaitAll(List.of(producer.send(new ProducerRecord<>(topic, key, value))));
    }

    private static void awaitAll(List<java.util.concurrent.Future<?>> sent) {
        try {
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send failed", e.getCause());
        }
    }

    /** Starts the mirror application against this harness's database and topics. */
    ConfigurableApplicationContext startMirror() {
        if (mirror != null) {
            throw new IllegalStateException("mirror already running");
        }
        List<String> properties = new ArrayList<>(List.of(
                "herd.mirror.origin=" + origin,
                "herd.mirror.topic-prefix=" + prefix,
                "herd.mirror.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "herd.mirror.kafka.group-id=" + groupId,
                // Pick up topics created after start-up quickly.
                "herd.mirror.kafka.properties.metadata.max.age.ms=500",
                "herd.mirror.poll-timeout=100ms",
                "spring.datasource.url=" + postgres.jdbcUrl(database),
                "spring.datasource.username=" + postgres.user(),
                "spring.datasource.password=" + postgres.password(),
                "spring.datasource.hikari.maximum-pool-size=3",
                "spring.main.banner-mode=off"));
        if (!verify) {
            properties.add("herd.mirror.trust.verify=false");
        } else {
            properties.add("herd.mirror.trust.root-file=" + (rootFile != null ? rootFile : TestTrust.rootFile(origin, 1)));
            properties.add("herd.mirror.trust.checkpoint-interval=500ms");
        }
        properties.addAll(extraProperties);
        mirror = ReplicatorApplication.builder().properties(properties.toArray(String[]::new)).run();
        return mirror;
    }

    void stopMirror() {
        if (mirror != null) {
            mirror.close();
            mirror = null;
        }
    }

    /** The running mirror's application context. */
    ConfigurableApplicationContext startedMirror() {
        return mirror;
    }

    MirrorProgress progress() {
        return mirror.getBean(MirrorProgress.class);
    }

    /** Rows of an entity table as column maps, keyed by the entity's key values. */
    Map<List<Object>, Map<String, Object>> rows(EntityType entity) {
        Map<List<Object>, Map<String, Object>> rows = new LinkedHashMap<>();
        for (Map<String, Object> row : query("SELECT * FROM herd." + entity.name() + " ORDER BY 1, 2")) {
            List<Object> key = new ArrayList<>();
            entity.keyNames().forEach(k -> key.add(row.get(k)));
            rows.put(key, row);
        }
        return rows;
    }

    long count(String sql, Object... args) {
        return ((Number) query(sql, args).get(0).values().iterator().next()).longValue();
    }

    List<Map<String, Object>> query(String sql, Object... args) {
        return Jdbc.query(db, sql, args);
    }

    void execute(String sql) {
        Jdbc.execute(db, sql);
    }

    @Override
    public void close() {
        stopMirror();
        if (!sharedProducer) {
            producer.close();
        }
    }
}
