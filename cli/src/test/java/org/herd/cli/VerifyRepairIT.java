package org.herd.cli;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.herd.cli.verify.VerifyCommand;
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
import org.herd.verify.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code herd verify} on real servers: a converged mirror is damaged four ways behind the
 * replicator's back (a row deleted and a row changed in PostgreSQL, a row written and a row deleted
 * at the origin with the binlog off); verify names each key in its category and exits 1,
 * {@code --repair} fixes all four through the sidecar's snapshot signals and key-only deletes, and
 * verify then exits 0, also while a workload writes to the origin.
 */
class VerifyRepairIT {

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String gazelleDb = "gazelle_verify_" + id;
    private final String mirrorDb = "mirror_verify_" + id;
    private final String origin = "verify-" + id;
    /** A reader of its own, with a password no other text contains, so that its absence means something. */
    private final String mirrorUser = "verify_reader_" + id;
    private final String mirrorPassword = "pw-" + UUID.randomUUID();
    private ConfigurableApplicationContext sidecar;
    private ConfigurableApplicationContext mirror;

    @AfterEach
    void stop() {
        if (mirror != null) {
            mirror.close();
        }
        if (sidecar != null) {
            sidecar.close();
        }
    }

    /** Output and exit code of one run of the command. */
    record Run(int exit, String out, String err) {
    }

    private Run verify(String... options) {
        long started = System.nanoTime();
        Run run = run(verifyArgs(options));
        System.out.printf("herd verify %s: exit %d in %.1f s%n%s%s", String.join(" ", options), run.exit(),
                (System.nanoTime() - started) / 1e9, run.out(), run.err());
        return run;
    }

    /** This test's sidecar and mirror settings, then {@code options} (a later setting wins). */
    private String[] verifyArgs(String... options) {
        List<String> args = new ArrayList<>();
        SidecarArguments.embedded(origin, stack.mariaDb().host(), stack.mariaDb().port(), gazelleDb,
                stack.mariaDb().user(), stack.mariaDb().password(), stack.kafka().bootstrapServers())
                .forEach(p -> args.add("--" + p));
        args.add("--herd.verify.mirror.url=" + stack.postgres().jdbcUrl(mirrorDb));
        args.add("--herd.verify.mirror.user=" + mirrorUser);
        args.add("--herd.verify.mirror.password=" + mirrorPassword);
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    private static long one(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    void verifyNamesEachDamageAndRepairMendsIt() throws Exception {
        stack.mariaDb().createDatabase(gazelleDb);
        stack.postgres().createDatabase(mirrorDb);
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            new GazelleDataGenerator(new GeneratorSettings(5, 0.0005)).load(c, null);
        }
        List<String> properties = SidecarArguments.embedded(origin, stack.mariaDb().host(), stack.mariaDb().port(),
                gazelleDb, stack.mariaDb().user(), stack.mariaDb().password(), stack.kafka().bootstrapServers());
        properties.add("herd.sidecar.source.server-id=" + (9000 + Math.abs(id.hashCode() % 100000)));
        sidecar = SidecarApplication.builder().properties(properties.toArray(String[]::new)).run();
        mirror = ReplicatorApplication.builder().properties(
                "herd.mirror.origin=" + origin,
                "herd.mirror.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "herd.mirror.kafka.group-id=verify-" + id,
                // The sidecar publishes unsigned records: the mirror must be told not to verify.
                "herd.mirror.trust.verify=false",
                "spring.datasource.url=" + stack.postgres().jdbcUrl(mirrorDb),
                "spring.datasource.username=" + stack.postgres().user(),
                "spring.datasource.password=" + stack.postgres().password()).run();
        await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        // A live site writes: the binlog moves past the snapshot's position (see RepairPlan on stamps).
        try (Connection c = stack.mariaDb().connect(gazelleDb); Statement s = c.createStatement()) {
            s.execute("UPDATE torrents SET Description = 'edited after the snapshot' ORDER BY ID LIMIT 1");
        }
        Translator translator = new Translator(SidecarArguments.embeddedSettings(origin));
        Verification.Result converged = new MirrorConvergence(Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> stack.mariaDb().connect(gazelleDb))),
                () -> stack.mariaDb().connect(gazelleDb))
                .awaitEqual(stack.postgres().dataSource(mirrorDb)::getConnection, Duration.ofMinutes(5));
        // Keys are unique on both sides: an equal mirror holds as many rows as the origin publishes.
        converged.entities().values().forEach(e -> assertThat(e.mirrorRows()).as(e.entity())
                .isEqualTo(e.originRows()));

        try (Connection pg = stack.postgres().dataSource(mirrorDb).getConnection(); Statement p = pg.createStatement()) {
            p.execute("CREATE ROLE " + mirrorUser + " LOGIN PASSWORD '" + mirrorPassword + "'");
            p.execute("GRANT USAGE ON SCHEMA herd TO " + mirrorUser);
            p.execute("GRANT SELECT ON ALL TABLES IN SCHEMA herd TO " + mirrorUser);
        }

        Run equal = verify("--rechecks", "1", "--recheck-delay", "1s");
        assertThat(equal.exit()).as(equal.out() + equal.err()).isEqualTo(VerifyCommand.EQUAL);
        assertThat(equal.out()).contains("EQUAL: 0 missing, 0 extra, 0 differing").doesNotContain(mirrorPassword);
        Run wrongPassword = run(verifyArgs("--herd.verify.mirror.password=not-" + mirrorPassword));
        assertThat(wrongPassword.exit()).isEqualTo(VerifyCommand.FAILED);
        assertThat(wrongPassword.out() + wrongPassword.err()).doesNotContain(mirrorPassword);

        long lostRelease;
        long changedTag;
        long skippedTag;
        long hiddenGroup;
        long hiddenTag;
        try (Connection pg = stack.postgres().dataSource(mirrorDb).getConnection();
                Connection maria = stack.mariaDb().connect(gazelleDb);
                Statement p = pg.createStatement();
                Statement m = maria.createStatement()) {
            // (a) a row deleted in the mirror behind the replicator's back
            lostRelease = one(pg, "SELECT max(release_id) FROM herd.release WHERE NOT deleted");
            p.executeUpdate("DELETE FROM herd.release WHERE release_id = " + lostRelease);
            // (b) a row's payload changed in the mirror
            changedTag = one(pg, "SELECT min(tag_id) FROM herd.tag WHERE NOT deleted");
            p.executeUpdate("UPDATE herd.tag SET name = 'tampered' WHERE tag_id = " + changedTag);
            // (c) a row the binlog never carried
            m.execute("SET SESSION sql_log_bin = 0");
            m.executeUpdate("INSERT INTO tags (Name, TagType, Uses, UserID) VALUES ('never.in.binlog', 'other', 0, 1)");
            skippedTag = one(maria, "SELECT ID FROM tags WHERE Name = 'never.in.binlog'");
            // (d) a row deleted at the origin without the binlog: extra in the mirror
            hiddenGroup = one(maria, "SELECT GroupID FROM torrents_tags ORDER BY GroupID, TagID LIMIT 1");
            hiddenTag = one(maria, "SELECT TagID FROM torrents_tags WHERE GroupID = " + hiddenGroup
                    + " ORDER BY TagID LIMIT 1");
            m.executeUpdate("DELETE FROM torrents_tags WHERE GroupID = " + hiddenGroup + " AND TagID = " + hiddenTag);
            m.execute("SET SESSION sql_log_bin = 1");
        }

        Run found = verify("--rechecks", "2", "--recheck-delay", "1s");
        assertThat(found.exit()).as(found.out() + found.err()).isEqualTo(VerifyCommand.DIFFERENT);
        assertThat(found.out()).contains(
                "missing {release_id=" + lostRelease + "}",
                "differing {tag_id=" + changedTag + "} name: origin",
                "mirror 'tampered'",
                "missing {tag_id=" + skippedTag + "}",
                "extra {release_group_id=" + hiddenGroup + ", tag_id=" + hiddenTag + "}",
                "DIFFERENT: 2 missing, 1 extra, 1 differing");

        Run repair = verify("--repair", "--rechecks", "1", "--recheck-delay", "1s");
        assertThat(repair.exit()).as(repair.out() + repair.err()).isEqualTo(VerifyCommand.DIFFERENT);
        assertThat(repair.out()).contains("snapshot torrents: 1 row WHERE (`ID` = " + lostRelease + ")",
                "snapshot tags: 2 rows WHERE", "`ID` = " + skippedTag, "`ID` = " + changedTag,
                "delete release_group_tag {release_group_id=" + hiddenGroup + ", tag_id=" + hiddenTag + "} delete at");

        long repairStarted = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5)).until(() -> {
            attempts.incrementAndGet();
            return verify("--rechecks", "0").exit() == VerifyCommand.EQUAL;
        });
        System.out.printf("repaired: verify equal %.1f s after the repair was requested (%d runs)%n",
                (System.nanoTime() - repairStarted) / 1e9, attempts.get());
        try (Connection pg = stack.postgres().dataSource(mirrorDb).getConnection()) {
            assertThat(one(pg, "SELECT count(*) FROM herd.release_group_tag WHERE deleted AND release_group_id = "
                    + hiddenGroup + " AND tag_id = " + hiddenTag)).as("the extra row is a tombstone now").isEqualTo(1);
        }

        // While a workload writes, differences in flight settle within the re-checks.
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger steps = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> workload = pool.submit(() -> {
            try (Connection c = stack.mariaDb().connect(gazelleDb)) {
                GazelleWorkload w = new GazelleWorkload(c, 17);
                while (running.get()) {
                    w.step();
                    steps.incrementAndGet();
                    Thread.sleep(20);
                }
            }
            return null;
        });
        Run live;
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> steps.get() >= 20);
            int before = steps.get();
            live = verify("--rechecks", "4", "--recheck-delay", "3s");
            System.out.printf("workload steps during verify: %d%n", steps.get() - before);
            assertThat(steps.get()).as("the workload wrote while verify ran").isGreaterThan(before);
        } finally {
            running.set(false);
            workload.get();
            pool.shutdown();
        }
        assertThat(live.exit()).as(live.out() + live.err()).isEqualTo(VerifyCommand.EQUAL);

        // A table the sidecar was told to leave out is not compared: its mirror rows may be old.
        try (Connection pg = stack.postgres().dataSource(mirrorDb).getConnection(); Statement p = pg.createStatement()) {
            assertThat(p.executeUpdate("DELETE FROM herd.comment WHERE comment_id = (SELECT min(comment_id) FROM "
                    + "herd.comment WHERE NOT deleted)")).isEqualTo(1);
        }
        Run excluded = verify("--herd.sidecar.exclude-tables=comments", "--rechecks", "3", "--recheck-delay", "3s");
        assertThat(excluded.exit()).as(excluded.out() + excluded.err()).isEqualTo(VerifyCommand.EQUAL);
        assertThat(excluded.out()).doesNotContain("  comment ").contains("  forum_post ");
        assertThat(verify("--rechecks", "0").exit()).isEqualTo(VerifyCommand.DIFFERENT);
    }

    @Test
    void aBadPropertyIsNamedAndExitsTwo() {
        Run noMirror = run("--herd.sidecar.origin=x", "--herd.sidecar.source.host=localhost",
                "--herd.sidecar.source.database=g", "--herd.sidecar.source.user=u",
                "--herd.sidecar.source.password=sidecar-secret", "--herd.sidecar.kafka.bootstrap-servers=k:9092",
                "--herd.sidecar.privacy.users=NONE");
        assertThat(noMirror.exit()).isEqualTo(VerifyCommand.FAILED);
        assertThat(noMirror.err()).contains("herd.verify.mirror.url is required").doesNotContain("sidecar-secret");
        Run badRechecks = run("--herd.sidecar.origin=x", "--herd.sidecar.source.host=localhost",
                "--herd.sidecar.source.database=g", "--herd.sidecar.source.user=u",
                "--herd.sidecar.kafka.bootstrap-servers=k:9092", "--herd.sidecar.privacy.users=NONE",
                "--herd.verify.mirror.url=jdbc:postgresql://localhost/m", "--rechecks", "-1");
        assertThat(badRechecks.exit()).isEqualTo(VerifyCommand.FAILED);
        assertThat(badRechecks.err()).contains("herd.verify.rechecks must be 0 to 100");
        Run unknown = run("--frobnicate");
        assertThat(unknown.exit()).isEqualTo(VerifyCommand.FAILED);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'");
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
