package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.herd.testkit.BackgroundWrites;
import org.herd.testkit.LeakScan;
import org.herd.verify.Verification;
import org.herd.testkit.canary.Canary;
import org.herd.testkit.canary.CanaryPlanter;
import org.herd.testkit.canary.CanaryScan;
import org.herd.testkit.canary.Planting;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.simulator.GazelleWorkload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path on real servers: Gazelle in MariaDB, the sidecar, Kafka, a replicator into
 * PostgreSQL. A live workload runs while the sidecar and then the replicator are stopped and
 * started again, and then the Kafka broker is stopped under both and restarted; afterwards the
 * mirror must equal the origin's public state exactly, and no secret planted at the origin may
 * appear in Kafka or in the mirror.
 */
class EndToEndIT {

    private final ReplicatedSite site;
    private Planting planted;

    EndToEndIT() throws SQLException {
        site = new ReplicatedSite("e2e", GazelleVariant.WHATCD);
    }

    @BeforeEach
    void origin() throws Exception {
        site.generate(7, 0.0005);
        try (Connection c = site.gazelle()) {
            // Existing rows only: new rows would add public rows of their own to converge.
            planted = new CanaryPlanter(GazelleCatalogue.of(GazelleVariant.WHATCD)).plantInExistingRows(c);
        }
    }

    @AfterEach
    void stopApps() {
        site.close();
    }

    @Test
    void mirrorConvergesToTheOriginThroughRestartsAndNoSecretLeaves() throws Exception {
        site.startSidecar();
        site.startMirror("mirror", "herd.mirror.batch-size=200");
        await().atMost(Duration.ofMinutes(3)).until(site.sidecarProgress()::isSnapshotCompleted);
        Verification.Result snapshot = site.awaitMirrorHoldsEveryOriginRow("mirror", Duration.ofMinutes(3));
        assertThat(snapshot.entities().get("release").originRows()).isGreaterThan(100);

        // No cap on the steps: every phase below waits for more of them, and a fast machine that
        // reached a cap while the broker stopped would wait for ever.
        try (BackgroundWrites workload = BackgroundWrites.start("e2e-workload", site::gazelle, c -> {
            GazelleWorkload w = new GazelleWorkload(c, 11);
            return n -> {
                w.step();
                if (n % 10 == 0) {
                    w.noise(5);
                }
            };
        })) {
            await().until(() -> workload.steps() >= 40);
            site.stopSidecar();
            int atSidecarStop = workload.steps();
            await().until(() -> workload.steps() >= atSidecarStop + 40);
            site.startSidecar();
            await().until(() -> workload.steps() >= atSidecarStop + 80);
            site.stopMirror("mirror");
            int atMirrorStop = workload.steps();
            await().until(() -> workload.steps() >= atMirrorStop + 40);
            site.startMirror("mirror", "herd.mirror.batch-size=200");
            await().until(() -> workload.steps() >= atMirrorStop + 80);
            // The broker goes away under both: the sidecar's sends and the mirror's polls fail
            // until it is back, and neither may lose or double anything meanwhile.
            site.stack.kafka().stop();
            int atBrokerStop = workload.steps();
            await().until(() -> workload.steps() >= atBrokerStop + 40);
            site.stack.kafka().restart();
            await().until(() -> workload.steps() >= atBrokerStop + 80);
        }

        site.awaitMirrorHoldsEveryOriginRow("mirror", Duration.ofMinutes(3));
        try (Connection c = site.mirrorDb("mirror").getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM herd.quarantine")) {
            rs.next();
            assertThat(rs.getLong(1)).as("quarantined records").isZero();
        }
        // Stopped before the search: the sidecar has delivered whatever it sent.
        site.close();
        assertNoSecretInMirror();
        assertNoSecretInKafka();
    }

    /** The origin's name is in every record and every mirror row: the scans must find it. */
    private CanaryScan scan() {
        return new CanaryScan(planted.canaries(), List.of(Canary.text("origin", "-", "origin", site.origin)));
    }

    private void assertNoSecretInMirror() throws Exception {
        CanaryScan scan = scan();
        LeakScan.Scanned scanned;
        try (Connection c = site.mirrorDb("mirror").getConnection()) {
            scanned = LeakScan.postgres(c, scan);
        }
        assertThat(scanned.items()).isGreaterThan(1000);
        assertThat(scan.controlsFound()).containsExactly("origin");
        assertThat(scan.leaks()).as(scan.describeLeaks()).isEmpty();
    }

    private void assertNoSecretInKafka() {
        CanaryScan scan = scan();
        LeakScan.Scanned scanned = LeakScan.topics(site.bootstrap(), site.prefix, scan);
        assertThat(scanned.items()).isGreaterThan(1000);
        assertThat(scan.controlsFound()).containsExactly("origin");
        assertThat(scan.leaks()).as(scan.describeLeaks()).isEmpty();
    }
}
