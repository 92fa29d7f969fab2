package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.herd.cli.mirror.MirrorStatusCommand;
import org.herd.embedded.EmbeddedRelay;
import org.herd.embedded.KafkaUsers;
import org.herd.replicator.CheckpointComparison;
import org.herd.replicator.MirrorStatus;
import org.herd.testkit.AclPlan;
import org.herd.testkit.Jdbc;
import org.herd.testkit.TestRecords;
import org.herd.testkit.TestTrust;
import org.herd.translator.NeutralRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two clusters and a hostile relay between them: a locked-down origin cluster with the real,
 * signing sidecar; MirrorMaker 2 copying it to a cluster of its own, run by someone who alters a
 * record, injects a forged one, replays an old version and withholds every record of one row; a
 * real mirror reading only that relay. The mirror refuses what was tampered with, each with its
 * reason, takes everything else, and learns from the origin's signed checkpoint that it is not
 * complete. Pointed at an honest source, it ends equal to the origin and complete at the last
 * checkpoint, and {@code herd mirror status} says so with the refusals counted.
 */
class TamperingRelayIT {

    private static final String RELAY_USER = "herd-relay-mallory";
    private static final String MIRROR_USER = "herd-mirror-carol";
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Test
    void aMirrorRefusesWhatTheRelayTamperedWithAndIsCompleteOnceTheHonestDataArrives() throws Exception {
        try (LockedDownOrigin origin = LockedDownOrigin.start("tampered", List.of(RELAY_USER, MIRROR_USER))) {
            try (Admin admin = origin.kafka.admin()) {
                AclPlan.apply(admin, origin.plan.relay(RELAY_USER));
                AclPlan.apply(admin, origin.plan.mirror(MIRROR_USER, "carol"));
            }
            String prefix = origin.plan.topicPrefix();
            TopicPartition artists = new TopicPartition(prefix + ".artist", 0);
            List<ConsumerRecord<byte[], byte[]>> originArtists = readAll(origin.kafka.admin(), artists,
                    (p, end) -> origin.kafka.readUntil(p, r -> r.offset() >= end - 1, Duration.ofMinutes(1)));
            assertThat(originArtists).hasSizeGreaterThan(3);
            // The row the relay withholds: every record of it, from the snapshot on.
            byte[] withheld = originArtists.get(0).key();

            String mirrorDb = "mirror_tampered_" + origin.id;
            origin.stack.postgres().createDatabase(mirrorDb);
            DataSource db = origin.stack.postgres().dataSource(mirrorDb);
            try (EmbeddedRelay relay = EmbeddedRelay.from(origin.kafka.bootstrapServers(),
                    origin.kafka.users().clientProperties(RELAY_USER))
                    .topics(prefix).excluding(origin.plan.operatorTopics()).withholding(withheld).start()) {
                ConfigurableApplicationContext mirror = origin.startMirror(relay.bootstrapServers(), Map.of(),
                        "herd-mirror-tampered", mirrorDb);
                try {
                    // Withheld: the signed checkpoint states a row the mirror never received.
                    MirrorStatus.OriginStatus differs = awaitCheckpoint(db, origin.origin, CheckpointComparison.DIFFERS);
                    assertThat(differs.lastResult().entities())
                            .filteredOn(e -> CheckpointComparison.ENTITY_DIFFERS.equals(e.outcome()))
                            .extracting(CheckpointComparison.EntityResult::entity).contains("artist");

                    tamper(origin, relay, prefix, artists, originArtists.get(1).key());
                    await().atMost(PATIENCE).until(() -> openRejects(db),
                            r -> r.containsAll(List.of("bad_signature", "stale", "unknown_key")));
                    assertThat(openRejects(db)).containsExactlyInAnyOrder("bad_signature", "stale", "unknown_key");
                    assertThat(Jdbc.query(db, "SELECT count(*) AS n FROM herd.artist WHERE artist_id = 999999999"))
                            .singleElement().satisfies(r -> assertThat(((Number) r.get("n")).longValue()).isZero());
                    assertThat(Jdbc.query(db, "SELECT count(*) AS n FROM herd.artist WHERE name LIKE 'Forged%'"))
                            .singleElement().satisfies(r -> assertThat(((Number) r.get("n")).longValue()).isZero());
                } finally {
                    mirror.close();
                }
            }

            // The operator reads from another source: here the origin's cluster, with the mirror's
            // own principal and a new consumer group, from the beginning. The guarded upsert makes
            // the second reading of every row a no-op; the withheld row arrives.
            ConfigurableApplicationContext honest = origin.startMirror(origin.kafka.bootstrapServers(),
                    KafkaUsers.clientProperties(MIRROR_USER, origin.kafka.users().password(MIRROR_USER)),
                    AclPlan.mirrorGroupPrefix("carol") + mirrorDb, mirrorDb);
            try {
                origin.awaitMirrorEqualsOrigin(mirrorDb);
                MirrorStatus.OriginStatus complete = awaitCheckpoint(db, origin.origin, CheckpointComparison.COMPLETE);
                assertThat(complete.lastResult().summary()).startsWith("complete at ");
            } finally {
                honest.close();
            }

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = MirrorStatusCommand.run(new String[] {"--mirror-url", origin.stack.postgres().jdbcUrl(mirrorDb),
                    "--mirror-user", origin.stack.postgres().user(), "--mirror-password",
                    origin.stack.postgres().password()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String status = out.toString(StandardCharsets.UTF_8);
            assertThat(code).as(status + err.toString(StandardCharsets.UTF_8)).isEqualTo(MirrorStatusCommand.OK);
            assertThat(status).contains("origin " + origin.origin)
                    .contains("verification        ON, against trust root v1")
                    .containsPattern("last checkpoint     complete at e1:")
                    .contains("unknown_key 1,").contains("bad_signature 1,").contains("wrong_origin 0,")
                    // The replay; and the renamed artist's first version when the second reading from
                    // the origin's beginning brought it in a batch after the one with the newer row.
                    .containsPattern("stale [12] \\(open");
        }
    }

    /**
     * On the relay: an artist's record altered, an artist forged with a key the origin's root does
     * not name, and, once the origin has renamed an artist, its older version replayed after the
     * newer one.
     */
    private static void tamper(LockedDownOrigin origin, EmbeddedRelay relay, String prefix, TopicPartition artists,
            byte[] renamedKey) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> relayed = readAll(relay.kafka().admin(), artists,
                (p, end) -> relay.kafka().readUntil(p, r -> r.offset() >= end - 1, Duration.ofMinutes(1)));
        ConsumerRecord<byte[], byte[]> genuine = relayed.stream()
                .filter(r -> !Arrays.equals(r.key(), renamedKey) && r.value() != null
                        && new String(r.value(), StandardCharsets.UTF_8).contains("\"name\":\""))
                .reduce((a, b) -> b).orElseThrow();
        relay.alter(genuine, v -> new String(v, StandardCharsets.UTF_8).replaceFirst("\"name\":\"", "\"name\":\"Forged ")
                .getBytes(StandardCharsets.UTF_8));

        NeutralRecord forged = TestRecords.artist(origin.origin, 999_999_999L, "Forged artist",
                TestRecords.at("mysql-bin.999999", 4, 0));
        relay.inject(TestTrust.signed(prefix, List.of(forged), TestTrust.foreignKey("mallory")).get(0));

        long artistId = Long.parseLong(new String(renamedKey, StandardCharsets.UTF_8).replaceAll("\\D+", ""));
        try (Connection c = origin.stack.mariaDb().connect(origin.gazelleDb); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE artists_group SET Name = CONCAT(Name, ' renamed') WHERE ArtistID = "
                    + artistId)).isOne();
        }
        ConsumerRecord<byte[], byte[]> older = await().atMost(PATIENCE)
                .until(() -> olderVersion(relay, artists, renamedKey), Objects::nonNull);
        relay.replay(older);
    }

    /** The first record of {@code key} in {@code partition} on the relay once a later version follows it, or null. */
    private static ConsumerRecord<byte[], byte[]> olderVersion(EmbeddedRelay relay, TopicPartition partition,
            byte[] key) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> versions = readAll(relay.kafka().admin(), partition,
                (p, end) -> relay.kafka().readUntil(p, r -> r.offset() >= end - 1, Duration.ofMinutes(1)))
                .stream().filter(r -> Arrays.equals(r.key(), key) && r.value() != null).toList();
        return versions.size() >= 2 && !Arrays.equals(versions.get(0).value(), versions.get(versions.size() - 1).value())
                ? versions.get(0) : null;
    }

    private interface Reader {
        List<ConsumerRecord<byte[], byte[]>> read(TopicPartition partition, long end) throws Exception;
    }

    /** Everything in {@code partition} up to its current end. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(Admin admin, TopicPartition partition, Reader reader)
            throws Exception {
        long end;
        try (admin) {
            end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
        return end == 0 ? List.of() : reader.read(partition, end);
    }

    private static MirrorStatus.OriginStatus awaitCheckpoint(DataSource db, String origin, String result) {
        return await().atMost(PATIENCE).until(() -> {
            List<MirrorStatus.OriginStatus> all = MirrorStatus.read(db, origin);
            return all.isEmpty() ? null : all.get(0);
        }, s -> s != null && s.lastResult() != null && result.equals(s.lastResult().result()));
    }

    private static List<String> openRejects(DataSource db) {
        List<String> reasons = new ArrayList<>();
        for (Map<String, Object> r : Jdbc.query(db,
                "SELECT reason FROM herd.reject WHERE subject = 'record' AND resolved_at IS NULL ORDER BY id")) {
            reasons.add((String) r.get("reason"));
        }
        return reasons;
    }
}
