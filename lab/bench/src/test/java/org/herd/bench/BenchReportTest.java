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

    private static BenchReport report(BenchReport.PgLoader pgloader, String lateResult) {
        BenchReport.Comparison equal = new BenchReport.Comparison("equal", 26, 1200, 0, 0, 0, 1.5);
        return new BenchReport(Machine.describe(),
                BenchReport.Options.of(BenchOptions.parse("--scale", "0.0005", "--rates", "50")),
                new BenchReport.Dataset(14_000, 3.2, Map.of("torrents", 1250L), 1250, Map.of("release", 1250L), 1250,
                        "innodb_flush_log_at_trx_commit=2"),
                pgloader,
                new BenchReport.Snapshot(1250, 1250, 1300, 10, 125, 4, 6, 5, 208.3, "counts", CPU, equal),
                new BenchReport.Copy(1250, 90_000, 0.2, 6250, "COPY"),
                new BenchReport.LateMirror(1250, 5, 3, 416.7, CPU, 290,
                        new BenchReport.Comparison(lateResult, 26, 1200, 2, 0, 1, 1.4)),
                List.of(new BenchReport.StreamingRate(1000, 998.5, true, 350, 400, 248.5, 230, 4600, 3, 12.5, 20.1,
                        760, 380, 400, 380, 1000, 0, 80, 100, 120, 150, 300, 280, "1.5")),
                BenchReport.StreamingCurve.of(RateCurve.highest(List.of(new RateCurve.Step(1000, 998.5, true, 0, 120)),
                        1000)),
                new BenchReport.Noise(40, 200, 1, 8000, 1.2, 6666.7,
                        new BenchReport.NoiseBacklog(1000, 500, 100, 1000, 0.1, 16000)),
                new BenchReport.Memory(300, List.of("-Xmx256m"), 280, List.of("-Xmx256m"), 512),
                new BenchReport.Browse(2000, 8, 0, 10, 200, 12.5, 40.2, 61.3, 90.1, "1.5", "browse"),
                BenchReport.Signing.of(400_000_000L, CPU), 0)
                .withTotalSeconds(60);
    }

    @Test
    void membersKeepTheirNames() throws Exception {
        BenchReport report = report(new BenchReport.PgLoader("ok", "3.6.9", 1250L, 2.0, 625.0, "pgloader.log", CPU),
                "equal");
        JsonNode json = new ObjectMapper().valueToTree(report);
        assertThat(names(json)).containsExactly("machine", "options", "dataset", "pgloader", "snapshot", "copy",
                "lateMirror", "streaming", "streamingCurve", "noise", "memory", "browse", "signing", "totalSeconds");
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
                "limitedBy", "text");
        assertThat(json.at("/streamingCurve/lastPassing").asDouble()).isEqualTo(998.5);
        assertThat(json.at("/streamingCurve/interpolated").asDouble()).isEqualTo(-1);
        assertThat(names(json.get("noise"))).containsExactly("trackerFlushes", "torrentsPerFlush", "writeSeconds",
                "discarded", "seconds", "discardedPerSecond", "backlog");
        assertThat(names(json.at("/noise/backlog"))).containsExactly("torrentsRows", "usersMainRows",
                "sphinxDeltaRows", "discarded", "seconds", "rowChangesPerSecond");
        assertThat(names(json.get("memory"))).containsExactly("sidecarPeakRssMib", "sidecarJvm", "mirrorPeakRssMib",
                "mirrorJvm", "targetMib");
        assertThat(names(json.get("browse"))).containsExactly("requests", "clients", "failed", "seconds",
                "requestsPerSecond", "p50Ms", "p95Ms", "p99Ms", "maxMs", "load1", "what");
        assertThat(names(json.get("signing"))).containsExactly("cpuSeconds", "ofSidecar", "ofSnapshot");
        assertThat(json.at("/signing/cpuSeconds").asDouble()).isEqualTo(0.4);
        assertThat(json.at("/signing/ofSidecar").asDouble()).isEqualTo(0.16);
        assertThat(json.at("/signing/ofSnapshot").asDouble()).isEqualTo(0.16);
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

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
