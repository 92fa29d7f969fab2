package org.herd.cli.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.CarriedUserReferences;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.kafka.KafkaConnection;
import org.herd.kafka.KafkaTopicReader;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.MirrorArguments;
import org.herd.testkit.MirrorConvergence;
import org.herd.testkit.SidecarArguments;
import org.herd.testkit.TestTrust;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.UserReferences;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.verify.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * Succession, end to end (docs/survival.md, "A bad day"): an origin signing at epoch 1 and a
 * mirror of it; the origin is gone, with its sidecar and every topic; a site rebuilt from the
 * mirror ({@code herd restore}), which no longer holds some of the rows, signs at epoch 2 under the
 * trust root of version 2 into a fresh cluster's topics (the same names, created anew). The same
 * mirror, not rebuilt, pointed at them with the new root and a new consumer group, ends equal to
 * the successor by verify's comparison: the rows the successor no longer holds are retired once its
 * snapshot's closing checkpoint is passed, and a record of the old epoch replayed afterwards is
 * refused as stale.
 */
class SuccessionIT {

    private static final GazelleVariant VARIANT = GazelleVariant.WHATCD;

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String originDb = "sc_origin_" + id;
    private final String successorDb = "sc_successor_" + id;
    private final String mirrorDb = "sc_mirror_" + id;
    private final String origin = "sc-" + id;
    private final String prefix = TopicNames.defaultPrefix(origin);
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    @AfterEach
    void stopApps() {
        apps.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aMirrorFollowsTheSuccessorAndRetiresTheRowsItNoLongerHolds() throws Exception {
        stack.mariaDb().createDatabase(originDb);
        stack.postgres().createDatabase(mirrorDb);
        try (Connection c = stack.mariaDb().connect(originDb)) {
            GazelleSchema.load(c, VARIANT);
            new GazelleDataGenerator(new GeneratorSettings(43, 0.0005)).load(c, VARIANT, null);
        }

        // Epoch 1: the origin, its sidecar and a mirror.
        ConfigurableApplicationContext sidecar = startSidecar(originDb, 1);
        ConfigurableApplicationContext mirror = startMirror(1, "first");
        await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        Translator first = new Translator(SidecarArguments.embeddedSettings(origin, VARIANT));
        converge(first, originDb);
        ConsumerRecord<byte[], byte[]> oldTag = aRecordOf("tag");
        long epoch1Rows = liveRowsOfEpochsBelow(2);
        assertThat(epoch1Rows).isGreaterThan(100);

        // The origin is gone: its sidecar, and every topic it wrote.
        sidecar.close();
        mirror.close();
        deleteTheOriginsTopics();

        // Trustees name a new key at epoch 2 for a site rebuilt from the mirror, which lost some rows.
        stack.mariaDb().createDatabase(successorDb);
        Run restored = restore();
        assertThat(restored.exit()).as(restored.err()).isEqualTo(RestoreCommand.RESTORED);
        int dropped;
        try (Connection c = stack.mariaDb().connect(successorDb); Statement s = c.createStatement()) {
            dropped = s.executeUpdate("DELETE FROM torrents_tags ORDER BY GroupID, TagID LIMIT 7");
        }
        assertThat(dropped).isEqualTo(7);
        ConfigurableApplicationContext successor = startSidecar(successorDb, 2);
        startMirror(2, "successor");
        await().atMost(Duration.ofMinutes(3)).until(successor.getBean(SidecarProgress.class)::isSnapshotCompleted);

        // The mirror, not rebuilt, equals the successor: the dropped rows retired, nothing of epoch 1 live.
        Map<Long, String> carried;
        try (Connection c = stack.mariaDb().connect(successorDb)) {
            carried = CarriedUserReferences.read(c);
        }
        Translator second = new Translator(new TranslatorSettings(origin, VARIANT, UserReferences.pseudonymous(
                SidecarArguments.EMBEDDED_PSEUDONYM_KEY.getBytes(StandardCharsets.UTF_8)).withCarried(carried), false));
        await().atMost(Duration.ofMinutes(2)).until(() -> retired() != null);
        Verification.Result result = converge(second, successorDb);
        assertThat(result.entities().get("release_group_tag").mirrorRows()).isPositive();
        assertThat(liveRowsOfEpochsBelow(2)).isZero();
        assertThat(retired()).isEqualTo(7);
        await().atMost(Duration.ofMinutes(2)).until(() -> "complete".equals(lastCheckpointResult()));
        assertThat(org.herd.replicator.MirrorStatus.read(stack.postgres().dataSource(mirrorDb), origin).get(0)
                .succession()).startsWith("epoch 2 superseded the earlier ones (checkpoint at e2:")
                .contains(": 7 rows the origin no longer holds retired at ");

        // A relay replaying a record of the old epoch: refused as stale, the row stays as the successor has it.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaConnection.of(stack.kafka().bootstrapServers()).producer("succession-relay", Map.of()))) {
            producer.send(new ProducerRecord<>(oldTag.topic(), null, oldTag.key(), oldTag.value(), oldTag.headers()))
                    .get();
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> staleSupersededRejects() == 1);
        assertThat(converge(second, successorDb).entities().values()).allSatisfy(e -> assertThat(e.equal()).isTrue());
    }

    private Verification.Result converge(Translator translator, String gazelleDb) throws Exception {
        Verification.Result result = new MirrorConvergence(Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> stack.mariaDb().connect(gazelleDb))),
                () -> stack.mariaDb().connect(gazelleDb))
                .awaitEqual(stack.postgres().dataSource(mirrorDb)::getConnection, Duration.ofMinutes(3));
        assertThat(result.untranslatable()).isEmpty();
        return result;
    }

    /** One record of the entity's topic as the origin published it, headers included. */
    private ConsumerRecord<byte[], byte[]> aRecordOf(String entity) {
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        KafkaTopicReader.forEach(stack.kafka().bootstrapServers(), List.of(prefix + "." + entity), Duration.ofMinutes(1), read::add);
        assertThat(read).isNotEmpty();
        return read.get(0);
    }

    private void deleteTheOriginsTopics() throws Exception {
        try (Admin admin = Admin.create(KafkaConnection.of(stack.kafka().bootstrapServers()).admin())) {
            List<String> topics = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(prefix + ".")).toList();
            assertThat(topics).contains(prefix + ".tag", prefix + "._checkpoints", prefix + "._offsets");
            admin.deleteTopics(topics).all().get();
            await().atMost(Duration.ofMinutes(1)).until(() -> admin.listTopics().names().get().stream()
                    .noneMatch(t -> t.startsWith(prefix + ".")));
        }
    }

    private long liveRowsOfEpochsBelow(long epoch) throws SQLException {
        long rows = 0;
        try (Connection c = stack.postgres().dataSource(mirrorDb).getConnection()) {
            for (var e : NeutralSchema.entities()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM herd.\"" + e.name()
                        + "\" WHERE origin = ? AND NOT deleted AND src_epoch < ?")) {
                    ps.setString(1, origin);
                    ps.setLong(2, epoch);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        rows += rs.getLong(1);
                    }
                }
            }
        }
        return rows;
    }

    /** Rows retired by the succession to epoch 2, once it happened. */
    private Long retired() throws SQLException {
        return single("SELECT rows_retired FROM herd.epoch_retirement WHERE origin = ? AND epoch = 2"
                + " AND retired_at IS NOT NULL", Long.class);
    }

    private String lastCheckpointResult() throws SQLException {
        return single("SELECT result FROM herd.checkpoint_result WHERE origin = ? ORDER BY id DESC LIMIT 1",
                String.class);
    }

    private long staleSupersededRejects() throws SQLException {
        return single("SELECT COUNT(*) FROM herd.reject WHERE origin = ? AND reason = 'stale'"
                + " AND detail LIKE '%superseded%'", Long.class);
    }

    private <T> T single(String sql, Class<T> type) throws SQLException {
        try (Connection c = stack.postgres().dataSource(mirrorDb).getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, type) : null;
            }
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run restore() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new RestoreCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute("--gazelle", "--variant", "whatcd", "--origin", origin,
                "--mirror-url", stack.postgres().jdbcUrl(mirrorDb), "--mirror-user", stack.postgres().user(),
                "--mirror-password", stack.postgres().password(), "--target-url", stack.mariaDb().jdbcUrl(successorDb),
                "--target-user", stack.mariaDb().user(), "--target-password", stack.mariaDb().password());
        return new Run(exit, out.toString(), err.toString());
    }

    /** A sidecar signing at {@code epoch} with the test kit's key and root of that version. */
    private ConfigurableApplicationContext startSidecar(String database, int epoch) {
        List<String> properties = new ArrayList<>(SidecarArguments.embedded(origin, stack.mariaDb(), database,
                stack.kafka().bootstrapServers()));
        properties.removeIf(p -> p.startsWith("herd.sidecar.trust.key-file=")
                || p.startsWith("herd.sidecar.trust.root-file="));
        properties.addAll(TestTrust.sidecarProperties(origin, epoch));
        if (epoch > 1) {
            properties.add("herd.sidecar.privacy.carried-references=true");
        }
        ConfigurableApplicationContext app = SidecarApplication.builder().properties(properties.toArray(String[]::new))
                .run();
        apps.add(app);
        return app;
    }

    /** The mirror on its one database, trusting the root of {@code rootVersion}, in consumer group {@code group}. */
    private ConfigurableApplicationContext startMirror(int rootVersion, String group) {
        List<String> properties = MirrorArguments.embedded(origin, stack.kafka().bootstrapServers(), stack.postgres(),
                mirrorDb, mirrorDb + "-" + group);
        properties.removeIf(p -> p.startsWith("herd.mirror.trust.root-file="));
        properties.add("herd.mirror.trust.root-file=" + TestTrust.rootFile(origin, rootVersion));
        properties.add("herd.mirror.trust.checkpoint-interval=1s");
        ConfigurableApplicationContext app = ReplicatorApplication.builder()
                .properties(properties.toArray(String[]::new)).run();
        apps.add(app);
        return app;
    }
}
