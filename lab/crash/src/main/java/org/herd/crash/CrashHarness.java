package org.herd.crash;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.embedded.EmbeddedPostgres;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GazelleWorkload;
import org.herd.simulator.GeneratedCounts;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.SidecarArguments;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.translator.Translator;
import org.herd.verify.MirrorReader;
import org.herd.verify.OriginReader;
import org.herd.verify.StateComparison;
import org.herd.verify.Verification;

/**
 * {@code herd crash}: a live Gazelle workload while the sidecar, the replicator and the Kafka
 * broker, each a process of its own, are killed with SIGKILL at random moments and started again;
 * then, once the workload has stopped and the mirror has caught up, the mirror is compared with
 * the origin row by row. MariaDB and PostgreSQL run as child processes of this JVM and are not
 * killed: they are the origin and the mirror whose agreement is the point.
 *
 * <p>Every child is killed on the way out, also after a failure and on Ctrl-C (a shutdown hook);
 * the embedded MariaDB and PostgreSQL stop through their own hook.
 */
public final class CrashHarness {

    static final String ORIGIN = "crash";
    private static final String GAZELLE_DB = "gazelle";
    private static final String MIRROR_DB = "mirror";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);
    /** Small heaps and the serial collector: three JVMs and two databases share a small machine. */
    private static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Duser.timezone=" + System.getProperty("user.timezone", "UTC"));

    private final CrashOptions options;
    /** The sidecar's translation of the origin, for every comparison of the run. */
    private final Translator translator = new Translator(SidecarArguments.embeddedSettings(ORIGIN));
    private final PrintStream out;
    private final SplittableRandom random;
    /** Read by the shutdown hook while the main thread fills it. */
    private final Map<Victim, ChildJvm> children = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Victim, Integer> kills = new EnumMap<>(Victim.class);
    private final Map<Victim, Integer> restarts = new EnumMap<>(Victim.class);
    private final Map<Victim, List<Long>> restartMs = new EnumMap<>(Victim.class);
    private int unexpectedExits;

    public CrashHarness(CrashOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.random = new SplittableRandom(options.seed());
        for (Victim v : Victim.values()) {
            kills.put(v, 0);
            restarts.put(v, 0);
            restartMs.put(v, new ArrayList<>());
        }
    }

    /** Runs the harness; the result's line has been printed last. */
    public CrashResult run() throws Exception {
        long began = System.nanoTime();
        boolean temporary = options.workDir() == null;
        Path work = temporary ? Files.createTempDirectory("herd-crash-") : options.workDir().toAbsolutePath();
        Files.createDirectories(work);
        say("Herd crash harness: %d cycles, seed %d, scale %s, workload %d steps/s; work dir %s", options.cycles(),
                options.seed(), options.scale(), options.rate(), work);
        Thread hook = new Thread(this::killChildren, "herd-crash-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        CrashResult result;
        try (EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(work.resolve("mariadb"));
                EmbeddedPostgres postgres = EmbeddedPostgres.start(work.resolve("postgres"))) {
            result = run(work, mariaDb, postgres);
        } finally {
            killChildren();
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
        children.put(Victim.BROKER, new ChildJvm("broker", CHILD_JVM_OPTIONS, List.of("kafka", "--log-dir",
                work.resolve("kafka").toString(), "--port", String.valueOf(brokerPort), "--controller-port",
                String.valueOf(controllerPort)), logs.resolve("broker.log"), KafkaCommand.READY));
        long t = System.nanoTime();
        children.get(Victim.BROKER).start(START_TIMEOUT);
        say("MariaDB %s:%d, PostgreSQL %s:%d, Kafka %s (pid %d) up in %.1f s", mariaDb.host(), mariaDb.port(),
                postgres.host(), postgres.port(), bootstrap, children.get(Victim.BROKER).pid(), seconds(t));

        loadGazelle(mariaDb);
        postgres.createDatabase(MIRROR_DB);
        DataSource mirror = postgres.dataSource(MIRROR_DB);

        List<String> sidecar = new ArrayList<>(List.of("sidecar"));
        SidecarArguments.embedded(ORIGIN, mariaDb.host(), mariaDb.port(), GAZELLE_DB, mariaDb.user(),
                mariaDb.password(), bootstrap).forEach(p -> sidecar.add("--" + p));
        sidecar.add("--spring.main.banner-mode=off");
        children.put(Victim.SIDECAR, new ChildJvm("sidecar", CHILD_JVM_OPTIONS, sidecar, logs.resolve("sidecar.log"),
                "Started SidecarApplication"));
        children.put(Victim.REPLICATOR, new ChildJvm("replicator", CHILD_JVM_OPTIONS, List.of("mirror",
                "--herd.mirror.origin=" + ORIGIN,
                "--herd.mirror.kafka.bootstrap-servers=" + bootstrap,
                "--herd.mirror.kafka.group-id=herd-crash",
                "--spring.datasource.url=" + postgres.jdbcUrl(MIRROR_DB),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.main.banner-mode=off"), logs.resolve("replicator.log"), "Started ReplicatorApplication"));
        t = System.nanoTime();
        children.get(Victim.SIDECAR).start(START_TIMEOUT);
        children.get(Victim.REPLICATOR).start(START_TIMEOUT);
        say("Sidecar (pid %d) and replicator (pid %d) started in %.1f s; snapshot under way",
                children.get(Victim.SIDECAR).pid(), children.get(Victim.REPLICATOR).pid(), seconds(t));
        t = System.nanoTime();
        StateComparison snapshot = awaitCatchUp(mariaDb, mirror);
        if (!snapshot.equal()) {
            throw new IllegalStateException("the snapshot did not reach the mirror within "
                    + CATCH_UP_TIMEOUT.toMinutes() + " min, before any kill:\n" + snapshot.describe("mirror"));
        }
        say("Snapshot copied: the mirror equals the origin (%,d rows) after %.1f s", rows(snapshot), seconds(t));

        Workload workload = new Workload(mariaDb);
        Thread thread = new Thread(workload, "herd-crash-workload");
        thread.setDaemon(true);
        thread.start();
        List<Victim> schedule = schedule(options.cycles());
        t = System.nanoTime();
        try {
            for (int cycle = 1; cycle <= options.cycles(); cycle++) {
                reviveExited();
                Thread.sleep(1000 + random.nextLong(5001));
                workload.check();
                cycle(cycle, schedule.get(cycle - 1));
            }
        } finally {
            workload.stop();
            thread.join(Duration.ofMinutes(1).toMillis());
        }
        workload.check();
        say("Cycles done in %.1f s; workload stopped: %,d steps committed at the origin (%,d rolled back and "
                + "skipped: nothing left to pick on this small site, or an error)", seconds(t), workload.steps.get(),
                workload.failures.get());

        t = System.nanoTime();
        reviveExited();
        StateComparison end = awaitCatchUp(mariaDb, mirror);
        reviveExited();
        say("%s after %.1f s; origin and mirror, entity by entity:", end.equal() ? "Mirror caught up"
                : "Mirror still differs after the " + CATCH_UP_TIMEOUT.toMinutes() + " min catch-up timeout", seconds(t));
        summary();
        // The verdict is herd verify's: chunk hashes on both sides, differences re-checked.
        Verification.Result verdict = verify(mariaDb, mirror);
        out.print(verdict.report("mirror"));
        return new CrashResult(options.cycles(), kills, restarts, unexpectedExits, workload.steps.get(),
                verdict.lost(), verdict.extra(), verdict.differing());
    }

    /**
     * Victims in blocks of three, each block a random order of all three: every victim is hit
     * about equally often, the first three cycles hit each once, and no order is fixed.
     */
    private List<Victim> schedule(int cycles) {
        List<Victim> schedule = new ArrayList<>();
        while (schedule.size() < cycles) {
            List<Victim> block = new ArrayList<>(List.of(Victim.values()));
            for (int i = block.size() - 1; i > 0; i--) {
                Collections.swap(block, i, random.nextInt(i + 1));
            }
            schedule.addAll(block);
        }
        return schedule.subList(0, cycles);
    }

    private void cycle(int cycle, Victim victim) throws Exception {
        ChildJvm child = children.get(victim);
        long pid = child.pid();
        long uptime = child.uptimeMs();
        child.kill();
        kills.merge(victim, 1, Integer::sum);
        long down = random.nextLong(3001);
        Thread.sleep(down);
        long back = child.start(START_TIMEOUT);
        restarts.merge(victim, 1, Integer::sum);
        restartMs.get(victim).add(back);
        say("cycle %2d/%d  %-10s pid %-7d up %6.1f s  SIGKILL, down %4.1f s, restarted (pid %d) ready in %5.1f s",
                cycle, options.cycles(), victim.label(), pid, uptime / 1000.0, down / 1000.0, child.pid(),
                back / 1000.0);
    }

    /** A child that died without being killed is reported and started again. */
    private void reviveExited() throws Exception {
        for (Map.Entry<Victim, ChildJvm> e : children.entrySet()) {
            ChildJvm child = e.getValue();
            if (!child.isAlive()) {
                unexpectedExits++;
                int code = child.exitCode();
                long back = child.start(START_TIMEOUT);
                restarts.merge(e.getKey(), 1, Integer::sum);
                say("  %s exited by itself (code %d; see %s); restarted (pid %d) in %.1f s", child.name(), code,
                        child.log(), child.pid(), back / 1000.0);
            }
        }
    }

    private void summary() {
        StringBuilder b = new StringBuilder("Kills:");
        for (Victim v : Victim.values()) {
            List<Long> ms = new ArrayList<>(restartMs.get(v));
            Collections.sort(ms);
            b.append(String.format(Locale.ROOT, "  %s %d (back in median %.1f s, max %.1f s)", v.label(), kills.get(v),
                    ms.isEmpty() ? 0 : ms.get(ms.size() / 2) / 1000.0, ms.isEmpty() ? 0 : ms.get(ms.size() - 1) / 1000.0));
        }
        say("%s", b);
        if (unexpectedExits > 0) {
            say("Children that exited by themselves and were restarted: %d", unexpectedExits);
        }
    }

    /**
     * Polls until the mirror equals the origin or the catch-up timeout passes; returns the last
     * comparison.
     */
    private StateComparison awaitCatchUp(EmbeddedMariaDb mariaDb, DataSource mirror) throws Exception {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        while (true) {
            StateComparison c = compare(mariaDb, mirror);
            if (c.equal() || System.nanoTime() > deadline) {
                return c;
            }
            Thread.sleep(2000);
        }
    }

    /** What {@code herd verify} reports for the mirror, with the sidecar's translator and lookup. */
    private Verification.Result verify(EmbeddedMariaDb mariaDb, DataSource mirror) throws Exception {
        try (Connection gazelle = mariaDb.connect(GAZELLE_DB); Connection m = mirror.getConnection()) {
            return Verification.run(translator, gazelle, () -> SourceLookups.of(translator, () -> mariaDb.connect(
                    GAZELLE_DB)), m, Verification.Settings.DEFAULTS);
        }
    }

    /**
     * The comparison that waits for catch-up: the origin's public state, read through the sidecar's
     * translator settings and an origin lookup like the sidecar's, against the mirror's live rows.
     */
    private StateComparison compare(EmbeddedMariaDb mariaDb, DataSource mirror) throws SQLException {
        OriginReader.Result origin;
        try (Connection c = mariaDb.connect(GAZELLE_DB)) {
            origin = new OriginReader(translator).read(c, SourceLookups.over(translator, c));
        }
        try (Connection c = mirror.getConnection()) {
            return StateComparison.compare(origin.rows(), MirrorReader.read(c, ORIGIN));
        }
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

    /** Workload steps at the configured rate, with tracker and private noise, until stopped. */
    private final class Workload implements Runnable {

        private final EmbeddedMariaDb mariaDb;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong steps = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Workload(EmbeddedMariaDb mariaDb) {
            this.mariaDb = mariaDb;
        }

        @Override
        public void run() {
            long interval = 1_000_000_000L / options.rate();
            try (Connection c = mariaDb.connect(GAZELLE_DB)) {
                GazelleWorkload w = new GazelleWorkload(c, options.seed() + 1);
                long next = System.nanoTime();
                int inARow = 0;
                while (running.get()) {
                    try {
                        w.step();
                        if (steps.incrementAndGet() % 10 == 0) {
                            w.trackerFlush(5);
                            w.userActivity();
                            w.sendPrivateMessage();
                        }
                        inARow = 0;
                    } catch (SQLException | IllegalStateException e) {
                        // The step rolled its transaction back, so the origin is as before it. The
                        // workload throws IllegalStateException when a small site has run out of
                        // something a kind of step needs (every collage deleted): skip that step.
                        failures.incrementAndGet();
                        if (++inARow > 100) {
                            throw e;
                        }
                    }
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } else {
                        next = System.nanoTime();
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        void stop() {
            running.set(false);
        }

        /** Rethrows what stopped the workload, if anything did. */
        void check() {
            Throwable e = failure.get();
            if (e != null) {
                throw new IllegalStateException("the workload failed after " + steps.get() + " steps: " + e, e);
            }
        }
    }

    private void killChildren() {
        for (ChildJvm child : children.values()) {
            child.close();
        }
    }

    private static long rows(StateComparison c) {
        return c.entities().values().stream().mapToLong(StateComparison.EntityDiff::origin).sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
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
