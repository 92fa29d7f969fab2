package org.herd.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import org.herd.gazelle.catalogue.ColumnDef;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.TextKind;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratorSettings;
import org.herd.translator.scrub.ScrubPolicy;
import org.herd.translator.scrub.TextScrubber;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.sidecar.source.SidecarTranslator;

/**
 * What text scrubbing costs the snapshot ({@code --scrub-cost}): the same site snapshotted a
 * second time, exactly as the first ({@link SnapshotPhase}: a sidecar and a replicator process, an
 * empty mirror, the same JVM options), except that every free-text column is {@code keep}, so that
 * the scrubber reads no text. The second sidecar writes to topics of another prefix and reads the
 * binlog as another replica; the first sidecar and replicator stay up, idle, for the phases after.
 *
 * <p>The figure is the difference of two runs' CPU seconds: it includes what a per-call count
 * would miss (the garbage scrubbing's copies leave, the JIT's work on its code), and carries the
 * noise of two runs on a shared machine.
 */
final class ScrubCostPhase {

    /** The second snapshot's topics. */
    static final String TOPIC_PREFIX = "herd." + Bench.ORIGIN + "-noscrub";

    private ScrubCostPhase() {
    }

    /**
     * The sidecar's properties with scrubbing off: {@code sidecar}'s (those of the first snapshot)
     * with every free-text column of {@code variant} {@code keep}, the topics under
     * {@link #TOPIC_PREFIX} and a replication client id of its own.
     */
    static List<String> sidecarProperties(List<String> sidecar, GazelleVariant variant) {
        List<String> properties = new ArrayList<>();
        long serverId = -1;
        for (String p : sidecar) {
            if (p.startsWith("herd.sidecar.source.server-id=")) {
                // One binlog client per id: the server would drop the first sidecar's connection.
                serverId = Long.parseLong(p.substring(p.indexOf('=') + 1)) + 1;
            } else if (!p.startsWith("herd.sidecar.kafka.topic-prefix=")
                    && !p.startsWith("herd.sidecar.privacy.text.columns[")) {
                properties.add(p);
            }
        }
        if (serverId < 0) {
            throw new IllegalArgumentException("the sidecar's properties name no herd.sidecar.source.server-id");
        }
        properties.add("herd.sidecar.source.server-id=" + serverId);
        properties.add("herd.sidecar.kafka.topic-prefix=" + TOPIC_PREFIX);
        for (String column : SidecarTranslator.freeTextColumns(variant)) {
            properties.add("herd.sidecar.privacy.text.columns[" + column + "]=keep");
        }
        return properties;
    }

    /**
     * Runs the second snapshot and compares its CPU seconds with the first's ({@code on}).
     *
     * @param mirror           an empty database for the second snapshot's mirror
     * @param sidecarProperties the sidecar's properties with scrubbing off ({@link #sidecarProperties})
     * @param mirrorProperties the replicator's properties for {@code mirror}, reading {@link #TOPIC_PREFIX}
     */
    static BenchReport.ScrubCost run(BenchReport.Snapshot on, GeneratorSettings site, DataSource mirror, List<String> sidecarJvm,
            List<String> sidecarProperties, List<String> mirrorJvm, List<String> mirrorProperties, Path files,
            OriginCounts origin, Consumer<String> say) throws Exception {
        say.accept("Scrub cost: the same snapshot again with every free-text column keep (topics " + TOPIC_PREFIX
                + ".*, an empty mirror)");
        long launched = System.nanoTime();
        CpuTimes cpuAtLaunch = CpuTimes.read(null, null);
        BenchReport.Snapshot off;
        try (ChildProcess sidecar = ChildProcess.start("sidecar", sidecarJvm, sidecarProperties,
                files.resolve("sidecar-noscrub.log"))) {
            sidecar.awaitReady(180_000);
            SnapshotPhase.Launch launch = new SnapshotPhase.Launch(launched, System.nanoTime(), cpuAtLaunch);
            try (ChildProcess replicator = ChildProcess.start("mirror", mirrorJvm, mirrorProperties,
                    files.resolve("mirror-noscrub.log"))) {
                // Not compared with the origin: unscrubbed text differs from what the origin's rows
                // translate to with the default policy, by design.
                off = SnapshotPhase.run(launch, sidecar, replicator, mirror, origin, m -> BenchReport.Comparison
                        .notCompared(), say);
            }
        }
        BenchReport.ScrubCost cost = BenchReport.ScrubCost.of(on, off);
        say.accept(String.format(Locale.ROOT, "  sidecar CPU s with scrubbing %.1f, without %.1f: %+.1f%%; all "
                + "processes %.1f and %.1f: %+.1f%%", cost.sidecarCpuOn(), cost.sidecarCpuOff(),
                cost.sidecarIncrease() * 100, cost.totalCpuOn(), cost.totalCpuOff(), cost.totalIncrease() * 100));
        BenchReport.ScrubCost.Direct direct = direct(site, GazelleVariant.WHATCD, cost.sidecarCpuOn());
        say.accept(String.format(Locale.ROOT, "  the scrubber itself, one thread over the site's %,d free-text values "
                + "(%.1f MB): %.2f CPU s, %.1f%% of the sidecar's", direct.texts(), direct.bytes() / 1e6,
                direct.cpuSeconds(), direct.share() * 100));
        return cost.withDirect(direct);
    }

    /** Texts scrubbed per CPU reading: bounded memory at any scale, few clock readings. */
    private static final long CHUNK_CHARS = 8L << 20;

    /**
     * Times the scrubber under the sidecar's default policy over every free-text value of the
     * generated site, as the sidecar meets each once (the JIT's warm-up included), on this thread:
     * the figure two snapshots' difference blurs with everything else that differs between them.
     */
    static BenchReport.ScrubCost.Direct direct(GeneratorSettings site, GazelleVariant variant, double sidecarCpu) {
        Map<String, List<ColumnDef>> free = GazelleCatalogue.of(variant).freeTextColumns();
        Map<String, int[]> positions = new HashMap<>();
        free.forEach((table, columns) -> {
            List<String> names = GazelleDataGenerator.columns(table);
            positions.put(table, columns.stream().mapToInt(c -> names.indexOf(c.name())).toArray());
        });
        TextScrubber scrubber = new TextScrubber(ScrubPolicy.defaults());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<String> texts = new ArrayList<>();
        List<TextKind> kinds = new ArrayList<>();
        long[] totals = new long[4]; // texts, chars, findings, CPU nanoseconds
        long[] pending = {0};
        Runnable scrubPending = () -> {
            long before = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < texts.size(); i++) {
                for (int n : scrubber.scrub(texts.get(i), kinds.get(i)).findings().values()) {
                    totals[2] += n;
                }
            }
            totals[3] += threads.getCurrentThreadCpuTime() - before;
            texts.clear();
            kinds.clear();
            pending[0] = 0;
        };
        new GazelleDataGenerator(site).generate((table, values) -> {
            int[] at = positions.get(table);
            if (at == null) {
                return;
            }
            List<ColumnDef> columns = free.get(table);
            for (int c = 0; c < at.length; c++) {
                if (at[c] >= 0 && values[at[c]] != null) {
                    String text = values[at[c]].toString();
                    texts.add(text);
                    kinds.add(columns.get(c).textKind());
                    totals[0]++;
                    totals[1] += text.length();
                    pending[0] += text.length();
                }
            }
            if (pending[0] >= CHUNK_CHARS) {
                scrubPending.run();
            }
        });
        scrubPending.run();
        double cpu = totals[3] / 1e9;
        return new BenchReport.ScrubCost.Direct(totals[0], totals[1], totals[2], Math.round(cpu * 100) / 100.0,
                sidecarCpu > 0 ? Math.round(cpu / sidecarCpu * 1000) / 1000.0 : -1);
    }
}
