package org.herd.lab;

import org.herd.testkit.Jdbc;
import org.herd.testkit.TestRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.herd.embedded.EmbeddedKafka;
import org.herd.embedded.EmbeddedStack;
import org.herd.replicator.MirrorProgress;
import org.herd.replicator.ReplicatorApplication;
import org.herd.translator.NeutralRecord;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A mirror host without a database server: the mirror runs its own PostgreSQL in a directory. */
class EmbeddedPostgresMirrorIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private ConfigurableApplicationContext start(EmbeddedKafka kafka, String prefix, Path dir) {
        return ReplicatorApplication.builder().properties(
                "herd.mirror.origin=embedded",
                "herd.mirror.topic-prefix=" + prefix,
                "herd.mirror.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "herd.mirror.kafka.group-id=embedded-mirror",
                // The sidecar publishes unsigned records: the mirror must be told not to verify.
                "herd.mirror.trust.verify=false",
                "herd.mirror.poll-timeout=100ms",
                "herd.mirror.embedded-postgres.enabled=true",
                "herd.mirror.embedded-postgres.directory=" + dir,
                "spring.main.banner-mode=off").run();
    }

    private static void send(EmbeddedKafka kafka, String prefix, List<NeutralRecord> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(java.util.Map.of(
                "bootstrap.servers", kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (NeutralRecord r : records) {
                producer.send(new ProducerRecord<>(prefix + "." + r.entity(), WireFormat.encodeKey(r),
                        WireFormat.encode(r))).get();
            }
        }
    }

    private static long count(ConfigurableApplicationContext mirror, String table) {
        return Jdbc.query(mirror.getBean(DataSource.class), "SELECT count(*) AS n FROM herd." + table).stream()
                .mapToLong(r -> ((Number) r.get("n")).longValue()).sum();
    }

    @Test
    void keepsItsDataAndResumePointAcrossRestarts() throws Exception {
        // Under the temp dir: the server may run as an unprivileged user that must traverse the path.
        Path dir = Files.createTempDirectory("herd-mirror-pg-");
        EmbeddedKafka kafka = EmbeddedStack.shared().kafka();
        String prefix = "herd.embedded" + ProcessHandle.current().pid();
        for (EntityType e : List.of(NeutralSchema.ARTIST, NeutralSchema.TAG)) {
            kafka.createTopic(prefix + "." + e.name(), 1, true);
        }
        List<NeutralRecord> first = new ArrayList<>();
        for (long id = 1; id <= 50; id++) {
            first.add(TestRecords.artist("embedded", id, "artist " + id, TestRecords.at(id)));
        }
        send(kafka, prefix, first);
        try {
            runTwice(kafka, prefix, dir);
        } finally {
            try (java.util.stream.Stream<Path> tree = Files.walk(dir)) {
                tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void runTwice(EmbeddedKafka kafka, String prefix, Path dir) throws Exception {
        try (ConfigurableApplicationContext mirror = start(kafka, prefix, dir)) {
            EmbeddedMirrorDatabase db = mirror.getBean(EmbeddedMirrorDatabase.class);
            assertThat(db.directory()).isEqualTo(dir.toAbsolutePath());
            await().atMost(PATIENCE).until(() -> mirror.getBean(MirrorProgress.class).applied() == 50);
        }

        try (ConfigurableApplicationContext mirror = start(kafka, prefix, dir)) {
            assertThat(count(mirror, "artist")).as("rows kept in the data directory").isEqualTo(50);
            send(kafka, prefix, List.of(TestRecords.upsert("embedded", NeutralSchema.TAG, 1, 1, TestRecords.at(100))));
            MirrorProgress progress = mirror.getBean(MirrorProgress.class);
            await().atMost(PATIENCE).until(() -> progress.applied() == 1);
            assertThat(progress.notNewer()).as("resumed after the records already applied").isZero();
            assertThat(count(mirror, "tag")).isOne();
        }
    }
}
