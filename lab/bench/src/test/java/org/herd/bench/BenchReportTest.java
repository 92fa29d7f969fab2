package org.herd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON report keeps the member names docs/benchmarks.md and earlier reports use. */
class BenchReportTest {

    private static final Map<String, Double> CPU = new LinkedHashMap<>(Map.of("sidecar", 2.5, "total", 2.5));

    private static final BenchReport.Comparison EQUAL = new BenchReport.Comparison("equal", 26, 1200, 0, 0, 0, 1.5);
    private static final BenchReport.LateMirror LATE = new BenchReport.LateMirror(1250, 5, 3, 416.7, CPU, 290, EQUAL);

    private static BenchReport.Archive archive(String result) {
        return BenchReport.Archive.of(1250, 26, 250_000, 240_000, new BenchReport.Archive.Command(4, 1.5, CPU, 180),
                new BenchReport.Archive.Command(3, 1, CPU, 150), 4, 0.5, CPU, LATE,
                new BenchReport.Comparison(result, 26, 1250, 0, 0, 0, 1));
    }

    private static BenchReport.Snapshot snapshot(double sidecarCpu, double totalCpu) {
        return new BenchReport.Snapshot(1250, 1250, 1300, 10, 125, 4, 6, 5, 208.3, "counts",
                new LinkedHashMap<>(Map.of("sidecar", sidecarCpu, "total", totalCpu)), EQUAL);
    }

    private static BenchReport report(BenchReport.PgLoader pgloader, String lateResult) {
        return report(pgloader, lateResult, null, null);
    }

    private static BenchReport report(BenchReport.PgLoader pgloader, String lateResult, BenchReport.Archive archive,
            BenchReport.ScrubCost scrubCost) {
        BenchReport.Comparison equal = EQUAL;
        return new BenchReport(Machine.describe(),
                BenchReport.Options.of(BenchOptions.parse("--scale", "0.0005", "--rates", "50")),
                new BenchReport.Dataset(14_000, 3.2, Map.of("torrents", 1250L), 1250, Map.of("release", 1250L), 1250,
                        "innodb_flush_log_at_trx_commit=2"),
                pgloader,
                new BenchReport.Snapshot(1250, 1250, 1300, 10, 125, 4, 6, 5, 208.3, "counts", CPU, equal),
                new BenchReport.Copy(1250, 90_000, 0.2, 6250, 0.3, 0.2, 0.4, "COPY"),
                new BenchReport.LateMirror(1250, 5, 3, 416.7, CPU, 290,
                        new BenchReport.Comparison(lateResult, 26, 1200, 2, 0, 1, 1.4)),
                List.of(new BenchReport.StreamingRate(1000, 998.5, true, 350, 400, 248.5, 230, 4600, 3, 12.5, 20.1,
                        760, 380, 400, 380, 1000, 0, 80, 100, 120, 150, 300, 280, "1.5")),
                BenchReport.StreamingCurve.of(RateCurve.highest(List.of(new RateCurve.Step(1000, 998.5, true, 0, 120)),
                        1000)),
                new BenchReport.Noise(40, 200, 1, 8000, 1.2, 6666.7,
                        new BenchReport.NoiseBacklog(1000, 500, 100, 1000, 0.1, 16000)),
                new BenchReport.Memory(300, List.of("-Xmx256m"), 280, List.of("-Xmx256m"), 512),
                new BenchReport.Browse(2000, 8, 0, 10, 200, 12.5, 40.2, 61.3, 90.1, "1.5",
                        List.of(new BenchReport.BrowseKind("one word", 800, 10, 20)),
                        List.of(new BenchReport.BrowseStep(10, 100, 0, 9.9, 8, 30, 45, 60, "1.2",
                                List.of(new BenchReport.BrowseKind("listing", 100, 8, 30)))),
                        10, "10 requests/s", "browse"),
                BenchReport.Signing.of(400_000_000L, CPU),
                BenchReport.Verifying.of(250_000_000L, Map.of("replicator", 2.0, "total", 5.0), 500_000_000L,
                        Map.of("replicator", 4.0, "total", 10.0), 1_000_000), archive, scrubCost, 0)
                .withTotalSeconds(60);
    }

    @Test
    void membersKeepTheirNames() throws Exception {
        BenchReport report = report(new BenchReport.PgLoader("ok", "3.6.9", 1250L, 2.0, 625.0, "pgloader.log", CPU),
                "equal");
        JsonNode json = new ObjectMapper().valueToTree(report);
        assertThat(names(json)).containsExactly("machine", "options", "dataset", "pgloader", "snapshot", "copy",
                "lateMirror", "streaming", "streamingCurve", "noise", "memory", "browse", "signing", "verifying",
                "archive", "scrubCost", "totalSeconds");
        assertThat(names(json.get("options"))).containsExactly("scale", "seed", "rates", "rateSeconds",
                "workloadThreads", "mix", "sidecarJvm", "mirrorJvm");
        assertThat(names(json.get("machine"))).containsExactly("cpus", "cpuModel", "memTotal", "os", "java",
                "load1AtStart");
        assertThat(names(json.get("dataset"))).containsExactly("allRows", "generateSeconds", "replicatedTables",
                "replicatedRows", "mirrorRows", "mirrorRowsTotal", "originSettings");
        assertThat(names(json.get("pgloader"))).containsExactly("status", "note", "rows", "seconds", "rowsPerSecond",
                "log", "cpuSeconds");
        assertThat(names(json.get("snapshot"))).containsExactly("sourceRows", "mirrorRows", "recordsPublished",
                "seconds", "rowsPerSecond", "sidecarStartSeconds", "firstPublishedToEqualSeconds",
                "sidecarReadDoneSeconds", "rowsPerSecondAfterStartup", "check", "cpuSeconds", "comparison");
        assertThat(names(json.at("/snapshot/comparison"))).containsExactly("result", "entities", "rows", "missing",
                "extra", "differing", "seconds");
        assertThat(names(json.get("lateMirror"))).containsExactly("mirrorRows", "seconds", "firstAppliedToEqualSeconds",
                "rowsPerSecondAfterStartup", "cpuSeconds", "peakRssMib", "comparison");
        assertThat(names(json.at("/streaming/0"))).containsExactly("targetRowChangesPerSecond", "rowChangesPerSecond",
                "sustained", "publicPerSecond", "noisePerSecond", "uncapturedPerSecond", "transactionsPerSecond",
                "transactions", "failedTransactions", "generatorLatencyP99Ms", "seconds", "capturedPerSecond",
                "publishedPerSecond", "discardedPerSecond", "mirrorRecordsPerSecond", "lagSamples", "lagLost",
                "lagP50Ms", "lagP95Ms", "lagP99Ms", "lagMaxMs", "sidecarRssMib", "mirrorRssMib", "load1");
        assertThat(names(json.get("streamingCurve"))).containsExactly("boundMs", "lastPassing", "interpolated",
                "limitedBy", "carried", "carriedP99Ms", "text");
        assertThat(json.at("/streamingCurve/lastPassing").asDouble()).isEqualTo(998.5);
        assertThat(json.at("/streamingCurve/interpolated").asDouble()).isEqualTo(-1);
        assertThat(names(json.get("noise"))).containsExactly("trackerFlushes", "torrentsPerFlush", "writeSeconds",
                "discarded", "seconds", "discardedPerSecond", "backlog");
        assertThat(names(json.at("/noise/backlog"))).containsExactly("torrentsRows", "usersMainRows",
                "sphinxDeltaRows", "discarded", "seconds", "rowChangesPerSecond");
        assertThat(names(json.get("memory"))).containsExactly("sidecarPeakRssMib", "sidecarJvm", "mirrorPeakRssMib",
                "mirrorJvm", "targetMib");
        assertThat(names(json.get("browse"))).containsExactly("requests", "clients", "failed", "seconds",
                "requestsPerSecond", "p50Ms", "p95Ms", "p99Ms", "maxMs", "load1", "kinds", "steps", "highestRate",
                "highestText", "what");
        assertThat(names(json.at("/browse/steps/0"))).containsExactly("targetPerSecond", "requests", "failed",
                "answeredPerSecond", "p50Ms", "p95Ms", "p99Ms", "maxMs", "load1", "kinds");
        assertThat(names(json.at("/browse/kinds/0"))).containsExactly("kind", "requests", "p50Ms", "p95Ms");
        assertThat(names(json.get("signing"))).containsExactly("cpuSeconds", "ofSidecar", "ofSnapshot");
        assertThat(json.at("/signing/cpuSeconds").asDouble()).isEqualTo(0.4);
        assertThat(json.at("/signing/ofSidecar").asDouble()).isEqualTo(0.16);
        assertThat(json.at("/signing/ofSnapshot").asDouble()).isEqualTo(0.16);
        assertThat(names(json.get("verifying"))).containsExactly("snapshotCpuSeconds", "ofSnapshotReplicator",
                "ofSnapshot", "lateMirrorCpuSeconds", "ofLateMirrorReplicator", "ofLateMirror",
                "lateMirrorMicrosPerRecord");
        assertThat(json.at("/verifying/snapshotCpuSeconds").asDouble()).isEqualTo(0.25);
        assertThat(json.at("/verifying/ofSnapshotReplicator").asDouble()).isEqualTo(0.125);
        assertThat(json.at("/verifying/ofSnapshot").asDouble()).isEqualTo(0.05);
        assertThat(json.at("/verifying/ofLateMirrorReplicator").asDouble()).isEqualTo(0.125);
        assertThat(json.at("/verifying/lateMirrorMicrosPerRecord").asDouble()).isEqualTo(0.5);
        assertThat(json.get("archive").isNull()).isTrue();
        assertThat(json.get("scrubCost").isNull()).isTrue();
        assertThat(json.at("/snapshot/cpuSeconds/total").asDouble()).isEqualTo(2.5);
        assertThat(json.get("totalSeconds").asDouble()).isEqualTo(60);
        assertThat(report.mirrorsEqual()).isTrue();
    }

    @Test
    void aSkippedPgloaderHasOnlyItsStatusAndNoteAndADifferingMirrorFailsTheRun() {
        BenchReport report = report(BenchReport.PgLoader.skipped("--no-pgloader"), "different");
        JsonNode json = new ObjectMapper().valueToTree(report);
        assertThat(names(json.get("pgloader"))).containsExactly("status", "note");
        assertThat(report.mirrorsEqual()).isFalse();
        assertThat(new Bench.Result(null, report).exitCode()).isEqualTo(1);
        List<String> lines = new ArrayList<>();
        report.printTable(lines::add);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("pgloader", "skipped: --no-pgloader"))
                .anySatisfy(l -> assertThat(l).contains("mirror content vs origin",
                        "equal after the snapshot, different after the late mirror"))
                .anySatisfy(l -> assertThat(l).contains("highest rate with p99 lag under 1,000 ms", "999"));
    }

    @Test
    void theArchiveIsComparedWithTheLateMirrorAndItsMirrorCountsForTheExitCode() {
        BenchReport report = report(BenchReport.PgLoader.skipped("--no-pgloader"), "equal", archive("equal"), null);
        JsonNode json = new ObjectMapper().valueToTree(report);
        assertThat(names(json.get("archive"))).containsExactly("rows", "entities", "bytes", "entityFileBytes",
                "bytesPerMillionRows", "createSeconds", "createInProcessSeconds", "createCpuSeconds",
                "createPeakRssMib", "verifySeconds", "verifyInProcessSeconds", "verifyCpuSeconds", "bootstrapSeconds",
                "bootstrapLoadSeconds", "bootstrapRowsPerSecond", "bootstrapCpuSeconds", "lateMirrorRowsPerSecond",
                "bootstrapOverLateMirror", "lateMirrorSeconds", "lateMirrorOverBootstrap", "comparison");
        // 250,000 bytes for 1,250 rows; 1,250 rows loaded in 0.5 s against the late mirror's 416.7 rows/s.
        assertThat(json.at("/archive/bytesPerMillionRows").asDouble()).isEqualTo(200_000_000);
        assertThat(json.at("/archive/bootstrapRowsPerSecond").asDouble()).isEqualTo(2500);
        assertThat(json.at("/archive/bootstrapOverLateMirror").asDouble()).isEqualTo(6.0);
        // With start-up: the late mirror's 5 s against the bootstrapped mirror's 4 s.
        assertThat(json.at("/archive/lateMirrorOverBootstrap").asDouble()).isEqualTo(1.25);
        assertThat(report.mirrorsEqual()).isTrue();
        List<String> lines = new ArrayList<>();
        report.printTable(lines::add);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("archive of 1,250 rows", "250,000 bytes",
                "200,000,000 per million rows", "2,500 rows/s", "6.00 of the late mirror's 417 rows/s"));

        BenchReport different = report(BenchReport.PgLoader.skipped("--no-pgloader"), "equal", archive("different"),
                null);
        assertThat(different.mirrorsEqual()).isFalse();
    }

    @Test
    void scrubCostIsTheIncreaseOverTheSnapshotWithoutScrubbing() {
        BenchReport.ScrubCost cost = BenchReport.ScrubCost.of(snapshot(55, 110), snapshot(50, 105));
        assertThat(cost.sidecarIncrease()).isEqualTo(0.1);
        assertThat(cost.totalIncrease()).isEqualTo(0.048);
        BenchReport report = report(BenchReport.PgLoader.skipped("--no-pgloader"), "equal", null, cost);
        List<String> lines = new ArrayList<>();
        report.printTable(lines::add);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("text scrubbing", "55.0 on, 50.0 off = +10.0%",
                "110.0 on, 105.0 off = +4.8%"));
        List<String> direct = new ArrayList<>();
        report(BenchReport.PgLoader.skipped("--no-pgloader"), "equal", null, cost.withDirect(
                new BenchReport.ScrubCost.Direct(183_428, 28_200_000, 14_447, 1.1, 0.02))).printTable(direct::add);
        assertThat(direct).anySatisfy(l -> assertThat(l).contains("text scrubbing itself", "183,428 free-text values",
                "28.2 MB", "1.10 CPU s, 2.0% of the sidecar's"));
        // A snapshot without the sidecar's figure gives no increase rather than a wrong one.
        assertThat(BenchReport.ScrubCost.of(snapshot(55, 110), new BenchReport.Snapshot(1250, 1250, 1300, 10, 125, 4,
                6, 5, 208.3, "counts", Map.of("total", 3.0), EQUAL)).sidecarIncrease()).isEqualTo(-1);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
