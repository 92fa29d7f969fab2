package org.herd.cli.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.herd.cli.LogCapture;
import org.herd.cli.verify.VerifyCommand;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.TestTrust;
import org.herd.testkit.LeakScan;
import org.herd.testkit.MirrorConvergence;
import org.herd.testkit.SidecarArguments;
import org.herd.testkit.canary.Canary;
import org.herd.testkit.canary.CanaryScan;
import org.herd.translator.Translator;
import org.herd.verify.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A text-scrub policy changed after mirrors hold the text reaches them: a sidecar that published
 * release descriptions holding a staff host name and comments as written starts again with an
 * operator pattern for the host and comments dropped; it publishes the tables the change touches
 * again, and the mirror ends equal to the origin scrubbed under the new policy, without the host
 * name or the comments. Before the restart, {@code herd verify} under the new policy finds the
 * mirror different; after it, equal; and {@code herd verify --repair} mends a mirror row that holds
 * the old text again.
 */
class TextScrubPolicyChangeIT {

    private static final String HOST = "intra42x7.corp";

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String gazelleDb = "gazelle_rescrub_" + id;
    private final String mirrorDb = "mirror_rescrub_" + id;
    private final String origin = "rescrub-" + id;
    private ConfigurableApplicationContext sidecar;
    private ConfigurableApplicationContext mirror;

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
            // the log of closing apps
        }
    }

    /** The sidecar's properties, then {@code policy} (text-scrub properties). */
    private List<String> sidecarProperties(List<String> policy) {
        List<String> properties = SidecarArguments.embedded(origin, stack.mariaDb().host(), stack.mariaDb().port(),
                gazelleDb, stack.mariaDb().user(), stack.mariaDb().password(), stack.kafka().bootstrapServers());
        properties.add("herd.sidecar.variant=WHATCD");
        properties.add("herd.sidecar.source.server-id=" + (8000 + Math.abs(id.hashCode() % 100000)));
        properties.addAll(policy);
        return properties;
    }

    private static final List<String> NEW_POLICY = List.of(
            "herd.sidecar.privacy.text.patterns.staff-host=" + PlantedSecrets.PATTERN,
            "herd.sidecar.privacy.text.columns[comments.Body]=drop");

    private ConfigurableApplicationContext startSidecar(List<String> policy) {
        return SidecarApplication.builder().properties(sidecarProperties(policy).toArray(String[]::new)).run();
    }

    private Verification.Result awaitEqual(Translator translator) throws Exception {
        return new MirrorConvergence(Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> stack.mariaDb().connect(gazelleDb))),
                () -> stack.mariaDb().connect(gazelleDb))
                .awaitEqual(stack.postgres().dataSource(mirrorDb)::getConnection, Duration.ofMinutes(4));
    }

    /**
     * Which of {@code searched} the mirror holds, by label; each searched on its own, since a scan
     * keeps only its first thousand findings.
     */
    private List<String> heldByMirror(List<Canary> searched) throws Exception {
        List<String> held = new ArrayList<>();
        for (Canary canary : searched) {
            CanaryScan scan = new CanaryScan(List.of(canary), List.of());
            try (Connection c = stack.postgres().dataSource(mirrorDb).getConnection()) {
                LeakScan.postgres(c, scan);
            }
            if (scan.leakCount() > 0) {
                held.add(canary.label());
            }
        }
        return held;
    }

    record Run(int exit, String output) {
    }

    private Run verify(String... options) {
        List<String> args = new ArrayList<>(sidecarProperties(NEW_POLICY).stream().map(p -> "--" + p).toList());
        args.addAll(List.of("--herd.verify.mirror.url=" + stack.postgres().jdbcUrl(mirrorDb),
                "--herd.verify.mirror.user=" + stack.postgres().user(),
                "--herd.verify.mirror.password=" + stack.postgres().password()));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        Run run = new Run(exit, out.toString(StandardCharsets.UTF_8));
        System.out.printf("herd verify %s: exit %d%n%s", String.join(" ", options), exit, run.output());
        return run;
    }

    private static long one(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }

    /**
     * A write at the origin, as a live site makes them, received by the mirror: the binlog moves past
     * the position of what the mirror holds, so rows read again now order after it (a quiet
     * site's rows read again carry the position they were read at before, and a mirror keeps what it
     * has; see docs/privacy.md).
     */
    private void siteWrites(int uses) throws Exception {
        try (Connection c = stack.mariaDb().connect(gazelleDb); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE tags SET Uses = " + uses + " ORDER BY ID LIMIT 1");
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            try (Connection pg = stack.postgres().dataSource(mirrorDb).getConnection()) {
                return one(pg, "SELECT count(*) FROM herd.tag WHERE uses = " + uses) == 1;
            }
        });
    }

    @Test
    void aChangedPolicyReachesWhatTheMirrorHolds() throws Exception {
        stack.mariaDb().createDatabase(gazelleDb);
        stack.postgres().createDatabase(mirrorDb);
        String commentWord = "commentword" + id;
        try (Connection c = stack.mariaDb().connect(gazelleDb); Statement s = c.createStatement()) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            new GazelleDataGenerator(new GeneratorSettings(37, 0.0005)).load(c, null);
            s.executeUpdate("UPDATE torrents SET Description = CONCAT('seeded from ', '" + HOST + "', ' nightly')");
            s.executeUpdate("UPDATE comments SET Body = CONCAT('" + commentWord + " ', ID)");
        }
        List<Canary> old = List.of(Canary.text("staff host", "torrents", "Description", HOST),
                Canary.text("comment word", "comments", "Body", commentWord));

        // The default policy: no pattern for the host, comments scrubbed but published.
        sidecar = startSidecar(List.of());
        await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        mirror = ReplicatorApplication.builder().properties(
                "herd.mirror.origin=" + origin,
                "herd.mirror.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "herd.mirror.kafka.group-id=rescrub-" + id,
                "herd.mirror.trust.root-file=" + TestTrust.rootFile(origin, 1),
                "spring.datasource.url=" + stack.postgres().jdbcUrl(mirrorDb),
                "spring.datasource.username=" + stack.postgres().user(),
                "spring.datasource.password=" + stack.postgres().password()).run();
        awaitEqual(sidecar.getBean(Translator.class));
        siteWrites(900001);
        assertThat(heldByMirror(old)).as("the mirror holds the old text").containsExactly("staff host", "comment word");

        // Verify compares under the policy it is given: the mirror differs from the origin scrubbed anew.
        Run before = verify("--rechecks", "0");
        assertThat(before.exit()).as(before.output()).isEqualTo(VerifyCommand.DIFFERENT);
        assertThat(before.output()).contains("release").contains("comment").doesNotContain(HOST);

        sidecar.close();
        LogCapture.startKeeping();
        // With stored offsets there is no initial snapshot: the tables come again as an incremental one.
        sidecar = startSidecar(NEW_POLICY);
        Translator rescrubbing = sidecar.getBean(Translator.class);
        assertThat(rescrubbing.settings().scrub().patterns()).hasSize(1);
        Verification.Result converged = awaitEqual(rescrubbing);
        converged.entities().values().forEach(e -> assertThat(e.mirrorRows()).as(e.entity()).isEqualTo(e.originRows()));
        assertThat(heldByMirror(old)).isEmpty();
        try (Connection pg = stack.postgres().dataSource(mirrorDb).getConnection()) {
            assertThat(one(pg, "SELECT count(*) FROM herd.comment WHERE NOT deleted")).isPositive();
            assertThat(one(pg, "SELECT count(*) FROM herd.comment WHERE body IS NOT NULL")).isZero();
            assertThat(one(pg, "SELECT count(*) FROM herd.release WHERE description LIKE '%[staff-host]%'"))
                    .isPositive();
        }
        assertThat(LogCapture.snapshot()).anySatisfy(line -> assertThat(line)
                .contains("Text-scrub policy changed for [").contains("comments").contains("torrents"));
        Run equal = verify("--rechecks", "1", "--recheck-delay", "1s");
        assertThat(equal.exit()).as(equal.output()).isEqualTo(VerifyCommand.EQUAL);

        // A mirror row that holds the old text again: --repair has the sidecar publish it again.
        long release;
        try (Connection pg = stack.postgres().dataSource(mirrorDb).getConnection(); Statement p = pg.createStatement()) {
            release = one(pg, "SELECT min(release_id) FROM herd.release WHERE NOT deleted");
            p.executeUpdate("UPDATE herd.release SET description = 'seeded from " + HOST + " nightly' WHERE release_id = "
                    + release);
        }
        assertThat(heldByMirror(old)).containsExactly("staff host");
        siteWrites(900002);
        Run repair = verify("--repair", "--rechecks", "1", "--recheck-delay", "1s");
        assertThat(repair.exit()).as(repair.output()).isEqualTo(VerifyCommand.DIFFERENT);
        assertThat(repair.output()).contains("differing {release_id=" + release + "} description")
                .contains("snapshot torrents: 1 row").doesNotContain(HOST);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(5))
                .until(() -> verify("--rechecks", "0").exit() == VerifyCommand.EQUAL);
        assertThat(heldByMirror(old)).isEmpty();
    }
}
