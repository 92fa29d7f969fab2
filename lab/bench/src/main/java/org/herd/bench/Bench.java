package org.herd.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import java.time.Duration;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.serve.ServeApplication;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratedCounts;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.MirrorArguments;
import org.herd.simulator.LoadGenerator;
import org.herd.simulator.LoadReport;
import org.herd.testkit.SidecarArguments;
import org.herd.testkit.TestTrust;
import org.herd.translator.Translator;
import org.herd.verify.Verification;

/**
 * {@code herd bench}: measures Herd on this machine with embedded MariaDB, Kafka and PostgreSQL.
 * The sidecar and the replicator each run in a JVM of their own, as in production, so that their
 * memory can be read; the bench JVM holds the servers, writes the workload and measures.
 *
 * <p>Phases, in order: generate the site; pgloader copies it (before anything else loads the
 * machine, {@link PgLoaderRun}); Herd's snapshot from an empty mirror until the mirror holds what the
 * origin holds ({@link SnapshotPhase}); PostgreSQL COPY of the mirror's rows ({@link CopyCeiling}); a
 * late mirror replaying the topics ({@link LateMirrorPhase}); browse latency of the web server on the
 * late mirror ({@link BrowsePhase}); streaming at each rate of binlog row
 * changes, written by the load generator ({@link Streaming}), and the highest rate with p99 lag
 * under a second ({@link RateCurve}); tracker noise ({@link NoisePhase}); peak memory. After the
 * snapshot and the late mirror, {@code herd verify}'s comparison says whether the mirror's content
 * equals the origin's ({@link ContentCheck}). The report is {@link BenchReport}.
 *
 * <p>Two other runs: {@code --scales} measures the copy phases on sites of several sizes and projects
 * them to scale 1 ({@link ScaleSeries}); {@code --generator-only} runs the rates with the load
 * generator alone on MariaDB ({@link GeneratorCurve}).
 */
public final class Bench {

    static final String ORIGIN = "bench";
    /** The streaming target: the highest rate at which the mirror's p99 lag stays under this. */
    static final double LAG_BOUND_MS = 1_000;
    private static final String GAZELLE_DB = "gazelle";
    private static final String MIRROR_DB = "herd_mirror";
    private static final String LATE_MIRROR_DB = MIRROR_DB + "_late";

    private final BenchOptions options;
    private final PrintStream out;
    /** async-profiler's agent with {@code --profile}; null otherwise or where it has none. */
    private Profiler profiler;

    /**
     * What a run wrote.
     *
     * @param json         where the JSON report is
     * @param report       the report of a full run; null for a scale series or the load generator alone
     * @param mirrorsEqual whether every mirror the run filled equals the origin
     */
    public record Result(Path json, BenchReport report, boolean mirrorsEqual) {

        public Result(Path json, BenchReport report) {
            this(json, report, report.mirrorsEqual());
        }

        /** 0 when every mirror the bench filled equals the origin, else 1. */
        public int exitCode() {
            return mirrorsEqual ? 0 : 1;
        }
    }

    public Bench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Runs every phase and writes the JSON report; with {@code --scales}, the scale series
     * ({@link ScaleSeries}); with {@code --generator-only}, the load generator's rates alone.
     */
    public Result run() throws Exception {
        quietDriverWarnings();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path json = options.out() != null ? options.out().toAbsolutePath()
                : Path.of("target", "bench", "bench-" + stamp + ".json").toAbsolutePath();
        Path files = json.getParent().resolve(json.getFileName().toString().replaceFirst("\\.json$", "") + "-files");
        Files.createDirectories(files);
        Machine.Description machine = Machine.describe();
        if (options.profile().flameGraphs()) {
            profiler = Profiler.unpack(files.resolve("async-profiler"), this::line).orElse(null);
        }
        long t = System.nanoTime();
        if (options.scales().series()) {
            return scaleSeries(json, files, machine, t);
        }
        if (options.streaming().generatorOnly()) {
            return generatorOnly(json, files, machine, t);
        }
        say("Herd bench at scale %s on %s; logs in %s", options.scale(), Machine.summary(), files);
        SiteFigures site = measureSite(options.scale(), files, true);
        BenchReport report = new BenchReport(machine, BenchReport.Options.of(options), site.dataset(), site.pgloader(),
                site.snapshot(), site.copy(), site.lateMirror(), site.streaming(), site.streamingCurve(), site.noise(),
                site.memory(), site.browse(), site.signing(), site.verifying(), site.archive(), site.scrubCost(), 0);
        // The servers' shutdown counts too.
        report = report.withTotalSeconds(round(seconds(t)));
        write(json, report);
        report.printTable(this::line);
        say("JSON report: %s", json);
        return new Result(json, report);
    }

    /**
     * The figures of one generated site.
     *
     * @param streaming empty, and the curve and noise null, when only the copy was measured
     */
    record SiteFigures(BenchReport.Dataset dataset, BenchReport.PgLoader pgloader, BenchReport.Snapshot snapshot,
            BenchReport.Copy copy, BenchReport.LateMirror lateMirror, List<BenchReport.StreamingRate> streaming,
            BenchReport.StreamingCurve streamingCurve, BenchReport.Noise noise, BenchReport.Memory memory,
            BenchReport.Browse browse, BenchReport.Signing signing, BenchReport.Verifying verifying,
            BenchReport.Archive archive, BenchReport.ScrubCost scrubCost) {
    }

    /**
     * Fresh servers, a site generated at {@code scale}, pgloader, Herd's snapshot, COPY and a late
     * mirror, and browse on it unless left out; with {@code live}, then streaming and noise.
     */
    private SiteFigures measureSite(double scale, Path files, boolean live) throws Exception {
        long t = System.nanoTime();
        try (EmbeddedStack stack = EmbeddedStack.start(null)) {
            say("  servers up in %.1f s", seconds(t));
            if (options.jfr()) {
                say("  class-data archives: not with --jfr or --profile (the replicator crashed in the JVM's "
                        + "class-file hook with both)");
            } else {
                ClassArchiveTraining.run(new ClassArchiveTraining.Setting(stack, options.sidecarJvmAt(scale),
                        options.mirrorJvm(), files, database -> loadSite(stack.mariaDb(), database,
                                ClassArchiveTraining.SCALE)), this::line);
            }
            Verification.Connector gazelle = () -> stack.mariaDb().connect(GAZELLE_DB);
            Translator translator = new Translator(SidecarArguments.embeddedSettings(ORIGIN));
            Verification.Origin origin = Verification.Origin.of(translator,
                    () -> SourceLookups.of(translator, gazelle::connect));
            MirrorCheck check = mirror -> ContentCheck.run(origin, gazelle, mirror, this::line);

            GeneratedSite site = generate(stack, origin, scale);
            BenchReport.PgLoader pgloader = PgLoaderRun.phase(stack, GAZELLE_DB, site.counts(), files, out,
                    options.pgloader());
            stack.postgres().createDatabase(MIRROR_DB);
            DataSource mirror = stack.postgres().dataSource(MIRROR_DB);
            if ("ok".equals(pgloader.status())) {
                say("  pgloader's database vacuumed and analysed in %.1f s (not timed), so that autovacuum does not do "
                        + "it during Herd's snapshot", Autovacuum.vacuumNow(stack.postgres().dataSource(
                        PgLoaderRun.DATABASE)));
            }
            awaitAutovacuumIdle(mirror);
            List<String> jvmS = jvm(options.sidecarJvmAt(scale), files, "sidecar", "sidecar");
            List<String> jvmM = jvm(options.mirrorJvm(), files, "mirror", "mirror");
            long launched = System.nanoTime();
            CpuTimes cpuAtLaunch = CpuTimes.read(null, null);
            try (ChildProcess sidecar = ChildProcess.start("sidecar", jvmS, sidecarProperties(stack),
                    files.resolve("sidecar.log"))) {
                // The sidecar creates the topics before it reports ready; a mirror started earlier would
                // wait for Kafka to announce them.
                sidecar.awaitReady(180_000);
                SnapshotPhase.Launch launch = new SnapshotPhase.Launch(launched, System.nanoTime(), cpuAtLaunch);
                try (ChildProcess replicator = ChildProcess.start("mirror", jvmM, mirrorProperties(stack, MIRROR_DB,
                        "herd-bench"), files.resolve("mirror.log"))) {
                    BenchReport.Snapshot snapshot = SnapshotPhase.run(launch, sidecar, replicator, mirror,
                            site.counts(), check, this::line);
                    BenchReport.Signing signing = BenchReport.Signing.of(sidecar.counter("signCpuNanos"),
                            snapshot.cpuSeconds());
                    say("  signing: %.1f CPU s, %.1f%% of the sidecar's CPU seconds, %.1f%% of all processes'",
                            signing.cpuSeconds(), signing.ofSidecar() * 100, signing.ofSnapshot() * 100);
                    long snapshotVerifyNanos = replicator.counter("verifyCpuNanos");
                    say("  the snapshot's mirror database vacuumed and analysed in %.1f s (not timed), so that autovacuum "
                            + "does not do it during the measurements that follow", Autovacuum.vacuumNow(mirror));
                    String vacuumsBefore = MirrorCounts.autovacuumRuns(mirror);
                    awaitAutovacuumIdle(mirror);
                    BenchReport.Copy copy = copy(mirror, site.counts());
                    awaitAutovacuumIdle(mirror);
                    LateMirrorPhase.Result late = lateMirror(stack, files, site.counts(), check);
                    say("  autovacuum in the snapshot's mirror database during the ceiling and the late mirror: %s "
                            + "before, %s after", vacuumsBefore, MirrorCounts.autovacuumRuns(mirror));
                    BenchReport.LateMirror lateMirror = late.lateMirror();
                    BenchReport.Verifying verifying = BenchReport.Verifying.of(snapshotVerifyNanos,
                            snapshot.cpuSeconds(), late.verifyCpuNanos(), lateMirror.cpuSeconds(), late.consumed());
                    say("  verifying: %.1f CPU s during the snapshot, %.1f%% of the replicator's CPU seconds; %.1f CPU s "
                            + "in the late mirror, %.1f%% of its replicator's, %.1f µs per record",
                            verifying.snapshotCpuSeconds(), verifying.ofSnapshotReplicator() * 100,
                            verifying.lateMirrorCpuSeconds(), verifying.ofLateMirrorReplicator() * 100,
                            verifying.lateMirrorMicrosPerRecord());
                    BenchReport.Archive archive = live && options.extra().archive()
                            ? archive(stack, files, site.counts(), lateMirror, check) : null;
                    BenchReport.ScrubCost scrubCost = live && options.extra().scrubCost()
                            ? scrubCost(stack, files, site.counts(), snapshot, scale) : null;
                    BenchReport.Browse browse = options.browse().enabled() ? browse(stack) : null;
                    List<BenchReport.StreamingRate> streaming = List.of();
                    BenchReport.StreamingCurve curve = null;
                    BenchReport.Noise noise = null;
                    if (live) {
                        streaming = streaming(stack, gazelle, mirror, sidecar, replicator);
                        curve = BenchReport.StreamingCurve.of(RateCurve.highest(streaming.stream()
                                .map(r -> new RateCurve.Step(r.targetRowChangesPerSecond(), r.rowChangesPerSecond(),
                                        r.sustained(), r.lagLost(), r.lagP99Ms())).toList(), LAG_BOUND_MS));
                        say("  highest rate with p99 lag under %,.0f ms: %s", LAG_BOUND_MS, curve.text());
                        noise = NoisePhase.run(gazelle, sidecar, options.noiseSeconds(), options.seed() + 7,
                                this::line);
                    }
                    BenchReport.Memory memory = new BenchReport.Memory(round(sidecar.peakRssMib()), jvmS,
                            round(replicator.peakRssMib()), jvmM, 512);
                    return new SiteFigures(site.dataset(), pgloader, snapshot, copy, lateMirror, streaming, curve,
                            noise, memory, browse, signing, verifying, archive, scrubCost);
                }
            }
        }
    }

    private void write(Path json, Object report) throws java.io.IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
    }

    /**
     * {@code --scales} and {@code --repeat}: the copy measured at each scale, once per round, then
     * projected to scale 1 and, of a scale measured more than once, its figures' spread.
     */
    private Result scaleSeries(Path json, Path files, Machine.Description machine, long t) throws Exception {
        ScaleOptions scales = options.scales();
        List<Double> runs = scales.runs(options.scale());
        say("Herd bench: %s%s on %s; logs in %s", scales.scales().isEmpty() ? "scale " + options.scale()
                : "scale series " + scales.scales(), scales.repeat() > 1 ? ", " + scales.repeat() + " runs each" : "",
                Machine.summary(), files);
        List<ScaleSeries.Point> points = new ArrayList<>();
        Map<Double, Integer> done = new HashMap<>();
        boolean equal = true;
        for (double scale : runs) {
            int run = done.merge(scale, 1, Integer::sum);
            say("");
            String load = Machine.load();
            say("=== scale %s%s (load %s) ===", scale, scales.repeat() > 1 ? ", run " + run + " of " + scales.repeat()
                    : "", load);
            long started = System.nanoTime();
            Path dir = files.resolve(scales.repeat() > 1 ? "scale-" + scale + "-run-" + run : "scale-" + scale);
            SiteFigures site = measureSite(scale, Files.createDirectories(dir), false);
            points.add(ScaleSeries.Point.of(scale, run, site, round(seconds(started)), load));
            equal &= site.snapshot().comparison().equal() && site.lateMirror().comparison().equal();
        }
        ScaleSeries series = ScaleSeries.of(machine, options, points, round(seconds(t)));
        write(json, series);
        series.printTable(this::line);
        say("JSON report: %s", json);
        return new Result(json, null, equal);
    }

    /** {@code --generator-only}: the site, then each rate with the load generator alone on MariaDB. */
    private Result generatorOnly(Path json, Path files, Machine.Description machine, long t) throws Exception {
        say("Load generator alone at scale %s on %s: no sidecar, Kafka or mirror", options.scale(), Machine.summary());
        List<GeneratorCurve.Step> steps = new ArrayList<>();
        GeneratorCurve.Site site;
        try (EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(null)) {
            long g = System.nanoTime();
            GeneratedCounts generated = loadSite(mariaDb, options.scale());
            site = new GeneratorCurve.Site(options.scale(), generated.total(), round(seconds(g)));
            say("Gazelle generated: %,d rows in %.1f s", generated.total(), seconds(g));
            LoadGenerator generator = loadGenerator(mariaDb);
            say("%s on %d connections, %d s per rate", options.streaming().mix().spec(), options.workloadThreads(),
                    options.rateSeconds());
            generator.run(options.rates().stream().min(Integer::compare).orElse(1000), Duration.ofSeconds(5));
            for (int rate : options.rates()) {
                CpuTimes before = CpuTimes.read(null, null);
                LoadReport r = generator.run(rate, Duration.ofSeconds(options.rateSeconds()));
                Map<String, Double> cpu = CpuTimes.read(null, null).since(before);
                String load = Machine.load();
                steps.add(GeneratorCurve.Step.of(rate, r, cpu, load));
                say("  %,6d/s target: %s; CPU %s; load %s", rate, r.describe(), CpuTimes.describe(cpu), load);
            }
        }
        GeneratorCurve curve = new GeneratorCurve(machine, options.workloadThreads(), options.streaming().mix().spec(),
                options.rateSeconds(), site, steps, round(seconds(t)));
        write(json, curve);
        curve.printTable(this::line);
        say("JSON report: %s", json);
        return new Result(json, null, true);
    }

    /**
     * The workload's connections deadlock now and then, as Gazelle's do; the driver would log
     * each one, drowning the bench's own lines. They are counted as failed changes instead.
     */
    private static void quietDriverWarnings() {
        if (org.slf4j.LoggerFactory.getLogger("org.mariadb.jdbc") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    /**
     * The JVM options of a process running {@code application} ("sidecar" or "mirror"): the base
     * options, the application's class-data archive where there is one, and the recordings asked
     * for, named after {@code role}. Recordings and an archive do not go together: with both, JDK
     * 17.0.15's replicator died of a segmentation fault in {@code
     * KlassFactory::check_shared_class_file_load_hook} as it loaded an archived PostgreSQL driver
     * class, so a recorded process runs without its archive (a recording measures it differently
     * anyway).
     */
    private List<String> jvm(List<String> base, Path files, String application, String role) throws IOException {
        List<String> all = new ArrayList<>(base);
        Optional<Path> archive = ChildProcess.classArchive(application);
        if (!options.jfr() && archive.isPresent() && Files.isRegularFile(archive.get())) {
            all.add("-XX:SharedArchiveFile=" + archive.get());
        }
        if (options.jfr()) {
            all.add("-XX:StartFlightRecording=filename=" + files.resolve(role + ".jfr") + ",settings=profile,"
                    + "dumponexit=true");
        }
        if (profiler != null) {
            all.add(profiler.agentOption(files.resolve(role + "-cpu.html")));
        }
        return all;
    }

    /** The generated site: its report section and what the mirror must hold. */
    private record GeneratedSite(BenchReport.Dataset dataset, OriginCounts counts) {
    }

    private GeneratedSite generate(EmbeddedStack stack, Verification.Origin origin, double scale) throws Exception {
        long t = System.nanoTime();
        GeneratedCounts generated = loadSite(stack.mariaDb(), scale);
        double seconds = seconds(t);
        try (Connection c = stack.mariaDb().connect(GAZELLE_DB)) {
            OriginCounts counts = OriginCounts.read(origin, c);
            say("Gazelle generated: %,d rows in all tables in %.1f s; %,d rows in the %d replicated tables, which "
                    + "make %,d mirror rows", generated.total(), seconds, counts.totalSourceRows(),
                    counts.sourceRows().size(), counts.totalEntityRows());
            return new GeneratedSite(new BenchReport.Dataset(generated.total(), round(seconds), counts.sourceRows(),
                    counts.totalSourceRows(), counts.entityRows(), counts.totalEntityRows(),
                    "innodb_flush_log_at_trx_commit=2, innodb_log_file_buffering=ON, row binlog, sync_binlog=0"), counts);
        }
    }

    /** Gazelle's schema and a site generated at {@code scale}, then the origin's commit durability relaxed. */
    private GeneratedCounts loadSite(EmbeddedMariaDb mariaDb, double scale) throws Exception {
        return loadSite(mariaDb, GAZELLE_DB, scale);
    }

    private GeneratedCounts loadSite(EmbeddedMariaDb mariaDb, String database, double scale) throws Exception {
        mariaDb.createDatabase(database);
        try (Connection c = mariaDb.connect(database)) {
            try (Statement s = c.createStatement()) {
                // The origin's own commit durability is not what is measured: with an fsync per
                // commit the load generator's connections, not Herd, would set the highest rate
                // reached on this disk. Many Gazelle sites run with this setting anyway.
                s.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 2");
                // What the server does by itself when it starts with the setting above (MDEV-28766):
                // without it, every commit still writes the redo log with O_DIRECT, a disk write that
                // each commit waits for.
                s.execute("SET GLOBAL innodb_log_file_buffering = ON");
                // The site is read by snapshots (Debezium's, pgloader's), never from the binlog:
                // writing its rows there as well only makes generating a large site slower.
                s.execute("SET SESSION sql_log_bin = 0");
            }
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            GeneratedCounts generated = new GazelleDataGenerator(new GeneratorSettings(options.seed(), scale))
                    .load(c, null);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_log_bin = 1");
            }
            return generated;
        }
    }

    private LoadGenerator loadGenerator(EmbeddedMariaDb mariaDb) {
        return new LoadGenerator(mariaDb.jdbcUrl(GAZELLE_DB), mariaDb.user(), mariaDb.password(),
                new LoadGenerator.Settings(options.workloadThreads(), options.streaming().mix(), options.seed(),
                        Streaming.RESERVED_IDS));
    }

    private List<String> sidecarProperties(EmbeddedStack stack) {
        return quiet(SidecarArguments.embedded(ORIGIN, stack.mariaDb(), GAZELLE_DB, stack.kafka().bootstrapServers()));
    }

    private List<String> mirrorProperties(EmbeddedStack stack, String database, String group) {
        return quiet(MirrorArguments.embedded(ORIGIN, stack.kafka().bootstrapServers(), stack.postgres(), database,
                group));
    }

    static List<String> quiet(List<String> properties) {
        List<String> all = new ArrayList<>(properties);
        all.add("spring.main.banner-mode=off");
        all.add("spring.main.log-startup-info=false");
        all.add("logging.level.root=WARN");
        all.add("logging.level.org.herd=INFO");
        return all;
    }

    /** Before a measured phase: autovacuum done wherever it runs on the server, or said that it is not. */
    private void awaitAutovacuumIdle(DataSource any) throws Exception {
        int running = Autovacuum.awaitIdle(any, Autovacuum.PATIENCE_MS);
        if (running > 0) {
            say("  %d autovacuum workers still running after %d s; the next phase shares the cores with them", running,
                    Autovacuum.PATIENCE_MS / 1000);
        }
    }

    private BenchReport.Copy copy(DataSource mirror, OriginCounts origin) throws Exception {
        CopyCeiling.Result c = CopyCeiling.run(mirror, origin.entityRows().keySet());
        say("Raw ceiling: PostgreSQL COPY of the mirror's %,d rows into empty copies of its tables: %.2f s = %,.0f "
                + "rows/s (every index maintained: %.2f s; keys only, then the other indexes built: %.2f s); "
                + "PostgreSQL CPU %.1f s", c.rows(), c.seconds(), c.rowsPerSecond(), c.indexedSeconds(),
                c.deferredSeconds(), c.postgresCpuSeconds());
        return new BenchReport.Copy(c.rows(), c.bytes(), round(c.seconds()), round(c.rowsPerSecond()),
                round(c.indexedSeconds()), round(c.deferredSeconds()), round(c.postgresCpuSeconds()),
                "the mirror's rows, COPY FROM STDIN (binary) into empty tables LIKE the mirror's, one transaction, the "
                        + "faster of: every index maintained (indexedSeconds), or keys only and the other indexes "
                        + "built after the rows, two at a time (deferredSeconds)");
    }

    private LateMirrorPhase.Result lateMirror(EmbeddedStack stack, Path files, OriginCounts origin, MirrorCheck check)
            throws Exception {
        String db = LATE_MIRROR_DB;
        stack.postgres().createDatabase(db);
        return LateMirrorPhase.run(stack.postgres().dataSource(db),
                jvm(options.mirrorJvm(), files, "mirror", "late-mirror"), mirrorProperties(stack, db, "herd-bench-late"),
                files.resolve("late-mirror.log"), origin, check, this::line);
    }

    /** {@code --archive}: an archive of the topics, verified, and a mirror born from it in a database of its own. */
    private BenchReport.Archive archive(EmbeddedStack stack, Path files, OriginCounts origin,
            BenchReport.LateMirror lateMirror, MirrorCheck check) throws Exception {
        String db = MIRROR_DB + "_archive";
        stack.postgres().createDatabase(db);
        return ArchivePhase.run(new ArchivePhase.Setting(ORIGIN, stack.kafka().bootstrapServers(),
                TestTrust.rootFile(ORIGIN, 1), files, stack.postgres().dataSource(db),
                jvm(options.mirrorJvm(), files, "mirror", "bootstrap-mirror"),
                mirrorProperties(stack, db, "herd-bench-archive")),
                origin, lateMirror, check, this::line);
    }

    /** {@code --scrub-cost}: the snapshot again with scrubbing off, into a database of its own. */
    private BenchReport.ScrubCost scrubCost(EmbeddedStack stack, Path files, OriginCounts origin,
            BenchReport.Snapshot on, double scale) throws Exception {
        String db = MIRROR_DB + "_noscrub";
        stack.postgres().createDatabase(db);
        List<String> mirror = mirrorProperties(stack, db, "herd-bench-noscrub");
        mirror.add("herd.mirror.topic-prefix=" + ScrubCostPhase.TOPIC_PREFIX);
        return ScrubCostPhase.run(on, new GeneratorSettings(options.seed(), scale), stack.postgres().dataSource(db),
                jvm(options.sidecarJvmAt(scale), files, "sidecar", "sidecar-noscrub"),
                ScrubCostPhase.sidecarProperties(sidecarProperties(stack), GazelleVariant.WHATCD),
                jvm(options.mirrorJvm(), files, "mirror", "mirror-noscrub"), mirror, files, origin, this::line);
    }

    /**
     * The web server, as {@code herd mirror --serve} runs it, in this JVM on the late mirror's
     * database, which nothing writes to any more, and a browse load on it. Rate limits are off (the
     * load comes from one address) and so is the search cache: the figures are of searching, not of
     * answering a repeated search from memory.
     */
    private BenchReport.Browse browse(EmbeddedStack stack) throws Exception {
        say("Browse: ajax.php?action=browse on the web server on the late mirror: %,d requests on %d clients, then "
                + "%s requests/s on schedule for %d s each", options.browse().requests(), options.browse().clients(),
                options.browse().rates(), options.browse().rateSeconds());
        try (ConfigurableApplicationContext site = ServeApplication.builder().properties(quiet(List.of(
                "spring.datasource.url=" + stack.postgres().jdbcUrl(LATE_MIRROR_DB),
                "spring.datasource.username=" + stack.postgres().user(),
                "spring.datasource.password=" + stack.postgres().password(),
                "server.address=127.0.0.1",
                "herd.serve.port=0",
                "herd.serve.rate-limit.enabled=false",
                "herd.serve.site-rate-limit.enabled=false",
                "herd.serve.search-cache=0")).toArray(String[]::new)).run()) {
            String url = "http://127.0.0.1:" + site.getEnvironment().getProperty("local.server.port") + "/";
            return BrowsePhase.run(url, stack.postgres().dataSource(LATE_MIRROR_DB), options.browse(),
                    options.seed(), this::line);
        } finally {
            // Spring Boot set up this JVM's logging afresh for the web server, the driver's level included.
            quietDriverWarnings();
        }
    }

    private List<BenchReport.StreamingRate> streaming(EmbeddedStack stack, Verification.Connector gazelle,
            DataSource mirror, ChildProcess sidecar, ChildProcess replicator) throws Exception {
        say("Streaming: the load generator's mix (%s) on %d connections, %d s per rate in binlog row changes/s, lag "
                + "from %d markers/s", options.streaming().mix().spec(), options.workloadThreads(),
                options.rateSeconds(), Streaming.MARKERS_PER_SECOND);
        Streaming streaming = new Streaming(gazelle::connect, loadGenerator(stack.mariaDb()), mirror, ORIGIN, sidecar,
                replicator);
        // Unmeasured warm-up at the lowest rate: both processes have only run the snapshot's code
        // paths so far, and the first streamed changes would otherwise time the JIT compiler.
        streaming.run(options.rates().stream().min(Integer::compare).orElse(1000), 5);
        List<BenchReport.StreamingRate> rates = new ArrayList<>();
        for (int rate : options.rates()) {
            Streaming.Result s = streaming.run(rate, options.rateSeconds());
            LoadReport load = s.load();
            double lagSeconds = s.seconds();
            String machineLoad = Machine.load();
            rates.add(new BenchReport.StreamingRate(rate, round(load.rowsPerSecond()), load.sustained(),
                    round(load.publicPerSecond()), round(load.rows().noiseRows() / load.seconds()),
                    round(load.rows().uncapturedRows() / load.seconds()), round(load.transactionsPerSecond()),
                    load.transactions(), load.failed(), round(load.latency().p99Ms()), round(load.seconds()),
                    round(s.capturedRowChanges() / lagSeconds), round(s.published() / lagSeconds),
                    round(s.discarded() / lagSeconds), round(s.applied() / lagSeconds), s.lag().count(),
                    s.markersLost(), round(s.lag().p50Ms()), round(s.lag().p95Ms()), round(s.lag().p99Ms()),
                    round(s.lag().maxMs()), round(sidecar.currentRssMib()), round(replicator.currentRssMib()),
                    machineLoad));
            say("  %,6d/s target: %s", rate, load.describe());
            say("          sidecar received %,d row changes (the generator wrote %,d of captured tables, the markers "
                    + "%,d), published %,d records, discarded %,d; the mirror consumed %,d", s.capturedRowChanges(),
                    load.rows().captured(), s.markers(), s.published(), s.discarded(), s.applied());
            say("          lag p50 %,.0f ms, p95 %,.0f ms, p99 %,.0f ms, max %,.0f ms (%d markers%s); load %s",
                    s.lag().p50Ms(), s.lag().p95Ms(), s.lag().p99Ms(), s.lag().maxMs(), s.lag().count(),
                    s.markersLost() > 0 ? ", " + s.markersLost() + " not seen within 60 s" : "", machineLoad);
        }
        return rates;
    }

    static double round(double d) {
        return Double.isNaN(d) ? -1 : Math.round(d * 10) / 10.0;
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
}
