package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.kafka.KafkaTopicReader;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GazelleWorkload;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.MirrorConvergence;
import org.herd.testkit.SidecarArguments;
import org.herd.translator.Translator;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.verify.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A mirror born from an archive with the origin's topics gone: a generated site and its signing
 * sidecar, an archive of the topics once the sidecar has stopped, then every topic of the origin
 * deleted. A new mirror started with {@code herd.mirror.bootstrap.archive} (what
 * {@code herd mirror --bootstrap-from} sets) equals the origin from the archive alone; then the
 * sidecar starts again on the empty cluster (a snapshot anew) and the site changes, and the mirror
 * converges to the origin's state by the stream.
 */
class ArchiveBootstrapIT {

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String gazelleDb = "gazelle_boot_" + id;
    private final String mirrorDb = "mirror_boot_" + id;
    private final String origin = "boot-" + id;
    private final String prefix = TopicNames.defaultPrefix(origin);
    private ConfigurableApplicationContext sidecar;
    private ConfigurableApplicationContext mirror;

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        if (mirror != null) {
            mirror.close();
        }
        if (sidecar != null) {
            sidecar.close();
        }
    }

    @Test
    void aMirrorLoadedFromAnArchiveAloneEqualsTheOriginAndFollowsTheStreamWhenItReturns() throws Exception {
        stack.mariaDb().createDatabase(gazelleDb);
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            new GazelleDataGenerator(new GeneratorSettings(41, 0.0003)).load(c, null);
        }
        List<String> properties = SidecarArguments.embedded(origin, stack.mariaDb().host(), stack.mariaDb().port(),
                gazelleDb, stack.mariaDb().user(), stack.mariaDb().password(), stack.kafka().bootstrapServers());
        properties.add("herd.sidecar.source.server-id=" + (9000 + Math.abs(id.hashCode() % 100000)));
        sidecar = SidecarApplication.builder().properties(properties.toArray(String[]::new)).run();
        await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        String root = properties.stream().filter(p -> p.startsWith("herd.sidecar.trust.root-file="))
                .map(p -> p.substring(p.indexOf('=') + 1)).findFirst().orElseThrow();
        assertThat(herd("trust", "publish", "--root", root, "--herd.sidecar.origin=" + origin,
                "--herd.sidecar.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers())).isZero();
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleWorkload workload = new GazelleWorkload(c, 43);
            for (int i = 0; i < 100; i++) {
                workload.step();
                if (i % 25 == 0) {
                    workload.deleteTorrent();
                }
            }
        }
        awaitQuiet();
        sidecar.close();
        sidecar = null;

        Path archive = tmp.resolve("herd-" + origin);
        assertThat(herd("archive", "create", "--out", archive.toString(), "--origin", origin, "--bootstrap-servers",
                stack.kafka().bootstrapServers(), "--trust-root", root)).isZero();

        // The origin's cluster loses everything of the origin.
        Set<String> topics = KafkaTopicReader.topicsStartingWith(stack.kafka().bootstrapServers(), prefix + ".");
        assertThat(topics).contains(prefix + ".release", TopicNames.checkpointsTopic(prefix));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka().bootstrapServers()))) {
            admin.deleteTopics(topics).all().get();
            await().atMost(Duration.ofMinutes(1)).until(() -> admin.listTopics().names().get().stream()
                    .noneMatch(topics::contains));
        }

        stack.postgres().createDatabase(mirrorDb);
        long started = System.nanoTime();
        mirror = startMirror(archive, root);
        long bootstrapMs = (System.nanoTime() - started) / 1_000_000;
        long loaded;
        try (Connection c = stack.postgres().dataSource(mirrorDb).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT rows_loaded FROM herd.archive_bootstrap WHERE origin = '"
                        + origin + "'")) {
            assertThat(rs.next()).isTrue();
            loaded = rs.getLong(1);
        }
        assertThat(loaded).isGreaterThan(1000);
        // Loaded without its secondary indexes, which are built before the stream starts: no
        // checkpoint will come from an origin whose topics are gone.
        assertThat(org.herd.replicator.MirrorStatus.deferredIndexes(stack.postgres().dataSource(mirrorDb))).isZero();
        try (Connection c = stack.postgres().dataSource(mirrorDb).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE schemaname = 'herd'"
                        + " AND indexname IN ('release_files_fts', 'release_group_browse_key', 'comment_page')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
        // From the archive alone: no topic of the origin exists.
        convergence().awaitEqual(stack.postgres().dataSource(mirrorDb)::getConnection, Duration.ofMinutes(2));
        // Each loaded row keeps its record's fingerprint: the digests of the rows are the checkpoint's.
        org.herd.trust.Checkpoint checkpoint = org.herd.trust.Checkpoint.decode(java.nio.file.Files.readAllBytes(
                archive.resolve(org.herd.archive.ArchiveLayout.CHECKPOINT)));
        try (Connection c = stack.postgres().dataSource(mirrorDb).getConnection()) {
            for (var e : checkpoint.entities().entrySet()) {
                org.herd.trust.EntityDigest digest = new org.herd.trust.EntityDigest(e.getKey());
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT src_fp FROM herd.\""
                        + e.getKey() + "\" WHERE NOT deleted AND src_value IS NOT NULL AND src_signature IS NOT NULL")) {
                    while (rs.next()) {
                        digest.add(rs.getLong(1));
                    }
                }
                assertThat(digest.value()).as(e.getKey()).isEqualTo(e.getValue());
            }
        }

        // A restarted mirror keeps what it loaded and does not load again.
        mirror.close();
        mirror = startMirror(archive, root);

        // The origin publishes again: a snapshot anew on the empty cluster, then new changes.
        sidecar = SidecarApplication.builder().properties(properties.toArray(String[]::new)).run();
        await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleWorkload workload = new GazelleWorkload(c, 47);
            for (int i = 0; i < 100; i++) {
                workload.step();
                if (i % 3 == 0) {
                    workload.editRelease();
                }
                if (i % 25 == 0) {
                    workload.deleteTorrent();
                }
            }
        }
        convergence().awaitEqual(stack.postgres().dataSource(mirrorDb)::getConnection, Duration.ofMinutes(4));
        System.out.printf("ArchiveBootstrapIT: %d rows loaded from the archive; mirror started (verify + COPY) in "
                + "%d ms%n", loaded, bootstrapMs);
    }

    private ConfigurableApplicationContext startMirror(Path archive, String root) {
        return ReplicatorApplication.builder().properties(
                "herd.mirror.origin=" + origin,
                "herd.mirror.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "herd.mirror.kafka.group-id=boot-" + id,
                "herd.mirror.bootstrap.archive=" + archive,
                "herd.mirror.trust.root-file=" + root,
                "spring.datasource.url=" + stack.postgres().jdbcUrl(mirrorDb),
                "spring.datasource.username=" + stack.postgres().user(),
                "spring.datasource.password=" + stack.postgres().password()).run();
    }

    private MirrorConvergence convergence() {
        Translator translator = new Translator(SidecarArguments.embeddedSettings(origin));
        return new MirrorConvergence(Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> stack.mariaDb().connect(gazelleDb))),
                () -> stack.mariaDb().connect(gazelleDb));
    }

    /** Waits until the entity topics stop growing: the sidecar has published what the site did. */
    private void awaitQuiet() throws InterruptedException {
        List<String> topics = NeutralSchema.entities().stream().map(e -> TopicNames.entityTopic(prefix, e)).toList();
        long before;
        long after = count(topics);
        do {
            before = after;
            Thread.sleep(3000);
            after = count(topics);
        } while (after != before);
    }

    private long count(List<String> topics) {
        AtomicLong n = new AtomicLong();
        KafkaTopicReader.forEach(stack.kafka().bootstrapServers(), topics, Duration.ofMinutes(2), r -> n.incrementAndGet());
        return n.get();
    }

    private static int herd(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Herd.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8)).execute(args);
        assertThat(exit).as(String.join(" ", args) + ":\n" + out.toString(StandardCharsets.UTF_8)).isZero();
        return exit;
    }
}
