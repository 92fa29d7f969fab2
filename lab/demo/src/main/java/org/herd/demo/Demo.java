package org.herd.demo;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.testkit.MirrorArguments;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.herd.kafka.KafkaConnection;
import org.herd.testkit.Jdbc;
import org.herd.testkit.SidecarArguments;
import org.herd.testkit.TestRecords;
import org.herd.testkit.TestTrust;
import org.herd.testkit.MirrorConvergence;
import org.herd.verify.Verification;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.catalogue.TableDef;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GazelleWorkload;
import org.herd.simulator.GeneratedCounts;
import org.herd.simulator.GeneratorSettings;
import org.herd.simulator.WorkloadStep;
import org.herd.replicator.MirrorProgress;
import org.herd.replicator.ReplicatorApplication;
import org.herd.serve.ServeApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Translator;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code herd demo}: the whole path on embedded servers. A generated Gazelle site in MariaDB, a
 * sidecar publishing it to Kafka, two mirrors each applying it into its own PostgreSQL
 * database; the snapshot, then a live workload with each change timed from its commit at the
 * origin until it is visible in both mirrors. With {@code --survival} (and {@code --once}) the
 * origin's survival follows ({@link Survival}): an archive verified, the origin switched off, a
 * third mirror born from the archive. With {@code --once} it ends by comparing every mirror with
 * the origin, entity by entity, and its exit code says whether all are equal (and the born mirror
 * equal to the first); without it, it ends by printing the address of the first mirror's site
 * (ServeApplication: search, the Gazelle API, the status page) and serves it until the process is
 * stopped.
 */
public final class Demo {

    static final String ORIGIN = "demo";
    private static final String GAZELLE_DB = "gazelle";
    private static final List<String> MIRRORS = List.of("mirror-a", "mirror-b");
    /** How long the comparison waits for the mirrors to catch up and equal the origin. */
    private static final Duration COMPARE_TIMEOUT = Duration.ofMinutes(2);
    /** Workload steps that change only private or tracker columns: the sidecar publishes nothing. */
    private static final java.util.Set<String> NOISE = java.util.Set.of("trackerFlush", "userActivity",
            "sendPrivateMessage");

    private final DemoOptions options;
    private final PrintStream out;

    public Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the demo; returns the process exit code. */
    public int run() throws Exception {
        Path work = Files.createTempDirectory("herd-demo-");
        Verdict verdict = null;
        say("Herd demo: origin '%s', %d mirrors, embedded servers in %s", ORIGIN, MIRRORS.size(), work);
        long t = System.nanoTime();
        try (EmbeddedStack stack = EmbeddedStack.start(work)) {
            say("  servers up in %.1f s: MariaDB %s:%d (row binlog), Kafka %s, PostgreSQL %s",
                    seconds(t), stack.mariaDb().host(), stack.mariaDb().port(), stack.kafka().bootstrapServers(),
                    stack.postgres().jdbcUrl("postgres"));
            loadGazelle(stack);
            Map<String, DataSource> mirrorDbs = new LinkedHashMap<>();
            for (String m : MIRRORS) {
                String db = m.replace('-', '_');
                stack.postgres().createDatabase(db);
                mirrorDbs.put(m, stack.postgres().dataSource(db));
            }
            List<ConfigurableApplicationContext> apps = new ArrayList<>();
            try {
                ConfigurableApplicationContext sidecar = startSidecar(stack);
                apps.add(sidecar);
                Map<String, MirrorProgress> mirrors = new LinkedHashMap<>();
                for (String m : MIRRORS) {
                    ConfigurableApplicationContext ctx = startMirror(stack, m);
                    apps.add(ctx);
                    mirrors.put(m, ctx.getBean(MirrorProgress.class));
                }
                SidecarProgress progress = sidecar.getBean(SidecarProgress.class);
                say("Sidecar and %d mirrors started; snapshot under way", MIRRORS.size());
                followSnapshot(progress, mirrors);
                showForgery(stack, mirrors, mirrorDbs);
                ConfigurableApplicationContext site = startSite(stack, MIRRORS.get(0));
                apps.add(site);
                String url = siteUrl(site);
                say("The mirror's site: %s (search, ajax.php, status.php) on %s", url, MIRRORS.get(0));
                playWorkload(stack, progress, mirrors, mirrorDbs);
                Survival.Outcome survival = null;
                if (options.survival()) {
                    awaitCaughtUp(progress, mirrors);
                    survival = new Survival(stack, ORIGIN, work, out).tell(sidecar, MIRRORS.get(0),
                            mirrorDbs.get(MIRRORS.get(0)), (name, extra) -> {
                                ConfigurableApplicationContext ctx = startMirror(stack, name, extra);
                                apps.add(ctx);
                                return ctx;
                            });
                    // The born mirror is compared with the origin like every other.
                    mirrorDbs.put(Survival.BORN, survival.born());
                }
                if (options.once()) {
                    verdict = compare(stack, progress, mirrors, mirrorDbs, survival);
                } else {
                    serveUntilStopped(url);
                }
            } finally {
                for (int i = apps.size() - 1; i >= 0; i--) {
                    apps.get(i).close();
                }
            }
        } finally {
            deleteQuietly(work);
            if (stopping != null) {
                stopping.countDown();
            }
        }
        // Printed after every server has stopped, so that it is the last line of the run.
        if (verdict != null) {
            say("%s", verdict.line());
            return verdict.exitCode();
        }
        return 0;
    }

    private record Verdict(int exitCode, String line) {
    }

    private void loadGazelle(EmbeddedStack stack) throws Exception {
        long t = System.nanoTime();
        stack.mariaDb().createDatabase(GAZELLE_DB);
        try (Connection c = stack.mariaDb().connect(GAZELLE_DB)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            GeneratedCounts counts = new GazelleDataGenerator(new GeneratorSettings(options.seed(), options.scale()))
                    .load(c, null);
            say("Gazelle (WhatCD schema) generated at scale %s: %,d rows in %.1f s (%,d release groups, %,d "
                    + "releases, %,d artists, %,d group tags; private tables too)", options.scale(), counts.total(),
                    seconds(t), counts.of("torrents_group"), counts.of("torrents"), counts.of("artists_group"),
                    counts.of("torrents_tags"));
        }
    }

    private ConfigurableApplicationContext startSidecar(EmbeddedStack stack) {
        return SidecarApplication.builder().properties(quiet(SidecarArguments.embedded(ORIGIN, stack.mariaDb(),
                GAZELLE_DB, stack.kafka().bootstrapServers()))).run();
    }

    private static ConfigurableApplicationContext startMirror(EmbeddedStack stack, String name) {
        return startMirror(stack, name, List.of());
    }

    private static ConfigurableApplicationContext startMirror(EmbeddedStack stack, String name, List<String> extra) {
        String db = name.replace('-', '_');
        List<String> properties = MirrorArguments.embedded(ORIGIN, stack.kafka().bootstrapServers(),
                stack.postgres(), db, "herd-" + name);
        properties.add("spring.datasource.hikari.pool-name=" + name);
        properties.addAll(extra);
        return ReplicatorApplication.builder().properties(quiet(properties)).run();
    }

    /** The web server on a mirror's database, as herd mirror --serve runs it beside the mirror. */
    private ConfigurableApplicationContext startSite(EmbeddedStack stack, String mirror) {
        String db = mirror.replace('-', '_');
        return ServeApplication.builder().properties(quiet(List.of(
                "spring.datasource.url=" + stack.postgres().jdbcUrl(db),
                "spring.datasource.username=" + stack.postgres().user(),
                "spring.datasource.password=" + stack.postgres().password(),
                "server.address=127.0.0.1",
                "herd.serve.port=" + options.port(),
                "herd.serve.site-name=Herd demo mirror"))).run();
    }

    /**
     * The site's address, once its search page has answered: the line that prints it is a
     * promise that it serves.
     */
    private static String siteUrl(ConfigurableApplicationContext site) throws Exception {
        String url = "http://127.0.0.1:" + site.getEnvironment().getProperty("local.server.port") + "/";
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "index.php"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the mirror's site at " + url + " answered HTTP " + r.statusCode());
        }
        return url;
    }

    /**
     * Prints the site's address as the last line and waits until the process is stopped (Ctrl-C,
     * SIGTERM); the stop then waits, briefly, for the servers to close in order.
     */
    private void serveUntilStopped(String url) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "herd-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        say("Serving the mirror's site at %s until stopped (Ctrl-C)", url);
        try {
            stop.await();
        } finally {
            stopping = closed;
        }
    }

    /** Counted down once the servers are closed, when a stop signal waits for it. */
    private CountDownLatch stopping;

    private static String[] quiet(List<String> properties) {
        List<String> all = new ArrayList<>(properties);
        all.add("spring.main.banner-mode=off");
        all.add("spring.main.log-startup-info=false");
        return all.toArray(String[]::new);
    }

    private void followSnapshot(SidecarProgress sidecar, Map<String, MirrorProgress> mirrors)
            throws InterruptedException {
        long t = System.nanoTime();
        long deadline = t + 30L * 60 * 1_000_000_000L;
        while (true) {
            Thread.sleep(1000);
            boolean done = sidecar.isSnapshotCompleted() && caughtUp(sidecar, mirrors);
            StringBuilder line = new StringBuilder(String.format("  snapshot %5.1f s  sidecar published %,9d (%,.0f/s)",
                    seconds(t), sidecar.published(), sidecar.published() / Math.max(seconds(t), 0.001)));
            mirrors.forEach((name, p) -> line.append(String.format("  %s applied %,9d", name, p.applied())));
            say("%s", line);
            if (done) {
                say("Snapshot copied: %,d records in %.1f s (%,.0f records/s end to end), both mirrors caught up",
                        sidecar.published(), seconds(t), sidecar.published() / seconds(t));
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("snapshot did not complete within 30 minutes");
            }
        }
    }

    /**
     * What a stranger who can write to the origin's topics gets: a record claiming to rename an
     * artist, signed by a key the origin's trust root does not name, published to the artist topic.
     * Every mirror refuses it, says why in herd.reject, and goes on.
     */
    private void showForgery(EmbeddedStack stack, Map<String, MirrorProgress> mirrors,
            Map<String, DataSource> mirrorDbs) throws Exception {
        long refusedBefore = mirrors.values().stream().mapToLong(MirrorProgress::rejected).sum();
        say("Verified: every record carries the origin's signature, checked by each mirror against trust root v1 "
                + "before it is applied; %d refused", refusedBefore);
        DataSource first = mirrorDbs.values().iterator().next();
        List<Map<String, Object>> artist = Jdbc.query(first,
                "SELECT artist_id, name FROM herd.artist WHERE origin = ? AND NOT deleted ORDER BY artist_id LIMIT 1",
                ORIGIN);
        if (artist.isEmpty()) {
            return;
        }
        long id = ((Number) artist.get(0).get("artist_id")).longValue();
        NeutralRecord forged = TestRecords.artist(ORIGIN, id, "Renamed by a stranger",
                TestRecords.at("mysql-bin.999999", 4, 0));
        ProducerRecord<byte[], byte[]> record = TestTrust.signed("herd." + ORIGIN, List.of(forged),
                TestTrust.foreignKey("demo")).get(0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaConnection.of(stack.kafka().bootstrapServers()).producer("herd-demo-forger", Map.of()))) {
            producer.send(record).get();
        }
        say("Forgery: a record renaming artist %d to '%s', signed by a stranger's key, published to %s", id,
                "Renamed by a stranger", record.topic());
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (Map.Entry<String, DataSource> m : mirrorDbs.entrySet()) {
            List<Map<String, Object>> rejects;
            do {
                Thread.sleep(100);
                rejects = Jdbc.query(m.getValue(), "SELECT topic, \"partition\", \"offset\", reason, detail"
                        + " FROM herd.reject WHERE subject = 'record' AND entity = 'artist' ORDER BY id DESC LIMIT 1");
            } while (rejects.isEmpty() && System.nanoTime() < deadline);
            if (rejects.isEmpty()) {
                throw new IllegalStateException(m.getKey() + " did not refuse the forged record within 60 s");
            }
            Map<String, Object> r = rejects.get(0);
            Object name = Jdbc.query(m.getValue(), "SELECT name FROM herd.artist WHERE origin = ? AND artist_id = ?",
                    ORIGIN, id).get(0).get("name");
            say("  %s refused %s partition %s offset %s: %s (%s); artist %d is still '%s'", m.getKey(),
                    r.get("topic"), r.get("partition"), r.get("offset"), r.get("reason"), r.get("detail"), id, name);
        }
    }

    /** Every mirror has consumed at least as many records as the sidecar has published. */
    private static boolean caughtUp(SidecarProgress sidecar, Map<String, MirrorProgress> mirrors) {
        long published = sidecar.published();
        return mirrors.values().stream().allMatch(p -> p.applied() + p.notNewer() + p.quarantined() >= published);
    }

    private void playWorkload(EmbeddedStack stack, SidecarProgress sidecar, Map<String, MirrorProgress> mirrors,
            Map<String, DataSource> mirrorDbs) throws Exception {
        if (options.steps() == 0) {
            return;
        }
        say("Live workload: %d changes on Gazelle, each timed from commit until visible in every mirror",
                options.steps());
        Translator translator = new Translator(SidecarArguments.embeddedSettings(ORIGIN));
        List<Long> lags = new ArrayList<>();
        long discardedBefore = sidecar.discarded();
        try (Connection gazelle = stack.mariaDb().connect(GAZELLE_DB)) {
            GazelleWorkload workload = new GazelleWorkload(gazelle, options.seed() + 1);
            Map<String, Connection> mirrorConnections = new LinkedHashMap<>();
            try {
                for (Map.Entry<String, DataSource> m : mirrorDbs.entrySet()) {
                    mirrorConnections.put(m.getKey(), m.getValue().getConnection());
                }
                for (int i = 0; i < options.steps(); i++) {
                    WorkloadStep step = step(workload, i);
                    long committed = System.nanoTime();
                    Optional<ChangeProbe> probe = NOISE.contains(step.kind()) ? Optional.empty()
                            : ChangeProbe.of(translator, ORIGIN, gazelle, step.table(),
                                    gazelleKey(step.table(), step.key()));
                    StringBuilder line = new StringBuilder(String.format("  %-18s %-14s %-12s", step.kind(),
                            step.table(), shortKey(step.key())));
                    if (probe.isEmpty()) {
                        line.append(" private or tracker noise: nothing published");
                    } else {
                        for (Map.Entry<String, Connection> m : mirrorConnections.entrySet()) {
                            long lag = waitUntilVisible(probe.get(), m.getValue(), committed);
                            lags.add(lag);
                            line.append(String.format("  %s %5d ms", m.getKey(), lag));
                        }
                    }
                    say("%s", line);
                }
            } finally {
                for (Connection c : mirrorConnections.values()) {
                    c.close();
                }
            }
        }
        lags.sort(null);
        if (!lags.isEmpty()) {
            say("Change lag, commit at the origin to visible in a mirror: p50 %d ms, p99 %d ms, max %d ms "
                    + "(%d measurements); tracker and private noise discarded by the sidecar: %,d row changes",
                    lags.get(lags.size() / 2), lags.get(Math.min(lags.size() - 1, (int) (lags.size() * 0.99))),
                    lags.get(lags.size() - 1), lags.size(), sidecar.discarded() - discardedBefore);
        }
    }

    private static String shortKey(String key) {
        long parts = key.chars().filter(c -> c == ',').count() + 1;
        return parts > 2 ? parts + " rows" : key;
    }

    /** The first steps show each kind of change once; the rest are the workload's own mix. */
    private static WorkloadStep step(GazelleWorkload w, int i) throws Exception {
        return switch (i) {
            case 0 -> w.newUpload();
            case 1 -> w.editRelease();
            case 2 -> w.voteTag();
            case 3 -> w.renameArtist();
            case 4 -> w.deleteTorrent();
            case 5 -> w.trackerFlush(20);
            case 6 -> w.addWikiRevision();
            case 7 -> w.sendPrivateMessage();
            default -> w.step();
        };
    }

    /**
     * A step's key, its primary key values joined by ',' in the table's key order, as column
     * values; empty when it does not fit the table's key.
     */
    static Map<String, Object> gazelleKey(String table, String key) {
        List<String> columns = GazelleCatalogue.of(GazelleVariant.WHATCD).table(table)
                .map(TableDef::primaryKey).orElse(List.of());
        String[] parts = key == null ? new String[0] : key.split(",");
        if (columns.isEmpty() || parts.length != columns.size()) {
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String v = parts[i].trim();
            values.put(columns.get(i), v.matches("-?\\d{1,18}") ? (Object) Long.parseLong(v) : v);
        }
        return values;
    }

    private static long waitUntilVisible(ChangeProbe probe, Connection mirror, long since) throws Exception {
        long deadline = since + 60_000_000_000L;
        while (!probe.mirrorHoldsIt(mirror)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(probe.entity() + " " + probe.key()
                        + " did not reach the mirror within 60 s");
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - since) / 1_000_000;
    }

    /**
     * Waits until every mirror has consumed what the sidecar published; the survival story then
     * deletes the topics they read, so a record still in flight would be lost to them.
     */
    private static void awaitCaughtUp(SidecarProgress sidecar, Map<String, MirrorProgress> mirrors)
            throws InterruptedException {
        long deadline = System.nanoTime() + COMPARE_TIMEOUT.toNanos();
        while (!caughtUp(sidecar, mirrors)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the mirrors did not consume the " + sidecar.published()
                        + " records the sidecar published within " + COMPARE_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    /**
     * Once every mirror has consumed what the sidecar published, compares each with the origin
     * until it is equal or two minutes have passed. Nothing writes to the origin any more: one pass
     * per look, no re-checks. With the survival story told, the mirror born from the archive is
     * one of the mirrors compared, and the verdict also says whether it equals the first mirror.
     */
    private Verdict compare(EmbeddedStack stack, SidecarProgress sidecar, Map<String, MirrorProgress> mirrors,
            Map<String, DataSource> mirrorDbs, Survival.Outcome survival) throws Exception {
        long deadline = System.nanoTime() + COMPARE_TIMEOUT.toNanos();
        while (!caughtUp(sidecar, mirrors) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Translator translator = new Translator(SidecarArguments.embeddedSettings(ORIGIN));
        MirrorConvergence convergence = new MirrorConvergence(Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> stack.mariaDb().connect(GAZELLE_DB))),
                () -> stack.mariaDb().connect(GAZELLE_DB));
        Map<String, Verification.Result> results = new LinkedHashMap<>();
        for (Map.Entry<String, DataSource> m : mirrorDbs.entrySet()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            results.put(m.getKey(), convergence.await(m.getValue()::getConnection, left));
        }
        say("Comparison of the origin's public state with each mirror:");
        results.forEach((name, r) -> out.print(r.report(name)));
        List<String> differing = results.entrySet().stream().filter(e -> !e.getValue().equal()).map(Map.Entry::getKey)
                .toList();
        String born = survival == null ? "" : String.format(Locale.ROOT, "; %s, born from the archive, %s %s",
                Survival.BORN, survival.equal() ? "equals" : "differs from", MIRRORS.get(0));
        if (differing.isEmpty() && (survival == null || survival.equal())) {
            Verification.Result any = results.values().iterator().next();
            long rows = any.entities().values().stream().mapToLong(Verification.EntityResult::originRows).sum();
            return new Verdict(0, String.format(Locale.ROOT,
                    "PASS: every mirror equals the origin (%d mirrors, %d entities, %,d rows each)%s", results.size(),
                    any.entities().size(), rows, born));
        }
        return new Verdict(1, "FAIL: " + (differing.isEmpty() ? "every mirror equals the origin"
                : String.join(", ", differing) + (differing.size() == 1 ? " differs" : " differ") + " from the origin")
                + born);
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
