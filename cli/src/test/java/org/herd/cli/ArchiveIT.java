package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.herd.archive.ArchiveLayout;
import org.herd.archive.ArchiveVerdict;
import org.herd.archive.ArchiveVerifier;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.kafka.KafkaTopicReader;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GazelleWorkload;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.SidecarArguments;
import org.herd.testkit.TestTrust;
import org.herd.translator.Translator;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.verify.OriginSource;
import org.herd.verify.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code herd archive create} and {@code verify} on a real stream: a generated site, its signing
 * sidecar, a workload of inserts, updates and deletes, the sidecar stopped (its last checkpoint
 * then states everything it published); the archive made from the topics holds exactly the origin's
 * public rows, verifies with the command line against the trust root, its torrent is written, and a
 * byte changed in it is named.
 */
class ArchiveIT {

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String gazelleDb = "gazelle_archive_" + id;
    private final String origin = "archive-" + id;
    private final String prefix = TopicNames.defaultPrefix(origin);
    private ConfigurableApplicationContext sidecar;

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        if (sidecar != null) {
            sidecar.close();
        }
    }

    @Test
    void anArchiveOfTheTopicsHoldsTheOriginsPublicRowsAndVerifies() throws Exception {
        stack.mariaDb().createDatabase(gazelleDb);
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            new GazelleDataGenerator(new GeneratorSettings(31, 0.0003)).load(c, null);
        }
        List<String> properties = SidecarArguments.embedded(origin, stack.mariaDb().host(), stack.mariaDb().port(),
                gazelleDb, stack.mariaDb().user(), stack.mariaDb().password(), stack.kafka().bootstrapServers());
        properties.add("herd.sidecar.source.server-id=" + (8000 + Math.abs(id.hashCode() % 100000)));
        sidecar = SidecarApplication.builder().properties(properties.toArray(String[]::new)).run();
        await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        Path rootFile = rootFile(properties);
        Run published = herd("trust", "publish", "--root", rootFile.toString(), "--herd.sidecar.origin=" + origin,
                "--herd.sidecar.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers());
        assertThat(published.exit).as(published.err).isZero();

        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleWorkload workload = new GazelleWorkload(c, 37);
            for (int i = 0; i < 150; i++) {
                workload.step();
                if (i % 3 == 0) {
                    workload.editRelease();
                }
                if (i % 50 == 0) {
                    workload.deleteTorrent();
                }
            }
        }
        // The sidecar publishes what the workload did, then stops: its last checkpoint, published
        // as it stops, covers every record it published.
        long before;
        long after = entityRecords();
        do {
            before = after;
            Thread.sleep(3000);
            after = entityRecords();
        } while (after != before);
        sidecar.close();
        sidecar = null;

        Path archive = tmp.resolve("herd-" + origin);
        long started = System.nanoTime();
        Run create = herd("archive", "create", "--out", archive.toString(), "--origin", origin,
                "--bootstrap-servers", stack.kafka().bootstrapServers(), "--trust-root", rootFile.toString(), "--torrent");
        long createMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(create.exit).as(create.out + create.err).isZero();
        assertThat(create.out).contains("authentic and complete at position e1:");
        assertThat(tmp.resolve("herd-" + origin + ".torrent")).isNotEmptyFile();

        // The archive holds exactly the origin's public rows, entity by entity.
        ArchiveVerdict verdict = ArchiveVerifier.verify(archive, TestTrust.root(origin, 1), Instant.now());
        assertThat(verdict.ok()).as(verdict.describe()).isTrue();
        Map<String, Long> originRows = originRows();
        assertThat(verdict.records()).isEqualTo(originRows);
        assertThat(originRows.get("release")).isGreaterThan(100);

        started = System.nanoTime();
        Run verify = herd("archive", "verify", archive.toString(), "--trust-root", rootFile.toString());
        long verifyMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(verify.exit).as(verify.out + verify.err).isZero();
        assertThat(verify.out).startsWith("authentic and complete at position e1:");

        // One byte changed in the middle of the releases is named, and the command fails.
        Path releases = archive.resolve(ArchiveLayout.entity("release"));
        try (RandomAccessFile f = new RandomAccessFile(releases.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x01);
        }
        Run tampered = herd("archive", "verify", archive.toString(), "--trust-root", rootFile.toString());
        assertThat(tampered.exit).isEqualTo(1);
        assertThat(tampered.out).startsWith("NOT authentic and complete")
                .contains("file_digest: entities/release.jsonl.zst");

        long bytes;
        try (var files = Files.walk(archive)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        long records = verdict.records().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("ArchiveIT: %d records, %d bytes (%.0f bytes a record); create %d ms, verify %d ms%n",
                records, bytes, (double) bytes / records, createMs, verifyMs);
    }

    /** The root file the test sidecar signs under, from its properties. */
    private static Path rootFile(List<String> properties) {
        return properties.stream().filter(p -> p.startsWith("herd.sidecar.trust.root-file="))
                .map(p -> Path.of(p.substring(p.indexOf('=') + 1))).findFirst().orElseThrow();
    }

    private long entityRecords() {
        List<String> topics = NeutralSchema.entities().stream().map(e -> TopicNames.entityTopic(prefix, e)).toList();
        AtomicLong n = new AtomicLong();
        KafkaTopicReader.forEach(stack.kafka().bootstrapServers(), topics, Duration.ofMinutes(2), r -> n.incrementAndGet());
        return n.get();
    }

    /** The origin's public rows per entity, as herd verify reads them. */
    private Map<String, Long> originRows() throws Exception {
        Translator translator = new Translator(SidecarArguments.embeddedSettings(origin));
        Verification.Origin publicState = Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> stack.mariaDb().connect(gazelleDb)));
        Map<String, Long> rows = new TreeMap<>();
        try (Connection c = stack.mariaDb().connect(gazelleDb); OriginSource source = new OriginSource(
                publicState.translator(), publicState.tables(), c, publicState.lookups())) {
            for (EntityType entity : NeutralSchema.entities()) {
                AtomicLong n = new AtomicLong();
                source.rows(entity, null, (key, payload) -> n.incrementAndGet());
                rows.put(entity.name(), n.get());
            }
        }
        return rows;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run herd(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Herd.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
