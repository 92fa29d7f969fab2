package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.simulator.GazelleWorkload;
import org.herd.testkit.Published;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.kafka.KafkaTopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mirrors that catch up from the compacted topics alone, the origin untouched: a workload of
 * inserts, updates and deletes runs, the sidecar stops, Kafka's log cleaner removes the
 * superseded records, and then a brand-new mirror, and one that was down all along, each reach
 * exactly the origin's public state while the sidecar stays stopped.
 */
class LateMirrorIT {

    private final ReplicatedSite site;

    LateMirrorIT() throws SQLException {
        site = new ReplicatedSite("late", GazelleVariant.WHATCD);
    }

    @AfterEach
    void stopApps() {
        site.close();
    }

    @Test
    void mirrorsCatchUpFromCompactedTopicsWithTheSidecarStopped() throws Exception {
        site.generate(7, 0.0003);
        site.startSidecar();
        startMirror("early");
        await().atMost(Duration.ofMinutes(3)).until(site.sidecarProgress()::isSnapshotCompleted);
        site.awaitMirrorHoldsEveryOriginRow("early", Duration.ofMinutes(4));
        site.stopMirror("early");

        List<String> entityTopics = NeutralSchema.entities().stream()
                .map(e -> TopicNames.entityTopic(site.prefix, e)).toList();
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

        try (Connection c = site.gazelle()) {
            GazelleWorkload workload = new GazelleWorkload(c, 23);
            for (int i = 0; i < 600; i++) {
                workload.step();
                // Updates and deletes of rows already published, so that there is something to supersede.
                if (i % 3 == 0) {
                    workload.editRelease();
                }
                if (i % 50 == 0) {
                    workload.deleteTorrent();
                    // Paces the workload so that segments (200 ms) close between its bursts and the
                    // cleaner has some to take; nothing waits on it.
                    Thread.sleep(250);
                }
            }
        }
        // The marker, a tag written after the workload: once its record is in Kafka, the sidecar has
        // sent the records of everything before it, and stopping it delivers them.
        String marker = "marker." + site.origin.replace('-', '.');
        try (Connection c = site.gazelle(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO tags (Name, TagType, Uses, UserID) VALUES ('" + marker + "', 'other', 0, 1)");
        }
        Published.awaitMarker(site.bootstrap(), TopicNames.entityTopic(site.prefix, NeutralSchema.TAG),
                r -> marker.equals(r.payload().get("name")), Duration.ofMinutes(3));
        site.stopSidecar();

        long produced = produced(entityTopics);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5))
                .until(() -> present(entityTopics) < produced * 9 / 10);
        long present = present(entityTopics);
        assertThat(present).as("records left after compaction, of %d produced", produced).isLessThan(produced);

        startMirror("late");
        site.awaitMirrorHoldsEveryOriginRow("late", Duration.ofMinutes(4));
        // Its first copy deferred its secondary indexes; the last checkpoint on the compacted topic,
        // issued after the origin's snapshot, brings them back, exactly those the early mirror has.
        await().atMost(Duration.ofMinutes(2)).until(() -> deferredIndexes("late") == 0);
        site.stopMirror("late");
        // The early mirror may have been stopped above before a checkpoint issued after the snapshot
        // reached it: started again, it reads the ones the origin published meanwhile and builds its
        // deferred indexes as the late mirror did.
        startMirror("early");
        site.awaitMirrorHoldsEveryOriginRow("early", Duration.ofMinutes(4));
        await().atMost(Duration.ofMinutes(2)).until(() -> deferredIndexes("early") == 0);
        site.stopMirror("early");
        assertThat(indexes("late")).containsKeys("release_files_fts", "release_group_name_trgm",
                "release_group_browse_key", "artist_pkey").isEqualTo(indexes("early"));
        System.out.printf("LateMirrorIT: %d entity records produced, %d left after compaction%n", produced, present);
    }

    private long deferredIndexes(String mirror) throws SQLException {
        return org.herd.replicator.MirrorStatus.deferredIndexes(site.mirrorDb(mirror));
    }

    /** The indexes of the mirror's entity tables, by name, with their definitions. */
    private Map<String, String> indexes(String mirror) throws SQLException {
        Map<String, String> out = new java.util.TreeMap<>();
        String tables = NeutralSchema.entities().stream().map(e -> "'" + e.name() + "'")
                .collect(Collectors.joining(", "));
        try (Connection c = site.mirrorDb(mirror).getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes"
                        + " WHERE schemaname = 'herd' AND tablename IN (" + tables + ")")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, site.bootstrap()));
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
        return KafkaTopicReader.readAll(site.bootstrap(), topics).size();
    }

    private void startMirror(String name) {
        site.startMirror(name, "herd.mirror.batch-size=200");
    }
}
