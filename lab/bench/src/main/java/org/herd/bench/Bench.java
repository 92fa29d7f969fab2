package org.herd.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.herd.testkit.SidecarArguments;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GazelleWorkload;
import org.herd.simulator.GeneratedCounts;
import org.herd.simulator.GeneratorSettings;
import org.herd.translator.Translator;

/**
 * {@code herd bench}: measures Herd on this machine with embedded MariaDB, Kafka and PostgreSQL.
 * The sidecar and the replicator each run in a JVM of their own, as in production, so that their
 * memory can be read; the bench JVM holds the servers, writes the workload and measures.
 *
 * <p>Phases, in order: generate the site; pgloader copies it (before anything else loads the
 * machine); Herd's snapshot from an empty mirror until the mirror holds what the origin holds;
 * PostgreSQL COPY of the mirror's rows; streaming at each rate; tracker noise; peak memory.
 */
public final class Bench {

    static final String ORIGIN = "bench";
    private static final String GAZELLE_DB = "gazelle";
    private static final String MIRROR_DB = "herd_mirror";
    private static final long SNAPSHOT_TIMEOUT_NS = 40L * 60 * 1_000_000_000L;

    private final BenchOptions options;
    private final PrintStream out;
    private final Map<String, Object> report = new LinkedHashMap<>();

    public Bench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs every phase; returns where the JSON report was written. */
    public Path run() throws Exception {
        quietDriverWarnings();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path json = options.out() != null ? options.out().toAbsolutePath()
                : Path.of("target", "bench", "bench-" + stamp + ".json").toAbsolutePath();
        Path files = json.getParent().resolve(json.getFileName().toString().replaceFirst("\\.json$", "") + "-files");
        Files.createDirectories(files);
        report.put("machine", Machine.describe());
        report.put("options", Map.of("scale", options.scale(), "seed", options.seed(), "rates", options.rates(),
                "rateSeconds", options.rateSeconds(), "workloadThreads", options.workloadThreads(),
                "sidecarJvm", options.sidecarJvm(), "mirrorJvm", options.mirrorJvm()));
        say("Herd bench at scale %s on %s; logs in %s", options.scale(), Machine.summary(), files);
        long t = System.nanoTime();
        try (EmbeddedStack stack = EmbeddedStack.start(null)) {
            say("  servers up in %.1f s", seconds(t));
            OriginCounts origin = generate(stack);
            report.put("pgloader", pgloader(stack, origin, files));
            stack.postgres().createDatabase(MIRROR_DB);
            DataSource mirror = stack.postgres().dataSource(MIRROR_DB);
            List<String> jvmS = jvm(options.sidecarJvm(), files, "sidecar");
            List<String> jvmM = jvm(options.mirrorJvm(), files, "mirror");
            try (ChildProcess sidecar = ChildProcess.start("sidecar", jvmS, sidecarProperties(stack),
                    files.resolve("sidecar.log"));
                    ChildProcess replicator = startMirrorAfter(sidecar, stack, jvmM, files)) {
                report.put("snapshot", snapshot(sidecar, replicator, mirror, origin));
                report.put("copy", copy(mirror, origin));
                List<String> jvmLate = jvm(options.mirrorJvm(), files, "late-mirror");
                report.put("lateMirror", lateMirror(stack, jvmLate, files, origin));
                report.put("streaming", streaming(stack, mirror, sidecar, replicator));
                report.put("noise", noise(stack, sidecar));
                Map<String, Object> memory = new LinkedHashMap<>();
                memory.put("sidecarPeakRssMib", round(sidecar.peakRssMib()));
                memory.put("sidecarJvm", jvmS);
                memory.put("mirrorPeakRssMib", round(replicator.peakRssMib()));
                memory.put("mirrorJvm", jvmM);
                memory.put("targetMib", 512);
                report.put("memory", memory);
            }
        }
        report.put("totalSeconds", round(seconds(t)));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        printTable();
        say("JSON report: %s", json);
        return json;
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

    private ChildProcess startMirrorAfter(ChildProcess sidecar, EmbeddedStack stack, List<String> jvm, Path files)
            throws Exception {
        // The sidecar creates the topics before it reports ready; a mirror started earlier would
        // wait for Kafka to announce them.
        sidecar.awaitReady(180_000);
        snapshotClockSidecarReady = System.nanoTime();
        return ChildProcess.start("mirror", jvm, mirrorProperties(stack), files.resolve("mirror.log"));
    }

    private long snapshotClockStart;
    private CpuTimes snapshotCpuStart;
    private long snapshotClockSidecarReady;

    private List<String> jvm(List<String> base, Path files, String role) {
        List<String> all = new ArrayList<>(base);
        if (options.jfr()) {
            all.add("-XX:StartFlightRecording=filename=" + files.resolve(role + ".jfr") + ",settings=profile,"
                    + "dumponexit=true");
        }
        return all;
    }

    private OriginCounts generate(EmbeddedStack stack) throws Exception {
        long t = System.nanoTime();
        stack.mariaDb().createDatabase(GAZELLE_DB);
        OriginCounts origin;
        try (Connection c = stack.mariaDb().connect(GAZELLE_DB)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            GeneratedCounts counts = new GazelleDataGenerator(new GeneratorSettings(options.seed(), options.scale()))
                    .load(c, null);
            double generated = seconds(t);
            try (Statement s = c.createStatement()) {
                // The origin's own commit durability is not what is measured: with an fsync per
                // commit the workload's few connections, not Herd, would set the highest rate
                // reached on this disk. Many Gazelle sites run with this setting anyway.
                s.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 2");
            }
            origin = OriginCounts.read(c, new Translator(SidecarArguments.embeddedSettings(ORIGIN)));
            say("Gazelle generated: %,d rows in all tables in %.1f s; %,d rows in the %d replicated tables, which "
                    + "make %,d mirror rows", counts.total(), generated, origin.totalSourceRows(),
                    origin.sourceRows().size(), origin.totalEntityRows());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("allRows", counts.total());
            d.put("generateSeconds", round(generated));
            d.put("replicatedTables", origin.sourceRows());
            d.put("replicatedRows", origin.totalSourceRows());
            d.put("mirrorRows", origin.entityRows());
            d.put("mirrorRowsTotal", origin.totalEntityRows());
            d.put("originSettings", "innodb_flush_log_at_trx_commit=2, row binlog, sync_binlog=0");
            report.put("dataset", d);
        }
        return origin;
    }

    private Map<String, Object> pgloader(EmbeddedStack stack, OriginCounts origin, Path files) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        if (!options.pgloader()) {
            r.put("status", "skipped");
            r.put("note", "--no-pgloader");
            say("pgloader: skipped (--no-pgloader)");
            return r;
        }
        say("pgloader: copying the %d replicated tables (all their columns) into PostgreSQL ...",
                origin.sourceRows().size());
        CpuTimes cpuBefore = CpuTimes.read(null, null);
        PgLoaderRun.Result p = PgLoaderRun.run(stack, GAZELLE_DB, origin.sourceRows().keySet(), files, out);
        Map<String, Object> cpu = CpuTimes.read(null, null).since(cpuBefore);
        r.put("status", p.status());
        r.put("note", p.note());
        r.put("rows", p.rows());
        r.put("seconds", round(p.seconds()));
        r.put("rowsPerSecond", round(p.rowsPerSecond()));
        if (p.log() != null) {
            r.put("log", p.log().toString());
        }
        r.put("cpuSeconds", cpu);
        say("  pgloader %s: %,d rows in %.1f s = %,.0f rows/s (%s)", p.status(), p.rows(), p.seconds(),
                p.rowsPerSecond(), p.note());
        say("  CPU seconds: %s", CpuTimes.describe(cpu));
        if (p.status().equals("ok") && p.rows() != origin.totalSourceRows()) {
            say("  note: pgloader's tables hold %,d rows, the origin %,d", p.rows(), origin.totalSourceRows());
        }
        return r;
    }

    private List<String> sidecarProperties(EmbeddedStack stack) {
        snapshotClockStart = System.nanoTime();
        snapshotCpuStart = CpuTimes.read(null, null);
        return quiet(SidecarArguments.embedded(ORIGIN, stack.mariaDb().host(), stack.mariaDb().port(), GAZELLE_DB,
                stack.mariaDb().user(), stack.mariaDb().password(), stack.kafka().bootstrapServers())
                .toArray(String[]::new));
    }

    private List<String> mirrorProperties(EmbeddedStack stack) {
        return quiet("herd.mirror.origin=" + ORIGIN,
                "herd.mirror.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "herd.mirror.kafka.group-id=herd-bench",
                "spring.datasource.url=" + stack.postgres().jdbcUrl(MIRROR_DB),
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

    private Map<String, Object> snapshot(ChildProcess sidecar, ChildProcess replicator, DataSource mirror,
            OriginCounts origin) throws Exception {
        say("Herd snapshot: sidecar and replicator started as processes; timing until the mirror holds what "
                + "the origin holds");
        long start = snapshotClockStart;
        long firstPublished = 0;
        long sidecarDone = 0;
        long lastReport = System.nanoTime();
        Map<String, Long> held;
        while (true) {
            sidecar.checkAlive();
            replicator.checkAlive();
            long now = System.nanoTime();
            long published = sidecar.counter("published");
            if (firstPublished == 0 && published > 0) {
                firstPublished = now;
            }
            if (sidecarDone == 0 && sidecar.flag("snapshotCompleted")) {
                sidecarDone = now;
            }
            long consumed = replicator.counter("applied") + replicator.counter("notNewer")
                    + replicator.counter("quarantined");
            if (sidecarDone != 0 && consumed >= published) {
                held = mirrorCounts(mirror, origin.entityRows().keySet());
                if (held.equals(origin.entityRows())) {
                    break;
                }
            }
            if (now - lastReport > 5_000_000_000L) {
                lastReport = now;
                say("  %5.1f s: sidecar published %,d, mirror applied %,d", (now - start) / 1e9, published, consumed);
            }
            if (now - start > SNAPSHOT_TIMEOUT_NS) {
                throw new IllegalStateException("the snapshot did not complete within 40 minutes: sidecar published "
                        + published + ", mirror consumed " + consumed + "; logs " + sidecar.log() + ", "
                        + replicator.log());
            }
            Thread.sleep(20);
        }
        long end = System.nanoTime();
        Map<String, Object> cpu = CpuTimes.read(sidecar, replicator).since(snapshotCpuStart);
        double wall = (end - start) / 1e9;
        double copying = (end - firstPublished) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sourceRows", origin.totalSourceRows());
        r.put("mirrorRows", origin.totalEntityRows());
        r.put("recordsPublished", sidecar.counter("published"));
        r.put("seconds", round(wall));
        r.put("rowsPerSecond", round(origin.totalSourceRows() / wall));
        r.put("sidecarStartSeconds", round((snapshotClockSidecarReady - start) / 1e9));
        r.put("firstPublishedToEqualSeconds", round(copying));
        r.put("sidecarReadDoneSeconds", round((sidecarDone - start) / 1e9));
        r.put("rowsPerSecondAfterStartup", round(origin.totalSourceRows() / copying));
        r.put("check", "per-entity counts of live mirror rows equal the origin's, translated");
        r.put("cpuSeconds", cpu);
        say("  snapshot done: %,d origin rows (%,d mirror rows) in %.1f s = %,.0f rows/s end to end (processes "
                + "started included; %.1f s and %,.0f rows/s from the first record published)",
                origin.totalSourceRows(), origin.totalEntityRows(), wall, origin.totalSourceRows() / wall, copying,
                origin.totalSourceRows() / copying);
        say("  CPU seconds: %s", CpuTimes.describe(cpu));
        return r;
    }

    /**
     * The apply path alone: a second, empty mirror joins after the snapshot and replays the
     * topics, which already hold everything, so the sidecar is not in the way.
     */
    private Map<String, Object> lateMirror(EmbeddedStack stack, List<String> jvm, Path files, OriginCounts origin)
            throws Exception {
        String db = MIRROR_DB + "_late";
        stack.postgres().createDatabase(db);
        DataSource late = stack.postgres().dataSource(db);
        List<String> props = new ArrayList<>(mirrorProperties(stack));
        props.replaceAll(p -> p.startsWith("spring.datasource.url=") ? "spring.datasource.url="
                + stack.postgres().jdbcUrl(db) : p.startsWith("herd.mirror.kafka.group-id=")
                        ? "herd.mirror.kafka.group-id=herd-bench-late" : p);
        long start = System.nanoTime();
        long firstApplied = 0;
        CpuTimes cpuBefore = CpuTimes.read(null, null);
        Map<String, Object> cpu;
        try (ChildProcess child = ChildProcess.start("mirror", jvm, props, files.resolve("late-mirror.log"))) {
            while (!mirrorCounts(late, origin.entityRows().keySet()).equals(origin.entityRows())) {
                child.checkAlive();
                if (firstApplied == 0 && child.counter("applied") > 0) {
                    firstApplied = System.nanoTime();
                }
                if (System.nanoTime() - start > SNAPSHOT_TIMEOUT_NS) {
                    throw new IllegalStateException("a late mirror did not catch up within 40 minutes; see "
                            + child.log());
                }
                Thread.sleep(50);
            }
            cpu = CpuTimes.read(null, child).since(cpuBefore);
        }
        long end = System.nanoTime();
        double wall = (end - start) / 1e9;
        double applying = firstApplied == 0 ? wall : (end - firstApplied) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mirrorRows", origin.totalEntityRows());
        r.put("seconds", round(wall));
        r.put("firstAppliedToEqualSeconds", round(applying));
        r.put("rowsPerSecondAfterStartup", round(origin.totalEntityRows() / applying));
        r.put("cpuSeconds", cpu);
        say("Late mirror (apply path alone, topics already full): %,d rows in %.1f s with its start-up, %.1f s = "
                + "%,.0f rows/s from its first batch", origin.totalEntityRows(), wall, applying,
                origin.totalEntityRows() / applying);
        say("  CPU seconds: %s", CpuTimes.describe(cpu));
        return r;
    }

    static Map<String, Long> mirrorCounts(DataSource mirror, Iterable<String> entities) throws SQLException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection c = mirror.getConnection(); Statement s = c.createStatement()) {
            for (String entity : entities) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM herd.\"" + entity + "\" WHERE NOT deleted")) {
                    rs.next();
                    counts.put(entity, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            // Flyway has not created the tables yet.
            if ("42P01".equals(e.getSQLState())) {
                return Map.of();
            }
            throw e;
        }
        return counts;
    }

    private Map<String, Object> copy(DataSource mirror, OriginCounts origin) throws Exception {
        CopyCeiling.Result c;
        try (Connection conn = mirror.getConnection()) {
            c = CopyCeiling.run(conn, origin.entityRows().keySet());
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rows", c.rows());
        r.put("bytes", c.bytes());
        r.put("seconds", round(c.seconds()));
        r.put("rowsPerSecond", round(c.rowsPerSecond()));
        r.put("what", "the mirror's rows, COPY FROM STDIN (binary) into empty tables LIKE the mirror's, one "
                + "transaction");
        say("Raw ceiling: PostgreSQL COPY of the mirror's %,d rows into empty copies of its tables: %.2f s = %,.0f "
                + "rows/s", c.rows(), c.seconds(), c.rowsPerSecond());
        return r;
    }

    private List<Map<String, Object>> streaming(EmbeddedStack stack, DataSource mirror, ChildProcess sidecar,
            ChildProcess replicator) throws Exception {
        say("Streaming: the workload's mix (uploads, release edits, tag and album votes, wiki edits, renames, deletes, "
                + "forum posts and comments, collage entries, request votes) on %d connections, %d s per rate, lag "
                + "from %d markers/s",
                options.workloadThreads(), options.rateSeconds(), Streaming.MARKERS_PER_SECOND);
        Streaming streaming = new Streaming(() -> stack.mariaDb().connect(GAZELLE_DB), mirror, ORIGIN, sidecar,
                replicator, options.workloadThreads(), options.seed());
        // Unmeasured warm-up at the lowest rate: both processes have only run the snapshot's code
        // paths so far, and the first streamed changes would otherwise time the JIT compiler.
        streaming.run(options.rates().stream().min(Integer::compare).orElse(100), 5);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int rate : options.rates()) {
            Streaming.Result s = streaming.run(rate, options.rateSeconds());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("targetChangesPerSecond", rate);
            r.put("sustainedChangesPerSecond", round(s.changesPerSecond()));
            r.put("changes", s.changes());
            r.put("failedChanges", s.failedChanges());
            r.put("seconds", round(s.seconds()));
            r.put("binlogRowChangesPerSecond", round(s.rowChangesPerSecond()));
            r.put("mirrorRecordsPerSecond", round(s.appliedPerSecond()));
            r.put("lagSamples", s.markers() - s.markersLost());
            r.put("lagLost", s.markersLost());
            r.put("lagP50Ms", round(s.lagP50Ms()));
            r.put("lagP99Ms", round(s.lagP99Ms()));
            r.put("lagMaxMs", round(s.lagMaxMs()));
            r.put("sidecarRssMib", round(sidecar.currentRssMib()));
            r.put("mirrorRssMib", round(replicator.currentRssMib()));
            r.put("load1", Machine.load());
            rows.add(r);
            say("  %,6d/s target: %,7.0f changes/s sustained (%,d failed), %,7.0f binlog row changes/s; lag p50 %,.0f "
                    + "ms, p99 %,.0f ms, max %,.0f ms (%d markers%s); load %s", rate, s.changesPerSecond(),
                    s.failedChanges(), s.rowChangesPerSecond(), s.lagP50Ms(), s.lagP99Ms(), s.lagMaxMs(),
                    s.markers() - s.markersLost(), s.markersLost() > 0 ? ", " + s.markersLost()
                            + " not seen within 60 s" : "", Machine.load());
        }
        return rows;
    }

    private Map<String, Object> noise(EmbeddedStack stack, ChildProcess sidecar) throws Exception {
        long before = sidecar.counter("discarded");
        long flushes = 0;
        long t = System.nanoTime();
        long end = t + options.noiseSeconds() * 1_000_000_000L;
        try (Connection c = stack.mariaDb().connect(GAZELLE_DB)) {
            GazelleWorkload w = new GazelleWorkload(c, options.seed() + 7);
            while (System.nanoTime() < end) {
                w.trackerFlush(200);
                flushes++;
            }
        }
        double writeSeconds = seconds(t);
        // The sidecar is done when its count stops moving.
        long last = sidecar.counter("discarded");
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < 2_000_000_000L && seconds(t) < 120) {
            Thread.sleep(50);
            long now = sidecar.counter("discarded");
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        long discarded = last - before;
        double seconds = (lastChange - t) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("trackerFlushes", flushes);
        r.put("torrentsPerFlush", 200);
        r.put("writeSeconds", round(writeSeconds));
        r.put("discarded", discarded);
        r.put("seconds", round(seconds));
        r.put("discardedPerSecond", round(discarded / seconds));
        say("Noise: %,d tracker flushes of 200 torrents written in %.1f s; the sidecar discarded %,d row changes "
                + "in %.1f s = %,.0f/s", flushes, writeSeconds, discarded, seconds, discarded / seconds);
        r.put("backlog", noiseBacklog(stack, sidecar));
        return r;
    }

    /**
     * How fast the sidecar gets through noise when the writer is not the limit: the tracker's
     * statistics, users' transfer totals and Gazelle's sphinx_delta churn written as one
     * transaction, which the binlog hands over whole at commit. Timed from the commit until the
     * sidecar has discarded the last torrents change (written last).
     */
    private Map<String, Object> noiseBacklog(EmbeddedStack stack, ChildProcess sidecar) throws Exception {
        int rounds = 500;
        long torrentRows = 0;
        long userRows = 0;
        long sphinxRows = 0;
        long before = sidecar.counter("discarded");
        long committed;
        try (Connection c = stack.mariaDb().connect(GAZELLE_DB)) {
            boolean sphinx = hasTable(c, "sphinx_delta");
            long maxTorrent = maxId(c, "torrents");
            long maxUser = maxId(c, "users_main");
            c.setAutoCommit(false);
            try (PreparedStatement torrents = c.prepareStatement("UPDATE torrents SET Seeders = Seeders + 1, "
                    + "Leechers = ?, Snatched = Snatched + 1, last_action = NOW() WHERE ID BETWEEN ? AND ?");
                    PreparedStatement users = c.prepareStatement("UPDATE users_main SET Uploaded = Uploaded + ?, "
                            + "Downloaded = Downloaded + ? WHERE ID BETWEEN ? AND ?");
                    PreparedStatement delta = sphinx ? c.prepareStatement("REPLACE INTO sphinx_delta (ID, GroupID, "
                            + "GroupName) SELECT ID, GroupID, 'noise' FROM torrents WHERE ID BETWEEN ? AND ?") : null) {
                for (int i = 0; i < rounds; i++) {
                    long from = 1 + (i * 200L) % Math.max(1, maxTorrent - 200);
                    users.setLong(1, 1 + i);
                    users.setLong(2, i);
                    long u = 1 + (i * 50L) % Math.max(1, maxUser - 50);
                    users.setLong(3, u);
                    users.setLong(4, u + 49);
                    userRows += users.executeUpdate();
                    if (delta != null) {
                        delta.setLong(1, from);
                        delta.setLong(2, from + 19);
                        sphinxRows += delta.executeUpdate();
                    }
                    torrents.setInt(1, i % 7);
                    torrents.setLong(2, from);
                    torrents.setLong(3, from + 199);
                    torrentRows += torrents.executeUpdate();
                }
            }
            c.commit();
            committed = System.nanoTime();
        }
        long last = sidecar.counter("discarded");
        long lastChange = committed;
        while (last - before < torrentRows && System.nanoTime() - lastChange < 10_000_000_000L) {
            Thread.sleep(5);
            long now = sidecar.counter("discarded");
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        double seconds = (lastChange - committed) / 1e9;
        long total = torrentRows + userRows + sphinxRows;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("torrentsRows", torrentRows);
        r.put("usersMainRows", userRows);
        r.put("sphinxDeltaRows", sphinxRows);
        r.put("discarded", last - before);
        r.put("seconds", round(seconds));
        r.put("rowChangesPerSecond", round(total / seconds));
        say("Noise backlog: one transaction of %,d torrents, %,d users_main and %,d sphinx_delta row changes; the "
                + "sidecar was through it %.2f s after commit = %,.0f row changes/s (%,d discarded)", torrentRows,
                userRows, sphinxRows, seconds, total / seconds, last - before);
        return r;
    }

    private static boolean hasTable(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, table, null)) {
            return rs.next();
        }
    }

    private static long maxId(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(ID) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @SuppressWarnings("unchecked")
    private void printTable() {
        say("");
        say("=== Herd bench, scale %s (%s) ===", options.scale(), Machine.summary());
        Map<String, Object> snap = (Map<String, Object>) report.get("snapshot");
        Map<String, Object> pgl = (Map<String, Object>) report.get("pgloader");
        Map<String, Object> copy = (Map<String, Object>) report.get("copy");
        say("%-34s %12s %10s", "snapshot", "rows/s", "seconds");
        say("%-34s %,12.0f %10.1f", "Herd (end to end through Kafka)", num(snap.get("rowsPerSecond")),
                num(snap.get("seconds")));
        if ("ok".equals(pgl.get("status"))) {
            say("%-34s %,12.0f %10.1f", "pgloader", num(pgl.get("rowsPerSecond")), num(pgl.get("seconds")));
            say("%-34s %12.2f", "Herd / pgloader", num(snap.get("rowsPerSecond")) / num(pgl.get("rowsPerSecond")));
        } else {
            say("%-34s %s: %s", "pgloader", pgl.get("status"), pgl.get("note"));
        }
        Map<String, Object> late = (Map<String, Object>) report.get("lateMirror");
        say("%-34s %,12.0f %10.1f", "late mirror apply alone", num(late.get("rowsPerSecondAfterStartup")),
                num(late.get("firstAppliedToEqualSeconds")));
        say("%-34s %,12.0f %10.2f", "PostgreSQL COPY (mirror rows)", num(copy.get("rowsPerSecond")),
                num(copy.get("seconds")));
        say("");
        say("%-10s %10s %10s %9s %9s %9s", "target/s", "sustained", "rows/s", "p50 ms", "p99 ms", "max ms");
        for (Map<String, Object> s : (List<Map<String, Object>>) report.get("streaming")) {
            say("%,10d %,10.0f %,10.0f %,9.0f %,9.0f %,9.0f", s.get("targetChangesPerSecond"),
                    num(s.get("sustainedChangesPerSecond")), num(s.get("binlogRowChangesPerSecond")),
                    num(s.get("lagP50Ms")), num(s.get("lagP99Ms")), num(s.get("lagMaxMs")));
        }
        Map<String, Object> noise = (Map<String, Object>) report.get("noise");
        Map<String, Object> mem = (Map<String, Object>) report.get("memory");
        say("");
        say("noise discarded by the sidecar: %,.0f row changes/s as written; %,.0f/s from a backlog",
                num(noise.get("discardedPerSecond")),
                num(((Map<String, Object>) noise.get("backlog")).get("rowChangesPerSecond")));
        say("peak RSS: sidecar %,.0f MiB (%s), replicator %,.0f MiB (%s)", num(mem.get("sidecarPeakRssMib")),
                String.join(" ", (List<String>) mem.get("sidecarJvm")), num(mem.get("mirrorPeakRssMib")),
                String.join(" ", (List<String>) mem.get("mirrorJvm")));
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static double round(double d) {
        return Double.isNaN(d) ? -1 : Math.round(d * 10) / 10.0;
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
