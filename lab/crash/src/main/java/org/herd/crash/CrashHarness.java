package org.herd.crash;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.embedded.EmbeddedPostgres;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.kafka.KafkaTopicReader;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratedCounts;
import org.herd.simulator.GeneratorSettings;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.testkit.MirrorArguments;
import org.herd.testkit.MirrorConvergence;
import org.herd.testkit.SidecarArguments;
import org.herd.testkit.TestTrust;
import org.herd.translator.Translator;
import org.herd.verify.Verification;

/**
 * {@code herd crash}: a live Gazelle workload while the sidecar, the replicator and the Kafka
 * broker, each a process of its own, are killed with SIGKILL at random moments and started again;
 * then, once the workload has stopped and the mirror has caught up, the mirror is compared with
 * the origin row by row. MariaDB and PostgreSQL run as child processes of this JVM and are not
 * killed: they are the origin and the mirror whose agreement is the point.
 *
 * <p>The parts: {@link Victims} starts, kills and restarts the children, {@link KillSchedule} says
 * which to kill when, {@link CrashWorkload} writes to the origin meanwhile, and {@link CrashResult}
 * is the verdict of {@code herd verify}'s comparison ({@link MirrorConvergence}).
 *
 * <p>Every child is killed on the way out, also after a failure and on Ctrl-C (a shutdown hook);
 * the embedded MariaDB and PostgreSQL stop through their own hook.
 */
public final class CrashHarness {

    static final String ORIGIN = "crash";
    /** What the sidecar logs when its own snapshot begins to read the tables. */
    static final String SNAPSHOT_READING = "Snapshot at binlog position";
    /** Where Debezium's offsets are: the sidecar's own snapshot stores its position there last. */
    static final String OFFSETS_TOPIC = "herd." + ORIGIN + "._offsets";
    private static final String GAZELLE_DB = "gazelle";
    private static final String MIRROR_DB = "mirror";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);
    /** Small heaps and the serial collector: three JVMs and two databases share a small machine. */
    private static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Duser.timezone=" + System.getProperty("user.timezone", "UTC"));

    private final CrashOptions options;
    private final PrintStream out;
    private final Victims victims = new Victims(START_TIMEOUT);

    public CrashHarness(CrashOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the harness; the result's line has been printed last. */
    public CrashResult run() throws Exception {
        long began = System.nanoTime();
        boolean temporary = options.workDir() == null;
        Path work = temporary ? Files.createTempDirectory("herd-crash-") : options.workDir().toAbsolutePath();
        Files.createDirectories(work);
        say("Herd crash harness: %d cycles, seed %d, scale %s, workload %d steps/s; work dir %s", options.cycles(),
                options.seed(), options.scale(), options.rate(), work);
        Thread hook = new Thread(victims::close, "herd-crash-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        CrashResult result;
        try (EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(work.resolve("mariadb"));
                EmbeddedPostgres postgres = EmbeddedPostgres.start(work.resolve("postgres"))) {
            result = run(work, mariaDb, postgres);
        } finally {
            victims.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook is running or has run.
            }
        }
        say("Wall time %.1f s; logs of the children in %s", seconds(began), work.resolve("logs"));
        if (temporary && result.passed()) {
            deleteQuietly(work);
        }
        say("%s", result.line());
        return result;
    }

    private CrashResult run(Path work, EmbeddedMariaDb mariaDb, EmbeddedPostgres postgres) throws Exception {
        int brokerPort = freePort();
        int controllerPort;
        do {
            controllerPort = freePort();
        } while (controllerPort == brokerPort);
        String bootstrap = "127.0.0.1:" + brokerPort;
        Path logs = work.resolve("logs");
        long t = System.nanoTime();
        victims.start(Victim.BROKER, new ChildJvm("broker", CHILD_JVM_OPTIONS, List.of("kafka", "--log-dir",
                work.resolve("kafka").toString(), "--port", String.valueOf(brokerPort), "--controller-port",
                String.valueOf(controllerPort)), logs.resolve("broker.log"), KafkaCommand.READY));
        say("MariaDB %s:%d, PostgreSQL %s:%d, Kafka %s (pid %d) up in %.1f s", mariaDb.host(), mariaDb.port(),
                postgres.host(), postgres.port(), bootstrap, victims.pid(Victim.BROKER), seconds(t));

        loadGazelle(mariaDb);
        postgres.createDatabase(MIRROR_DB);
        DataSource mirror = postgres.dataSource(MIRROR_DB);

        List<String> sidecar = new ArrayList<>(List.of("sidecar"));
        SidecarArguments.embedded(ORIGIN, mariaDb, GAZELLE_DB, bootstrap).forEach(p -> sidecar.add("--" + p));
        sidecar.add("--spring.main.banner-mode=off");
        t = System.nanoTime();
        victims.start(Victim.SIDECAR, new ChildJvm("sidecar", CHILD_JVM_OPTIONS, sidecar,
                logs.resolve("sidecar.log"), "Started SidecarApplication"));
        // The sidecar is killed during its own snapshot: once it has begun reading the tables and
        // before it stores the position Debezium streams from (after Kafka has every row), so that
        // the next start reads the snapshot again from the beginning over the rows already published.
        // Before the replicator starts: the snapshot of a small site is read in about a second.
        victims.awaitLine(Victim.SIDECAR, SNAPSHOT_READING);
        boolean[] stored = new boolean[1];
        Victims.Restart snapshotKill = victims.killAndRestart(Victim.SIDECAR, 0, () -> stored[0] =
                KafkaTopicReader.readAll(bootstrap, List.of(OFFSETS_TOPIC)).stream().anyMatch(r -> r.value() != null));
        say("first snapshot sidecar pid %-7d SIGKILL while reading its snapshot, %s, restarted (pid %d) ready in "
                + "%5.1f s", snapshotKill.killedPid(), stored[0] ? "after its position was stored"
                        : "before its position was stored", snapshotKill.pid(), snapshotKill.readyMs() / 1000.0);
        List<String> replicator = new ArrayList<>(List.of("mirror"));
        MirrorArguments.embedded(ORIGIN, bootstrap, postgres, MIRROR_DB, "herd-crash")
                .forEach(p -> replicator.add("--" + p));
        replicator.add("--spring.main.banner-mode=off");
        victims.start(Victim.REPLICATOR, new ChildJvm("replicator", CHILD_JVM_OPTIONS, replicator,
                logs.resolve("replicator.log"), "Started ReplicatorApplication"));
        say("Sidecar (pid %d) and replicator (pid %d) started in %.1f s; snapshot under way",
                victims.pid(Victim.SIDECAR), victims.pid(Victim.REPLICATOR), seconds(t));
        // The first copy is killed too: the replicator once it has committed the first part of the
        // snapshot, while it writes the next batches with COPY (the first copy's fast path), so that
        // it resumes a first copy from its stored offsets.
        long committed = awaitFirstCommit(mirror);
        Victims.Restart firstCopy = victims.killAndRestart(Victim.REPLICATOR, 0);
        say("first copy  replicator pid %-7d SIGKILL after %,d records of the snapshot were committed, restarted "
                + "(pid %d) ready in %5.1f s", firstCopy.killedPid(), committed, firstCopy.pid(),
                firstCopy.readyMs() / 1000.0);
        MirrorConvergence convergence = convergence(mariaDb);
        t = System.nanoTime();
        Verification.Result snapshot = convergence.await(mirror::getConnection, CATCH_UP_TIMEOUT);
        if (!snapshot.equal()) {
            throw new IllegalStateException("the snapshot did not reach the mirror within "
                    + CATCH_UP_TIMEOUT.toMinutes() + " min, before any kill:\n" + snapshot.report("mirror"));
        }
        say("Snapshot copied: the mirror equals the origin (%,d rows) after %.1f s", rows(snapshot), seconds(t));

        CrashWorkload workload = new CrashWorkload(() -> mariaDb.connect(GAZELLE_DB), options.rate(),
                options.seed() + 1);
        Thread thread = new Thread(workload, "herd-crash-workload");
        thread.setDaemon(true);
        thread.start();
        KillSchedule schedule = KillSchedule.draw(options.cycles(), options.seed());
        t = System.nanoTime();
        try {
            for (int cycle = 1; cycle <= schedule.cycles(); cycle++) {
                victims.reviveExited(this::line);
                KillSchedule.Kill kill = schedule.kills().get(cycle - 1);
                Thread.sleep(kill.beforeMs());
                workload.check();
                Victims.Restart r = victims.killAndRestart(kill.victim(), kill.downMs());
                say("cycle %2d/%d  %-10s pid %-7d up %6.1f s  SIGKILL, down %4.1f s, restarted (pid %d) ready in "
                        + "%5.1f s", cycle, schedule.cycles(), r.victim().label(), r.killedPid(), r.uptimeMs() / 1000.0,
                        r.downMs() / 1000.0, r.pid(), r.readyMs() / 1000.0);
            }
        } finally {
            workload.stop();
            thread.join(Duration.ofMinutes(1).toMillis());
        }
        workload.check();
        say("Cycles done in %.1f s; workload stopped: %,d steps committed at the origin (%,d rolled back and "
                + "skipped: nothing left to pick on this small site, or an error)", seconds(t), workload.steps(),
                workload.failures());

        t = System.nanoTime();
        victims.reviveExited(this::line);
        // Nothing writes any more: each look is one pass, and the last look is the verdict.
        Verification.Result end = convergence.await(mirror::getConnection, CATCH_UP_TIMEOUT);
        victims.reviveExited(this::line);
        say("%s after %.1f s; origin and mirror, entity by entity:", end.equal() ? "Mirror caught up"
                : "Mirror still differs after the " + CATCH_UP_TIMEOUT.toMinutes() + " min catch-up timeout", seconds(t));
        if (end.equal()) {
            awaitIndexesBuilt(mirror);
        }
        say("%s", victims.summary());
        if (victims.unexpectedExits() > 0) {
            say("Children that exited by themselves and were restarted: %d", victims.unexpectedExits());
        }
        out.print(end.report("mirror"));
        return CrashResult.of(options.cycles(), victims, workload.steps(), end);
    }

    /**
     * Waits until the indexes the first copy deferred are built again (herd.deferred_index empty):
     * a replicator killed while they were deferred, or while it built them, must still build them all.
     */
    private void awaitIndexesBuilt(DataSource mirror) throws Exception {
        long t = System.nanoTime();
        long deadline = t + CATCH_UP_TIMEOUT.toNanos();
        while (true) {
            try (Connection c = mirror.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM herd.deferred_index")) {
                rs.next();
                long left = rs.getLong(1);
                if (left == 0) {
                    say("Indexes: none deferred, every index the first copy deferred is built (%.1f s after catching "
                            + "up)", seconds(t));
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(left + " indexes the first copy deferred are still not built "
                            + CATCH_UP_TIMEOUT.toMinutes() + " min after the mirror caught up (herd.deferred_index)");
                }
            }
            victims.reviveExited(this::line);
            Thread.sleep(100);
        }
    }

    /** Waits until the replicator has committed a batch; returns how many records it has committed. */
    private static long awaitFirstCommit(DataSource mirror) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = mirror.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT coalesce(sum(next_offset), 0) FROM herd.consumer_offset")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                // The replicator's migrations have not created the table yet.
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the replicator committed nothing of the snapshot within "
                + START_TIMEOUT.toMinutes() + " min");
    }

    /** The mirror against the origin as the sidecar publishes it: its translator settings and lookup. */
    private static MirrorConvergence convergence(EmbeddedMariaDb mariaDb) {
        Translator translator = new Translator(SidecarArguments.embeddedSettings(ORIGIN));
        return new MirrorConvergence(Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> mariaDb.connect(GAZELLE_DB))),
                () -> mariaDb.connect(GAZELLE_DB));
    }

    private void loadGazelle(EmbeddedMariaDb mariaDb) throws SQLException {
        long t = System.nanoTime();
        mariaDb.createDatabase(GAZELLE_DB);
        try (Connection c = mariaDb.connect(GAZELLE_DB)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            GeneratedCounts counts = new GazelleDataGenerator(new GeneratorSettings(options.seed(), options.scale()))
                    .load(c, null);
            say("Gazelle (WhatCD) generated at scale %s: %,d rows in %.1f s (%,d releases)", options.scale(),
                    counts.total(), seconds(t), counts.of("torrents"));
        }
    }

    private static long rows(Verification.Result r) {
        return r.entities().values().stream().mapToLong(Verification.EntityResult::originRows).sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private void line(String line) {
        out.println(line);
        out.flush();
    }

    private void say(String format, Object... args) {
        line(String.format(Locale.ROOT, format, args));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // A temp directory left behind is harmless.
        }
    }
}
