package org.herd.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratedCounts;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.SidecarArguments;
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
 * late mirror replaying the topics ({@link LateMirrorPhase}); streaming at each rate ({@link
 * Streaming}); tracker noise ({@link NoisePhase}); peak memory. After the snapshot and the late
 * mirror, {@code herd verify}'s comparison says whether the mirror's content equals the origin's
 * ({@link ContentCheck}). The report is {@link BenchReport}.
 */
public final class Bench {

    static final String ORIGIN = "bench";
    private static final String GAZELLE_DB = "gazelle";
    private static final String MIRROR_DB = "herd_mirror";

    private final BenchOptions options;
    private final PrintStream out;

    /**
     * What a run wrote.
     *
     * @param json   where the JSON report is
     * @param report the report
     */
    public record Result(Path json, BenchReport report) {

        /** 0 when every mirror the bench filled equals the origin, else 1. */
        public int exitCode() {
            return report.mirrorsEqual() ? 0 : 1;
        }
    }

    public Bench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs every phase and writes the JSON report. */
    public Result run() throws Exception {
        quietDriverWarnings();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path json = options.out() != null ? options.out().toAbsolutePath()
                : Path.of("target", "bench", "bench-" + stamp + ".json").toAbsolutePath();
        Path files = json.getParent().resolve(json.getFileName().toString().replaceFirst("\\.json$", "") + "-files");
        Files.createDirectories(files);
        Machine.Description machine = Machine.describe();
        say("Herd bench at scale %s on %s; logs in %s", options.scale(), Machine.summary(), files);
        long t = System.nanoTime();
        BenchReport report;
        try (EmbeddedStack stack = EmbeddedStack.start(null)) {
            say("  servers up in %.1f s", seconds(t));
            Verification.Connector gazelle = () -> stack.mariaDb().connect(GAZELLE_DB);
            Translator translator = new Translator(SidecarArguments.embeddedSettings(ORIGIN));
            Verification.Origin origin = Verification.Origin.of(translator,
                    () -> SourceLookups.of(translator, gazelle::connect));
            MirrorCheck check = mirror -> ContentCheck.run(origin, gazelle, mirror, this::line);

            GeneratedSite site = generate(stack, origin);
            BenchReport.PgLoader pgloader = PgLoaderRun.phase(stack, GAZELLE_DB, site.counts(), files, out,
                    options.pgloader());
            stack.postgres().createDatabase(MIRROR_DB);
            DataSource mirror = stack.postgres().dataSource(MIRROR_DB);
            List<String> jvmS = jvm(options.sidecarJvm(), files, "sidecar");
            List<String> jvmM = jvm(options.mirrorJvm(), files, "mirror");
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
                    BenchReport.Copy copy = copy(mirror, site.counts());
                    BenchReport.LateMirror lateMirror = lateMirror(stack, files, site.counts(), check);
                    List<BenchReport.StreamingRate> streaming = streaming(gazelle, mirror, sidecar, replicator);
                    BenchReport.Noise noise = NoisePhase.run(gazelle, sidecar, options.noiseSeconds(),
                            options.seed() + 7, this::line);
                    BenchReport.Memory memory = new BenchReport.Memory(round(sidecar.peakRssMib()), jvmS,
                            round(replicator.peakRssMib()), jvmM, 512);
                    report = new BenchReport(machine, BenchReport.Options.of(options), site.dataset(), pgloader,
                            snapshot, copy, lateMirror, streaming, noise, memory, 0);
                }
            }
        }
        // The servers' shutdown counts too.
        report = report.withTotalSeconds(round(seconds(t)));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        report.printTable(this::line);
        say("JSON report: %s", json);
        return new Result(json, report);
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

    private List<String> jvm(List<String> base, Path files, String role) {
        List<String> all = new ArrayList<>(base);
        if (options.jfr()) {
            all.add("-XX:StartFlightRecording=filename=" + files.resolve(role + ".jfr") + ",settings=profile,"
                    + "dumponexit=true");
        }
        return all;
    }

    /** The generated site: its report section and what the mirror must hold. */
    private record GeneratedSite(BenchReport.Dataset dataset, OriginCounts counts) {
    }

    private GeneratedSite generate(EmbeddedStack stack, Verification.Origin origin) throws Exception {
        long t = System.nanoTime();
        stack.mariaDb().createDatabase(GAZELLE_DB);
        try (Connection c = stack.mariaDb().connect(GAZELLE_DB)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            GeneratedCounts generated = new GazelleDataGenerator(new GeneratorSettings(options.seed(),
                    options.scale())).load(c, null);
            double seconds = seconds(t);
            try (Statement s = c.createStatement()) {
                // The origin's own commit durability is not what is measured: with an fsync per
                // commit the workload's few connections, not Herd, would set the highest rate
                // reached on this disk. Many Gazelle sites run with this setting anyway.
                s.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 2");
            }
            OriginCounts counts = OriginCounts.read(origin, c);
            say("Gazelle generated: %,d rows in all tables in %.1f s; %,d rows in the %d replicated tables, which "
                    + "make %,d mirror rows", generated.total(), seconds, counts.totalSourceRows(),
                    counts.sourceRows().size(), counts.totalEntityRows());
            return new GeneratedSite(new BenchReport.Dataset(generated.total(), round(seconds), counts.sourceRows(),
                    counts.totalSourceRows(), counts.entityRows(), counts.totalEntityRows(),
                    "innodb_flush_log_at_trx_commit=2, row binlog, sync_binlog=0"), counts);
        }
    }

    private List<String> sidecarProperties(EmbeddedStack stack) {
        return quiet(SidecarArguments.embedded(ORIGIN, stack.mariaDb().host(), stack.mariaDb().port(), GAZELLE_DB,
                stack.mariaDb().user(), stack.mariaDb().password(), stack.kafka().bootstrapServers())
                .toArray(String[]::new));
    }

    private List<String> mirrorProperties(EmbeddedStack stack, String database, String group) {
        return quiet("herd.mirror.origin=" + ORIGIN,
                "herd.mirror.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "herd.mirror.kafka.group-id=" + group,
                // The sidecar publishes unsigned records: the mirror must be told not to verify.
                "herd.mirror.trust.verify=false",
                "spring.datasource.url=" + stack.postgres().jdbcUrl(database),
                "spring.datasource.username=" + stack.postgres().user(),
                "spring.datasource.password=" + stack.postgres().password());
    }

    private static List<String> quiet(String... properties) {
        List<String> all = new ArrayList<>(List.of(properties));
        all.add("spring.main.banner-mode=off");
        all.add("spring.main.log-startup-info=false");
        all.add("logging.level.root=WARN");
        all.add("logging.level.org.herd=INFO");
        return all;
    }

    private BenchReport.Copy copy(DataSource mirror, OriginCounts origin) throws Exception {
        CopyCeiling.Result c;
        try (Connection conn = mirror.getConnection()) {
            c = CopyCeiling.run(conn, origin.entityRows().keySet());
        }
        say("Raw ceiling: PostgreSQL COPY of the mirror's %,d rows into empty copies of its tables: %.2f s = %,.0f "
                + "rows/s", c.rows(), c.seconds(), c.rowsPerSecond());
        return new BenchReport.Copy(c.rows(), c.bytes(), round(c.seconds()), round(c.rowsPerSecond()),
                "the mirror's rows, COPY FROM STDIN (binary) into empty tables LIKE the mirror's, one transaction");
    }

    private BenchReport.LateMirror lateMirror(EmbeddedStack stack, Path files, OriginCounts origin, MirrorCheck check)
            throws Exception {
        String db = MIRROR_DB + "_late";
        stack.postgres().createDatabase(db);
        return LateMirrorPhase.run(stack.postgres().dataSource(db), jvm(options.mirrorJvm(), files, "late-mirror"),
                mirrorProperties(stack, db, "herd-bench-late"), files.resolve("late-mirror.log"), origin, check,
                this::line);
    }

    private List<BenchReport.StreamingRate> streaming(Verification.Connector gazelle, DataSource mirror,
            ChildProcess sidecar, ChildProcess replicator) throws Exception {
        say("Streaming: the workload's mix (uploads, release edits, tag and album votes, wiki edits, renames, deletes, "
                + "forum posts and comments, collage entries, request votes) on %d connections, %d s per rate, lag "
                + "from %d markers/s",
                options.workloadThreads(), options.rateSeconds(), Streaming.MARKERS_PER_SECOND);
        Streaming streaming = new Streaming(gazelle::connect, mirror, ORIGIN, sidecar, replicator,
                options.workloadThreads(), options.seed());
        // Unmeasured warm-up at the lowest rate: both processes have only run the snapshot's code
        // paths so far, and the first streamed changes would otherwise time the JIT compiler.
        streaming.run(options.rates().stream().min(Integer::compare).orElse(100), 5);
        List<BenchReport.StreamingRate> rates = new ArrayList<>();
        for (int rate : options.rates()) {
            Streaming.Result s = streaming.run(rate, options.rateSeconds());
            rates.add(new BenchReport.StreamingRate(rate, round(s.changesPerSecond()), s.changes(),
                    s.failedChanges(), round(s.seconds()), round(s.rowChangesPerSecond()), round(s.appliedPerSecond()),
                    s.markers() - s.markersLost(), s.markersLost(), round(s.lagP50Ms()), round(s.lagP99Ms()),
                    round(s.lagMaxMs()), round(sidecar.currentRssMib()), round(replicator.currentRssMib()),
                    Machine.load()));
            say("  %,6d/s target: %,7.0f changes/s sustained (%,d failed), %,7.0f binlog row changes/s; lag p50 %,.0f "
                    + "ms, p99 %,.0f ms, max %,.0f ms (%d markers%s); load %s", rate, s.changesPerSecond(),
                    s.failedChanges(), s.rowChangesPerSecond(), s.lagP50Ms(), s.lagP99Ms(), s.lagMaxMs(),
                    s.markers() - s.markersLost(), s.markersLost() > 0 ? ", " + s.markersLost()
                            + " not seen within 60 s" : "", Machine.load());
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
