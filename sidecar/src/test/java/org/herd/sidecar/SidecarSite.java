package org.herd.sidecar;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.herd.embedded.EmbeddedKafka;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.kafka.KafkaTopicReader;
import org.herd.sidecar.signal.SnapshotSignal;
import org.herd.testkit.Published;
import org.herd.testkit.SidecarArguments;
import org.herd.testkit.SourceServer;
import org.herd.translator.NeutralRecord;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One WhatCD database of its own on a source server (the shared embedded MariaDB unless told
 * otherwise), with its own origin and topics on the shared Kafka broker, and the sidecar for it,
 * started and stopped at will: the fixture of the sidecar's tests against real servers.
 */
final class SidecarSite implements AutoCloseable {

    final SourceServer source;
    final EmbeddedKafka kafka = EmbeddedKafka.shared();
    final String db;
    final String origin;
    final String prefix;
    private ConfigurableApplicationContext sidecar;

    SidecarSite() throws SQLException {
        this(SourceServer.embedded());
    }

    SidecarSite(SourceServer source) throws SQLException {
        this.source = source;
        this.db = "gazelle_" + UUID.randomUUID().toString().substring(0, 8);
        this.origin = "it-" + db.substring(8);
        this.prefix = "herd." + origin;
        source.createDatabase(db);
        try (Connection c = connect()) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
        }
    }

    /** Another origin with topics of its own, reading the same database as {@code site}. */
    private SidecarSite(SidecarSite site, String suffix) {
        this.source = site.source;
        this.db = site.db;
        this.origin = site.origin + "-" + suffix;
        this.prefix = "herd." + origin;
    }

    /** A second sidecar's site over this one's database: another origin, other topics. */
    SidecarSite sameDatabase(String suffix) {
        return new SidecarSite(this, suffix);
    }

    Connection connect() throws SQLException {
        return source.connect(db);
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    /** Starts the sidecar with the site's properties, then {@code extra} ones. */
    ConfigurableApplicationContext start(String... extra) {
        List<String> properties = SidecarArguments.embedded(origin, source, db, bootstrap());
        // Two partitions a topic: what must hold in order holds per key, not by the luck of one partition.
        properties.add("herd.sidecar.kafka.partitions=2");
        properties.addAll(List.of(extra));
        sidecar = SidecarApplication.builder().properties(properties.toArray(String[]::new)).run();
        return sidecar;
    }

    /** The running sidecar. */
    ConfigurableApplicationContext sidecar() {
        return sidecar;
    }

    SidecarProgress progress() {
        return sidecar.getBean(SidecarProgress.class);
    }

    /** Stops the sidecar; its producer delivers what it sent before it closes. */
    void stop() {
        if (sidecar != null) {
            sidecar.close();
            sidecar = null;
        }
    }

    /**
     * Sends a snapshot signal naming rows by a condition per table, as {@code herd verify --repair}
     * does: the sidecar reads those rows again while it streams.
     */
    void signalSnapshot(Map<String, String> rowsByTable) throws InterruptedException {
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            SnapshotSignal.of(rowsByTable).send(producer, prefix, origin, db);
        }
    }

    List<NeutralRecord> records(String entity) {
        return Published.records(bootstrap(), prefix + "." + entity);
    }

    int count(String topicSuffix) {
        return KafkaTopicReader.readAll(bootstrap(), Set.of(prefix + "." + topicSuffix)).size();
    }

    /** Keys (the named key field) of the entity's records, of snapshot reads only or of all. */
    Set<Object> keys(String entity, String keyField, boolean snapshotOnly) {
        return records(entity).stream().filter(r -> !snapshotOnly || r.position().snapshot())
                .map(r -> r.key().get(keyField)).collect(Collectors.toSet());
    }

    long snapshotReads(String entity) {
        return records(entity).stream().filter(r -> r.position().snapshot()).count();
    }

    @Override
    public void close() {
        stop();
    }
}
