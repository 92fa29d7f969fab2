package org.herd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.herd.archive.ArchiveManifest;
import org.herd.archive.ArchiveReader;

/**
 * An archive of the whole site, as an operator makes, checks and uses one (docs/archive.md), after
 * the snapshot: the topics then hold every row and the checkpoint the sidecar published when its
 * snapshot completed. {@code herd archive create} and {@code herd archive verify} run as processes
 * of their own, as the operator runs them; then an empty mirror is born from the archive
 * ({@code herd.mirror.bootstrap.archive}, which {@code herd mirror --bootstrap-from} sets), timed as
 * the late mirror is, until it holds what the origin holds, and its content is compared.
 */
final class ArchivePhase {

    private static final long TIMEOUT_MS = 40L * 60 * 1000;
    static final Pattern CREATED_IN = Pattern.compile("^done in (\\d+) ms$");
    static final Pattern CHECKED_IN = Pattern.compile("^checked in (\\d+) ms$");

    /**
     * Where the phase reads and writes.
     *
     * @param bootstrapServers the bench's Kafka, holding the origin's topics
     * @param trustRoot        the origin's trust root file, as the mirrors are given it
     * @param files            the run's directory: the archive is written to {@code archive/} in it
     * @param mirror           the empty database the mirror is born in
     * @param mirrorJvm        the replicator's JVM options
     * @param mirrorProperties the replicator's properties for that database, without the archive
     */
    record Setting(String origin, String bootstrapServers, Path trustRoot, Path files, DataSource mirror,
            List<String> mirrorJvm, List<String> mirrorProperties) {
    }

    private ArchivePhase() {
    }

    static BenchReport.Archive run(Setting setting, OriginCounts origin, BenchReport.LateMirror lateMirror,
            MirrorCheck check, Consumer<String> say) throws Exception {
        Path dir = setting.files().resolve("archive");
        say.accept("Archive: herd archive create from the topics, herd archive verify, then an empty mirror born "
                + "from it");
        // An archive carries the trust root chain from <prefix>._trust, which the origin's operator
        // publishes beside the sidecar (docs/operator.md); the bench's sidecar signs without it. Untimed.
        BenchReport.Archive.Command published = command("herd trust publish", List.of("trust", "publish", "--root",
                setting.trustRoot().toString(), "--herd.sidecar.origin=" + setting.origin(),
                "--herd.sidecar.kafka.bootstrap-servers=" + setting.bootstrapServers()),
                setting.files().resolve("trust-publish.log"), CREATED_IN);
        say.accept(String.format(Locale.ROOT, "  trust root published to the topics in %.1f s", published.seconds()));
        // The operator's commands with the JVM's own defaults: the archive's cut is held in memory
        // while it is written, so a heap sized for the replicator would decide the figure.
        BenchReport.Archive.Command create = command("herd archive create", List.of("archive", "create", "--out",
                dir.toString(), "--origin", setting.origin(), "--bootstrap-servers", setting.bootstrapServers(),
                "--trust-root", setting.trustRoot().toString()), setting.files().resolve("archive-create.log"),
                CREATED_IN);
        ArchiveManifest manifest = ArchiveReader.manifest(dir);
        long rows = manifest.entities().values().stream().mapToLong(ArchiveManifest.EntityEntry::records).sum();
        long entityBytes = manifest.entities().values().stream().mapToLong(e -> e.file().bytes()).sum();
        long bytes = directoryBytes(dir);
        say.accept(String.format(Locale.ROOT, "  created in %.1f s (%.1f s in the command, its own check included): "
                + "%,d rows of %d entities, %,d bytes on disk (%,d of them entity files) = %,.0f bytes per million "
                + "rows; CPU %s; peak RSS %.0f MiB", create.seconds(), create.inProcessSeconds(), rows,
                manifest.entities().size(), bytes, entityBytes, rows == 0 ? 0.0 : bytes * 1e6 / rows,
                CpuTimes.describe(create.cpuSeconds()), create.peakRssMib()));

        BenchReport.Archive.Command verify = command("herd archive verify", List.of("archive", "verify",
                dir.toString(), "--trust-root", setting.trustRoot().toString()),
                setting.files().resolve("archive-verify.log"), CHECKED_IN);
        say.accept(String.format(Locale.ROOT, "  verified in %.1f s (%.1f s in the command); CPU %s", verify.seconds(),
                verify.inProcessSeconds(), CpuTimes.describe(verify.cpuSeconds())));

        List<String> properties = new ArrayList<>(setting.mirrorProperties());
        properties.add("herd.mirror.bootstrap.archive=" + dir);
        long start = System.nanoTime();
        CpuTimes cpuBefore = CpuTimes.read(null, null);
        Map<String, Double> cpu;
        double seconds;
        long loadMillis;
        try (ChildProcess child = ChildProcess.start("mirror", setting.mirrorJvm(), properties,
                setting.files().resolve("bootstrap-mirror.log"))) {
            while (!MirrorCounts.read(setting.mirror(), origin.entityRows().keySet()).equals(origin.entityRows())) {
                child.checkAlive();
                if (System.nanoTime() - start > SnapshotPhase.TIMEOUT_NS) {
                    throw new IllegalStateException("a mirror did not load the archive within 40 minutes; see "
                            + child.log());
                }
                Thread.sleep(50);
            }
            // Read at once: the mirror goes on to read the topics, whose records all change nothing.
            cpu = CpuTimes.read(null, child).since(cpuBefore);
            long end = System.nanoTime();
            seconds = (end - start) / 1e9;
            // The load's own time is in the first progress line, printed once the application has started.
            child.awaitReady(180_000);
            while (child.counter("bootstrapMillis") == 0) {
                child.checkAlive();
                if (System.nanoTime() - end > 60_000_000_000L) {
                    throw new IllegalStateException("the bootstrapped mirror reported no load; see " + child.log());
                }
                Thread.sleep(20);
            }
            loadMillis = child.counter("bootstrapMillis");
            if (child.counter("bootstrapRows") != rows) {
                throw new IllegalStateException("the mirror loaded " + child.counter("bootstrapRows") + " rows from "
                        + "an archive of " + rows + "; see " + child.log());
            }
        }
        double load = loadMillis / 1e3;
        say.accept(String.format(Locale.ROOT, "  mirror born from the archive: %,d rows in %.1f s with its start-up, "
                + "%.1f s = %,.0f rows/s verifying and loading; the late mirror from Kafka: %,.0f rows/s", rows,
                seconds, load, rows / load, lateMirror.rowsPerSecondAfterStartup()));
        say.accept("  CPU seconds: " + CpuTimes.describe(cpu));
        BenchReport.Comparison comparison = check.compare(setting.mirror());
        return BenchReport.Archive.of(rows, manifest.entities().size(), bytes, entityBytes, create, verify, seconds,
                load, cpu, lateMirror, comparison);
    }

    /** Runs {@code herd ARGUMENTS} to its end; fails naming its log unless it exits with 0. */
    private static BenchReport.Archive.Command command(String what, List<String> arguments, Path log,
            Pattern ownTime) throws Exception {
        CpuTimes before = CpuTimes.read(null, null, what);
        long start = System.nanoTime();
        int exit;
        double peakRss;
        try (ChildProcess child = ChildProcess.herd(what, List.of(), arguments, log)) {
            exit = child.waitFor(TIMEOUT_MS);
            peakRss = child.peakRssMib();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpu = CpuTimes.read(null, null, what).since(before);
        if (exit != 0) {
            throw new IllegalStateException(what + " exited with " + exit + "; its output is in " + log);
        }
        return new BenchReport.Archive.Command(seconds, ownSeconds(Files.readAllLines(log, StandardCharsets.UTF_8),
                ownTime), cpu, peakRss);
    }

    /** The time a command printed as its own ({@code done in N ms}), in seconds; -1 when it printed none. */
    static double ownSeconds(List<String> output, Pattern pattern) {
        for (String line : output) {
            Matcher m = pattern.matcher(line.strip());
            if (m.matches()) {
                return Long.parseLong(m.group(1)) / 1e3;
            }
        }
        return -1;
    }

    private static long directoryBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
    }
}
