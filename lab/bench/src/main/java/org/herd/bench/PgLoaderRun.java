package org.herd.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.herd.embedded.EmbeddedStack;

/**
 * pgloader (Debian's package) copying the replicated Gazelle tables, all their columns, from the
 * bench's MariaDB into a database of the bench's PostgreSQL: what an operator would otherwise use
 * for a one-off copy. pgloader 3.6.9 speaks an old MySQL protocol: it gets a user of its own with
 * mysql_native_password, and the server's default collation is set to one it knows for the
 * duration of the run, since MariaDB 11's uca1400 collations are unknown to it.
 */
final class PgLoaderRun {

    static final String DATABASE = "pgloader_target";
    private static final String USER = "herd_pgloader";
    private static final String PASSWORD = "herd-bench-pgloader";

    private PgLoaderRun() {
    }

    /**
     * @param status  "ok", "skipped" or "failed"
     * @param note    why it was skipped or failed, or the pgloader version
     * @param rows    rows found in the target tables afterwards
     */
    record Result(String status, String note, long rows, double seconds, Path log) {
        double rowsPerSecond() {
            return seconds <= 0 ? 0 : rows / seconds;
        }
    }

    /**
     * The bench's pgloader phase: the copy, its CPU seconds, and the report section; printed as it goes.
     *
     * @param enabled false for {@code --no-pgloader}
     */
    static BenchReport.PgLoader phase(EmbeddedStack stack, String gazelleDb, OriginCounts origin, Path workDir,
            PrintStream out, boolean enabled) throws Exception {
        if (!enabled) {
            out.println("pgloader: skipped (--no-pgloader)");
            return BenchReport.PgLoader.skipped("--no-pgloader");
        }
        out.printf(Locale.ROOT, "pgloader: copying the %d replicated tables (all their columns) into PostgreSQL ...%n",
                origin.sourceRows().size());
        CpuTimes cpuBefore = CpuTimes.read(null, null);
        Result p = run(stack, gazelleDb, origin.sourceRows().keySet(), workDir, out);
        Map<String, Double> cpu = CpuTimes.read(null, null).since(cpuBefore);
        out.printf(Locale.ROOT, "  pgloader %s: %,d rows in %.1f s = %,.0f rows/s (%s)%n", p.status(), p.rows(),
                p.seconds(), p.rowsPerSecond(), p.note());
        out.println("  CPU seconds: " + CpuTimes.describe(cpu));
        if (p.status().equals("ok") && p.rows() != origin.totalSourceRows()) {
            out.printf(Locale.ROOT, "  note: pgloader's tables hold %,d rows, the origin %,d%n", p.rows(),
                    origin.totalSourceRows());
        }
        out.flush();
        return new BenchReport.PgLoader(p.status(), p.note(), p.rows(), Bench.round(p.seconds()),
                Bench.round(p.rowsPerSecond()), p.log() == null ? null : p.log().toString(), cpu);
    }

    static Result run(EmbeddedStack stack, String gazelleDb, Collection<String> tables, Path workDir,
            PrintStream out) throws Exception {
        String pgloader = which("pgloader");
        if (pgloader == null) {
            String why = whyNotInstallable();
            if (why != null) {
                return new Result("skipped", "pgloader is not installed and " + why + ": install it (Debian: "
                        + "'sudo apt-get install -y pgloader') and run the bench again", 0, 0, null);
            }
            pgloader = install(out);
            if (pgloader == null) {
                return new Result("skipped", "pgloader is not installed and 'apt-get install -y pgloader' did not "
                        + "install it (its output is above)", 0, 0, null);
            }
        }
        String version = versionOf(pgloader);
        String oldCollation;
        try (Connection c = stack.mariaDb().connect(null); Statement s = c.createStatement()) {
            for (String host : List.of("%", "localhost", "127.0.0.1")) {
                s.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'" + host + "' IDENTIFIED VIA mysql_native_password"
                        + " USING PASSWORD('" + PASSWORD + "')");
                s.execute("GRANT SELECT, SHOW VIEW ON `" + gazelleDb + "`.* TO '" + USER + "'@'" + host + "'");
            }
            try (ResultSet rs = s.executeQuery("SELECT @@global.collation_server")) {
                rs.next();
                oldCollation = rs.getString(1);
            }
            s.execute("SET GLOBAL collation_server = 'utf8mb4_general_ci'");
        }
        stack.postgres().createDatabase(DATABASE);
        Path dir = Files.createDirectories(workDir.resolve("pgloader"));
        Path load = dir.resolve("gazelle.load");
        String tableList = tables.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "));
        Files.writeString(load, String.format(Locale.ROOT, """
                LOAD DATABASE
                  FROM mysql://%s:%s@%s:%d/%s?useSSL=false
                  INTO postgresql://%s:%s@%s:%d/%s?sslmode=disable
                WITH include drop, create tables, create indexes, reset sequences, foreign keys,
                     workers = 4, concurrency = 1
                INCLUDING ONLY TABLE NAMES MATCHING %s
                ;
                """, USER, PASSWORD, stack.mariaDb().host(), stack.mariaDb().port(), gazelleDb,
                stack.postgres().user(), stack.postgres().password(), stack.postgres().host(), stack.postgres().port(),
                DATABASE, tableList), StandardCharsets.UTF_8);
        Path log = dir.resolve("pgloader.log");
        long t = System.nanoTime();
        int exit;
        try {
            // A heap of 4 GiB (SBCL's runtime option, read before pgloader's own): at scale 0.1 the rows
            // its workers hold in their queues (releases with their file lists) exhausted the default
            // heap of Debian's build, even with a quarter of the prefetched rows. Standard input from
            // /dev/null: when SBCL runs out of heap it drops into its low-level debugger, which waits
            // for input for ever; at the end of its input it exits.
            Process p = new ProcessBuilder(pgloader, "--dynamic-space-size", "4096", "--root-dir", dir.toString(),
                    load.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result("failed", version + " did not finish within 30 minutes; see " + log, 0, 0, log);
            }
            exit = p.exitValue();
        } finally {
            try (Connection c = stack.mariaDb().connect(null); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL collation_server = '" + oldCollation + "'");
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        long rows = countRows(stack, tables);
        String tail = tail(log);
        if (exit != 0 || rows == 0) {
            return new Result("failed", version + " exited with " + exit + " after copying " + rows + " rows: "
                    + tail, rows, seconds, log);
        }
        return new Result("ok", version, rows, seconds, log);
    }

    private static long countRows(EmbeddedStack stack, Collection<String> tables) {
        long rows = 0;
        try (Connection c = stack.postgres().dataSource(DATABASE).getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                // pgloader puts the tables in a schema named after the MySQL database, names downcased.
                try (ResultSet rs = s.executeQuery("SELECT n.nspname FROM pg_class c JOIN pg_namespace n"
                        + " ON n.oid = c.relnamespace WHERE c.relname = '" + table.toLowerCase(Locale.ROOT)
                        + "' AND c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')")) {
                    if (!rs.next()) {
                        continue;
                    }
                    String schema = rs.getString(1);
                    try (Statement s2 = c.createStatement(); ResultSet n = s2.executeQuery("SELECT count(*) FROM \""
                            + schema + "\".\"" + table.toLowerCase(Locale.ROOT) + "\"")) {
                        n.next();
                        rows += n.getLong(1);
                    }
                }
            }
        } catch (SQLException e) {
            return 0;
        }
        return rows;
    }

    /** Null when the bench can install Debian's package itself: root on a Debian system with apt-get. */
    static String whyNotInstallable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the bench is not running as root";
        }
        if (!Files.exists(Path.of("/etc/debian_version")) || which("apt-get") == null) {
            return "this is not a Debian system with apt-get";
        }
        return null;
    }

    /** apt-get update, then apt-get install -y pgloader, each line they print passed on; pgloader's path or null. */
    private static String install(PrintStream out) throws IOException, InterruptedException {
        out.println("  pgloader not found; installing Debian's package as root:");
        for (String command : List.of("apt-get update", "apt-get install -y pgloader")) {
            out.println("  $ " + command);
            out.flush();
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println("    " + line);
                    out.flush();
                }
            }
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                out.println("  '" + command + "' failed" + (p.isAlive() ? " to finish in 10 minutes" : " with exit code "
                        + p.exitValue()));
                p.destroyForcibly();
                return null;
            }
        }
        return which("pgloader");
    }

    private static String which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static String versionOf(String pgloader) {
        try {
            Process p = new ProcessBuilder(pgloader, "--version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return text.lines().findFirst().orElse("pgloader").trim();
        } catch (IOException | InterruptedException e) {
            return "pgloader";
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
            List<String> errors = lines.stream().filter(l -> l.contains("ERROR") || l.contains("FATAL")).toList();
            List<String> pick = errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 3), lines.size())
                    : errors.subList(0, Math.min(3, errors.size()));
            return String.join(" | ", pick);
        } catch (IOException e) {
            return "no log at " + log;
        }
    }
}
