package org.herd.cli.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.herd.cli.LogCapture;
import org.herd.cli.verify.VerifyCommand;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.sidecar.publish.ScrubMetrics;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.TestTrust;
import org.herd.testkit.LeakScan;
import org.herd.testkit.MirrorConvergence;
import org.herd.testkit.SidecarArguments;
import org.herd.testkit.canary.Canary;
import org.herd.testkit.canary.CanaryScan;
import org.herd.translator.Translator;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.verify.OriginSource;
import org.herd.verify.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Text scrubbing end to end, for one Gazelle variant: every kind of secret the scrub removes
 * ({@link PlantedSecrets}) in every row of every free-text column the catalogue names, planted before
 * the snapshot and again while the sidecar streams, reaches no record of any topic the sidecar
 * writes, no row of the mirror, no line the sidecar and the mirror log, and no metric; the words
 * planted beside them arrive, proof that each column and kind was published; the sidecar counts
 * its findings per table, column and rule; and {@code herd verify}, which scrubs the origin's text
 * under the same policy, finds the mirror equal.
 */
abstract class AbstractTextScrubIT {

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String gazelleDb = "gazelle_scrub_" + id;
    private final String mirrorDb = "mirror_scrub_" + id;
    private final String origin = "scrub-" + id;
    private final String prefix = TopicNames.defaultPrefix(origin);
    private ConfigurableApplicationContext sidecar;
    private ConfigurableApplicationContext mirror;

    protected abstract GazelleVariant variant();

    @BeforeEach
    void databases() {
        stack.mariaDb().createDatabase(gazelleDb);
        stack.postgres().createDatabase(mirrorDb);
    }

    @AfterEach
    void stopApps() {
        if (mirror != null) {
            mirror.close();
        }
        if (sidecar != null) {
            sidecar.close();
        }
        try {
            LogCapture.stopKeeping();
        } catch (IllegalStateException afterTheSearch) {
            // the log of closing apps, kept after the search
        }
    }

    /** The sidecar's properties: the embedded ones, the variant and the text-scrub policy of this test. */
    private List<String> sidecarProperties() {
        List<String> properties = SidecarArguments.embedded(origin, stack.mariaDb().host(), stack.mariaDb().port(),
                gazelleDb, stack.mariaDb().user(), stack.mariaDb().password(), stack.kafka().bootstrapServers());
        properties.add("herd.sidecar.variant=" + variant());
        properties.add("herd.sidecar.source.server-id=" + (7000 + Math.abs(id.hashCode() % 100000)));
        properties.add("herd.sidecar.privacy.text.origin-hosts=" + PlantedSecrets.ORIGIN_HOST);
        properties.add("herd.sidecar.privacy.text.patterns.staff-host=" + PlantedSecrets.PATTERN);
        properties.add("herd.sidecar.privacy.text.log-interval=1s");
        return properties;
    }

    @Test
    void noPlantedSecretLeavesTheOriginAndTheMirrorEqualsTheScrubbedOrigin() throws Exception {
        GazelleCatalogue catalogue = GazelleCatalogue.of(variant());
        PlantedSecrets planted = new PlantedSecrets();
        int snapshotRows;
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleSchema.load(c, variant());
            new GazelleDataGenerator(new GeneratorSettings(31, 0.0005)).load(c, variant(), null);
            snapshotRows = planted.plant(c, catalogue, 0);
        }
        List<Canary> snapshotControls = planted.controls();
        LogCapture.startKeeping();
        sidecar = SidecarApplication.builder().properties(sidecarProperties().toArray(String[]::new)).run();
        mirror = ReplicatorApplication.builder().properties(
                "herd.mirror.origin=" + origin,
                "herd.mirror.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "herd.mirror.kafka.group-id=scrub-" + id,
                "herd.mirror.trust.root-file=" + TestTrust.rootFile(origin, 1),
                "spring.datasource.url=" + stack.postgres().jdbcUrl(mirrorDb),
                "spring.datasource.username=" + stack.postgres().user(),
                "spring.datasource.password=" + stack.postgres().password()).run();
        await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);

        // Live: the same columns again, every row, new secrets, while the sidecar streams.
        int liveRows;
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            liveRows = planted.plant(c, catalogue, 1);
        }
        List<Canary> liveControls = planted.controls().stream().filter(k -> !snapshotControls.contains(k)).toList();

        // The sidecar's own translator: the origin scrubbed under the policy it runs.
        Translator translator = sidecar.getBean(Translator.class);
        Verification.Origin publicState = Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> stack.mariaDb().connect(gazelleDb)));
        new MirrorConvergence(publicState, () -> stack.mariaDb().connect(gazelleDb))
                .awaitEqual(stack.postgres().dataSource(mirrorDb)::getConnection, Duration.ofMinutes(4));

        List<Canary> secrets = planted.secrets();
        Set<String> columns = new TreeSet<>();
        catalogue.freeTextColumns().forEach((t, cs) -> cs.forEach(col -> columns.add(t + "." + col.name())));
        System.out.printf("%s: %d secrets of %d kinds in %d free-text columns %s, %d rows at the snapshot, %d live%n",
                variant(), secrets.size(), PlantedSecrets.KINDS.size(), columns.size(), columns, snapshotRows, liveRows);

        // Every kind in every column was published (scrubbed): its control word is in the origin's public state.
        CanaryScan originScan = new CanaryScan(secrets, liveControls);
        try (Connection c = stack.mariaDb().connect(gazelleDb); OriginSource rows = new OriginSource(
                publicState.translator(), publicState.tables(), c, publicState.lookups())) {
            for (EntityType entity : NeutralSchema.entities()) {
                rows.rows(entity, null, (key, payload) -> originScan.scan(entity.name(), key + " " + payload));
            }
        }
        assertThat(originScan.leaks()).as(originScan.describeLeaks()).isEmpty();
        assertThat(originScan.controlsFound()).as("every kind in every free-text column is published")
                .containsExactlyInAnyOrderElementsOf(liveControls.stream().map(Canary::label).toList());

        // Kafka: every record of every topic the sidecar writes; the snapshot's records are still there.
        CanaryScan kafka = new CanaryScan(secrets, planted.controls());
        LeakScan.Scanned topics = LeakScan.topics(stack.kafka().bootstrapServers(), prefix, kafka);
        assertThat(topics.sources()).contains(prefix + "._sidecar-state", TopicNames.quarantineTopic(prefix));
        assertThat(kafka.leaks()).as(kafka.describeLeaks()).isEmpty();
        assertThat(kafka.controlsFound()).containsAll(snapshotControls.stream().map(Canary::label).toList())
                .containsAll(originScan.controlsFound());

        // The mirror: every row of every table.
        CanaryScan database = new CanaryScan(secrets, liveControls);
        LeakScan.Scanned tables;
        try (Connection c = stack.postgres().dataSource(mirrorDb).getConnection()) {
            tables = LeakScan.postgres(c, database);
        }
        assertThat(database.leaks()).as(database.describeLeaks()).isEmpty();
        assertThat(database.controlsFound()).containsAll(originScan.controlsFound());

        // herd verify, reading the sidecar's configuration as an operator runs it.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(sidecarProperties().stream().map(p -> "--" + p).toList());
        args.addAll(List.of("--herd.verify.mirror.url=" + stack.postgres().jdbcUrl(mirrorDb),
                "--herd.verify.mirror.user=" + stack.postgres().user(),
                "--herd.verify.mirror.password=" + stack.postgres().password(), "--rechecks", "1",
                "--recheck-delay", "1s"));
        int exit = VerifyCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String verifyOutput = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(verifyOutput).isEqualTo(VerifyCommand.EQUAL);

        // Metrics: counts per table, column and rule, the secret in no meter's name or tags.
        MeterRegistry registry = sidecar.getBean(MeterRegistry.class);
        CanaryScan metrics = new CanaryScan(secrets, List.of());
        for (Meter m : registry.getMeters()) {
            metrics.scan("meter", m.getId().toString());
        }
        assertThat(metrics.leaks()).as(metrics.describeLeaks()).isEmpty();
        Map<String, Double> found = registry.find(ScrubMetrics.NAME).counters().stream().collect(Collectors.toMap(
                c -> c.getId().getTag("table") + "." + c.getId().getTag("column") + " " + c.getId().getTag("rule"),
                Counter::count));
        for (String column : columns) {
            for (String rule : List.of("announce-url", "key-parameter", "origin-url", "email", "ipv4", "ipv6",
                    "home-directory", "pattern:staff-host")) {
                assertThat(found.getOrDefault(column + " " + rule, 0.0)).as("herd.scrubbed %s %s", column, rule)
                        .isPositive();
            }
        }

        // The log of the sidecar and the mirror, and of verify: the counts are there, the secrets are not.
        sidecar.close();
        sidecar = null;
        List<String> log = LogCapture.stopKeeping();
        CanaryScan logScan = new CanaryScan(secrets, List.of());
        for (int i = 0; i < log.size(); i++) {
            logScan.scan("log event " + i, log.get(i));
        }
        logScan.scan("verify output", verifyOutput);
        assertThat(logScan.leaks()).as(logScan.describeLeaks()).isEmpty();
        assertThat(log).anySatisfy(line -> assertThat(line).contains("Text scrubbing since the last line:")
                .contains("announce-url"));
        System.out.printf("%s: scanned %d records of %d topics, %d rows of %d mirror tables, %d log events, %d meters; "
                + "herd.scrubbed: %s%n", variant(), topics.items(), topics.sources().size(), tables.items(),
                tables.sources().size(), log.size(), registry.getMeters().size(), found.values().stream()
                        .mapToDouble(Double::doubleValue).sum());
    }
}
