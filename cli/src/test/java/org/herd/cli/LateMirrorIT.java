package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GazelleWorkload;
import org.herd.simulator.GeneratorSettings;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.testkit.SidecarArguments;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.testkit.MirrorConvergence;
import org.herd.translator.Translator;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.kafka.KafkaTopicReader;
import org.herd.verify.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Mirrors that catch up from the compacted topics alone, the origin untouched: a workload of
 * inserts, updates and deletes runs, the sidecar stops, Kafka's log cleaner removes the
 * superseded records, and then a brand-new mirror, and one that was down all along, each reach
 * exactly the origin's public state while the sidecar stays stopped.
 */
class LateMirrorIT {

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String gazelleDb = "gazelle_late_" + id;
    private final String origin = "late-" + id;
    private final String prefix = TopicNames.defaultPrefix(origin);
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    @AfterEach
    void stopApps() {
        apps.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void mirrorsCatchUpFromCompactedTopicsWithTheSidecarStopped() throws Exception {
        stack.mariaDb().createDatabase(gazelleDb);
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            new GazelleDataGenerator(new GeneratorSettings(7, 0.0003)).load(c, null);
        }
        List<String> sidecarProperties = SidecarArguments.embedded(origin, stack.mariaDb().host(),
                stack.mariaDb().port(), gazelleDb, stack.mariaDb().user(), stack.mariaDb().password(),
                stack.kafka().bootstrapServers());
        sidecarProperties.add("herd.sidecar.source.server-id=" + (7000 + Math.abs(id.hashCode() % 100000)));
        ConfigurableApplicationContext sidecar = SidecarApplication.builder()
                .properties(sidecarProperties.toArray(String[]::new)).run();
        apps.add(sidecar);
        ConfigurableApplicationContext early = startMirror("early");
        await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        awaitEqual("early");
        close(early);

        List<String> entityTopics = NeutralSchema.entities().stream().map(e -> TopicNames.entityTopic(prefix, e))
                .toList();
        try (Admin admin = admin()) {
            // Segments roll every 200 ms while records arrive, and the cleaner takes any of them:
            // months of history in a minute.
            Collection<AlterConfigOp> ops = List.of(
                    set(TopicConfig.SEGMENT_MS_CONFIG, "200"),
                    set(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01"),
                    set(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0"));
            admin.incrementalAlterConfigs(entityTopics.stream().collect(Collectors.toMap(
                    t -> new ConfigResource(ConfigResource.Type.TOPIC, t), t -> ops))).all().get();
        }

        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleWorkload workload = new GazelleWorkload(c, 23);
            for (int i = 0; i < 600; i++) {
                workload.step();
                // Updates and deletes of rows already published, so that there is something to supersede.
                if (i % 3 == 0) {
                    workload.editRelease();
                }
                if (i % 50 == 0) {
                    workload.deleteTorrent();
                    Thread.sleep(250);
                }
            }
        }
        // The sidecar has published everything the workload did once the mirror-to-be would see it;
        // wait for the stream to go quiet, then stop it for good.
        long before;
        long after = produced(entityTopics);
        do {
            before = after;
            Thread.sleep(3000);
            after = produced(entityTopics);
        } while (after != before);
        close(sidecar);

        long produced = produced(entityTopics);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5))
                .until(() -> present(entityTopics) < produced * 9 / 10);
        long present = present(entityTopics);
        assertThat(present).as("records left after compaction, of %d produced", produced).isLessThan(produced);

        ConfigurableApplicationContext late = startMirror("late");
        awaitEqual("late");
        close(late);
        ConfigurableApplicationContext back = startMirror("early");
        awaitEqual("early");
        close(back);
        System.out.printf("LateMirrorIT: %d entity records produced, %d left after compaction%n", produced, present);
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()));
    }

    /** Records ever written to the topics: the sum of their partitions' end offsets. */
    private long produced(List<String> topics) throws Exception {
        try (Admin admin = admin()) {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> latest = described.values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    /** Records still in the topics. */
    private long present(List<String> topics) {
        return KafkaTopicReader.readAll(stack.kafka().bootstrapServers(), topics).size();
    }

    private String mirrorDb(String name) {
        return "mirror_late_" + name + "_" + id;
    }

    private ConfigurableApplicationContext startMirror(String name) {
        String db = mirrorDb(name);
        // Kept when it exists: the "early" mirror comes back to its own database.
        stack.postgres().createDatabase(db);
        ConfigurableApplicationContext mirror = ReplicatorApplication.builder().properties(
                "herd.mirror.origin=" + origin,
                "herd.mirror.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "herd.mirror.kafka.group-id=late-" + name + "-" + id,
                // The sidecar publishes unsigned records: the mirror must be told not to verify.
                "herd.mirror.trust.verify=false",
                "herd.mirror.batch-size=200",
                "spring.datasource.url=" + stack.postgres().jdbcUrl(db),
                "spring.datasource.username=" + stack.postgres().user(),
                "spring.datasource.password=" + stack.postgres().password()).run();
        apps.add(mirror);
        return mirror;
    }

    private void close(ConfigurableApplicationContext app) {
        app.close();
        apps.remove(app);
    }

    private void awaitEqual(String mirror) throws Exception {
        Translator translator = new Translator(SidecarArguments.embeddedSettings(origin));
        MirrorConvergence convergence = new MirrorConvergence(Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> stack.mariaDb().connect(gazelleDb))),
                () -> stack.mariaDb().connect(gazelleDb));
        Verification.Result result = convergence.awaitEqual(stack.postgres().dataSource(mirrorDb(mirror))::getConnection,
                Duration.ofMinutes(4));
        assertThat(result.untranslatable()).isEmpty();
    }
}
