package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.herd.testkit.SidecarArguments;
import org.herd.testkit.LeakScan;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.testkit.MirrorConvergence;
import org.herd.verify.Verification;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.testkit.canary.Canary;
import org.herd.testkit.canary.CanaryPlanter;
import org.herd.testkit.canary.CanaryScan;
import org.herd.testkit.canary.Planting;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GazelleWorkload;
import org.herd.simulator.GeneratorSettings;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.translator.Translator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole path on real servers: Gazelle in MariaDB, the sidecar, Kafka, a replicator into
 * PostgreSQL. A live workload runs while the sidecar and then the replicator are stopped and
 * started again, and then the Kafka broker is stopped under both and restarted; afterwards the
 * mirror must equal the origin's public state exactly, and no secret planted at the origin may
 * appear in Kafka or in the mirror.
 */
class EndToEndIT {

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String gazelleDb = "gazelle_e2e_" + id;
    private final String mirrorDb = "mirror_e2e_" + id;
    private final String origin = "e2e-" + id;
    private ConfigurableApplicationContext sidecar;
    private ConfigurableApplicationContext mirror;
    private Planting planted;

    @BeforeEach
    void origin() throws Exception {
        stack.mariaDb().createDatabase(gazelleDb);
        stack.postgres().createDatabase(mirrorDb);
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            new GazelleDataGenerator(new GeneratorSettings(7, 0.0005)).load(c, null);
            // Existing rows only: new rows would add public rows of their own to converge.
            planted = new CanaryPlanter(GazelleCatalogue.of(GazelleVariant.WHATCD)).plantInExistingRows(c);
        }
    }

    @AfterEach
    void stopApps() {
        if (mirror != null) {
            mirror.close();
        }
        if (sidecar != null) {
            sidecar.close();
        }
    }

    private ConfigurableApplicationContext startSidecar() {
        List<String> properties = SidecarArguments.embedded(origin, stack.mariaDb().host(), stack.mariaDb().port(),
                gazelleDb, stack.mariaDb().user(), stack.mariaDb().password(), stack.kafka().bootstrapServers());
        properties.add("herd.sidecar.source.server-id=" + (5000 + Math.abs(id.hashCode() % 100000)));
        return SidecarApplication.builder().properties(properties.toArray(String[]::new)).run();
    }

    private ConfigurableApplicationContext startMirror() {
        return ReplicatorApplication.builder().properties(
                "herd.mirror.origin=" + origin,
                "herd.mirror.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "herd.mirror.kafka.group-id=e2e-" + id,
                // The sidecar publishes unsigned records: the mirror must be told not to verify.
                "herd.mirror.trust.verify=false",
                "herd.mirror.batch-size=200",
                "spring.datasource.url=" + stack.postgres().jdbcUrl(mirrorDb),
                "spring.datasource.username=" + stack.postgres().user(),
                "spring.datasource.password=" + stack.postgres().password()).run();
    }

    /** The origin as the sidecar publishes it, read with the sidecar's translator settings and lookup. */
    private MirrorConvergence convergence() {
        Translator translator = new Translator(SidecarArguments.embeddedSettings(origin));
        return new MirrorConvergence(Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> stack.mariaDb().connect(gazelleDb))),
                () -> stack.mariaDb().connect(gazelleDb));
    }

    private Verification.Result awaitMirrorEqualsOrigin() throws Exception {
        Verification.Result result = convergence().awaitEqual(stack.postgres().dataSource(mirrorDb)::getConnection,
                Duration.ofMinutes(3));
        assertThat(result.untranslatable()).isEmpty();
        return result;
    }

    @Test
    void mirrorConvergesToTheOriginThroughRestartsAndNoSecretLeaves() throws Exception {
        sidecar = startSidecar();
        mirror = startMirror();
        await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        assertThat(awaitMirrorEqualsOrigin().entities().get("release").originRows()).isGreaterThan(100);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger steps = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> workload = pool.submit(() -> {
            try (Connection c = stack.mariaDb().connect(gazelleDb)) {
                GazelleWorkload w = new GazelleWorkload(c, 11);
                // No cap on the steps: every phase below waits for more of them, and a fast
                // machine that reached a cap while the broker stopped would wait for ever.
                while (running.get()) {
                    w.step();
                    if (steps.incrementAndGet() % 10 == 0) {
                        w.trackerFlush(5);
                        w.userActivity();
                        w.sendPrivateMessage();
                    }
                }
            }
            return null;
        });
        try {
            await().until(() -> steps.get() >= 40);
            sidecar.close();
            int atSidecarStop = steps.get();
            await().until(() -> steps.get() >= atSidecarStop + 40);
            sidecar = startSidecar();
            await().until(() -> steps.get() >= atSidecarStop + 80);
            mirror.close();
            int atMirrorStop = steps.get();
            await().until(() -> steps.get() >= atMirrorStop + 40);
            mirror = startMirror();
            await().until(() -> steps.get() >= atMirrorStop + 80);
            // The broker goes away under both: the sidecar's sends and the mirror's polls fail
            // until it is back, and neither may lose or double anything meanwhile.
            stack.kafka().stop();
            int atBrokerStop = steps.get();
            await().until(() -> steps.get() >= atBrokerStop + 40);
            stack.kafka().restart();
            await().until(() -> steps.get() >= atBrokerStop + 80);
        } finally {
            running.set(false);
            workload.get();
            pool.shutdown();
        }

        awaitMirrorEqualsOrigin();
        try (Connection c = stack.postgres().dataSource(mirrorDb).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM herd.quarantine")) {
            rs.next();
            assertThat(rs.getLong(1)).as("quarantined records").isZero();
        }
        assertNoSecretInMirror();
        assertNoSecretInKafka();
    }

    /** The origin's name is in every record and every mirror row: the scans must find it. */
    private CanaryScan scan() {
        return new CanaryScan(planted.canaries(), List.of(Canary.text("origin", "-", "origin", origin)));
    }

    private void assertNoSecretInMirror() throws Exception {
        CanaryScan scan = scan();
        LeakScan.Scanned scanned;
        try (Connection c = stack.postgres().dataSource(mirrorDb).getConnection()) {
            scanned = LeakScan.postgres(c, scan);
        }
        assertThat(scanned.items()).isGreaterThan(1000);
        assertThat(scan.controlsFound()).containsExactly("origin");
        assertThat(scan.leaks()).as(scan.describeLeaks()).isEmpty();
    }

    private void assertNoSecretInKafka() {
        CanaryScan scan = scan();
        LeakScan.Scanned scanned = LeakScan.topics(stack.kafka().bootstrapServers(), "herd." + origin, scan);
        assertThat(scanned.items()).isGreaterThan(1000);
        assertThat(scan.controlsFound()).containsExactly("origin");
        assertThat(scan.leaks()).as(scan.describeLeaks()).isEmpty();
    }
}
