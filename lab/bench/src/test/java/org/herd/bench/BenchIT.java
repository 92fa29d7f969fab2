package org.herd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench end to end at a tiny scale, one short low rate: every section of the report is
 * there and the snapshot really filled the mirror. No figure is asserted: speed and memory are
 * what the bench prints, not what a test decides.
 */
class BenchIT {

    @Test
    void writesEverySection(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        BenchOptions options = BenchOptions.parse("--scale", "0.0005", "--rates", "200", "--rate-seconds", "3",
                "--noise-seconds", "1", "--workload-threads", "2", "--browse-requests", "200", "--browse-rates", "5,10",
                "--browse-rate-seconds", "2", "--archive", "--scrub-cost", "--out", json.toString());
        if (!Files.isExecutable(Path.of("/usr/bin/pgloader"))) {
            options = BenchOptions.parse("--scale", "0.0005", "--rates", "200", "--rate-seconds", "3",
                    "--noise-seconds", "1", "--workload-threads", "2", "--browse-requests", "200", "--browse-rates", "5,10",
                "--browse-rate-seconds", "2", "--archive", "--scrub-cost", "--out",
                    json.toString(), "--no-pgloader");
        }
        Bench.Result result = new Bench(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.fieldNames()).toIterable().contains("machine", "dataset", "pgloader", "snapshot", "copy",
                "streaming", "noise", "memory");
        assertThat(report.at("/snapshot/mirrorRows").asLong()).isEqualTo(report.at("/dataset/mirrorRowsTotal").asLong())
                .isPositive();
        assertThat(report.at("/copy/rows").asLong()).isEqualTo(report.at("/dataset/mirrorRowsTotal").asLong());
        assertThat(report.at("/copy/postgresCpuSeconds").isNumber()).as("the ceiling's PostgreSQL CPU seconds").isTrue();
        // The snapshot's mirror is vacuumed before the ceiling, so autovacuum does nothing in it meanwhile.
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("the snapshot's mirror database vacuumed and analysed in");
        java.util.regex.Matcher vacuums = java.util.regex.Pattern.compile("during the ceiling and the late mirror: "
                + "(\\d+ vacuums, \\d+ analyses) before, (\\d+ vacuums, \\d+ analyses) after").matcher(out);
        assertThat(vacuums.find()).as("the autovacuum counts line in:%n%s", out).isTrue();
        assertThat(vacuums.group(2)).isEqualTo(vacuums.group(1));
        // Both mirrors the bench filled hold the origin's content, not merely its row counts.
        for (String section : new String[] {"/snapshot", "/lateMirror"}) {
            assertThat(report.at(section + "/comparison/result").asText()).as(section).isEqualTo("equal");
            assertThat(report.at(section + "/comparison/rows").asLong()).as(section)
                    .isEqualTo(report.at("/dataset/mirrorRowsTotal").asLong());
        }
        assertThat(result.exitCode()).isZero();
        assertThat(result.json()).isEqualTo(json.toAbsolutePath());
        assertThat(report.at("/pgloader/status").asText()).isIn("ok", "skipped", "failed");
        JsonNode rate = report.at("/streaming/0");
        assertThat(rate.get("targetRowChangesPerSecond").asInt()).isEqualTo(200);
        assertThat(rate.get("transactions").asLong()).isPositive();
        assertThat(rate.get("publishedPerSecond").asDouble()).isPositive();
        assertThat(rate.get("lagSamples").asLong()).isPositive();
        assertThat(report.at("/streamingCurve/text").asText()).isNotBlank();
        assertThat(report.at("/noise/discarded").asLong()).isPositive();
        // The bench's sidecar signs (the test kit's origin key): its signing took CPU time, part of its own.
        assertThat(report.at("/signing/cpuSeconds").asDouble()).isPositive();
        assertThat(report.at("/signing/ofSidecar").asDouble()).isPositive().isLessThan(1);
        // The bench's mirrors verify: verifying took CPU time, part of the replicator's own.
        assertThat(report.at("/verifying/snapshotCpuSeconds").asDouble()).isPositive();
        assertThat(report.at("/verifying/ofLateMirrorReplicator").asDouble()).isPositive().isLessThan(1);
        // The archive holds the site, and the mirror born from it equals the origin.
        assertThat(report.at("/archive/rows").asLong()).isEqualTo(report.at("/dataset/mirrorRowsTotal").asLong());
        assertThat(report.at("/archive/bytes").asLong()).isPositive();
        assertThat(report.at("/archive/bootstrapRowsPerSecond").asDouble()).isPositive();
        assertThat(report.at("/archive/comparison/result").asText()).isEqualTo("equal");
        // The second snapshot, scrubbing off, was measured.
        assertThat(report.at("/scrubCost/sidecarCpuOff").asDouble()).isPositive();
        // Every browse request the web server answered on the late mirror was a success.
        assertThat(report.at("/browse/requests").asInt()).isEqualTo(200);
        assertThat(report.at("/browse/failed").asInt()).as("failed browse requests; the bench printed:%n%s",
                printed.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(report.at("/browse/p95Ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(report.at("/browse/p99Ms").asDouble());
        // Both open-loop steps sent their requests on schedule and every one was answered with a success.
        assertThat(report.at("/browse/steps").size()).isEqualTo(2);
        assertThat(report.at("/browse/steps/1/requests").asInt()).isEqualTo(20);
        assertThat(report.at("/browse/steps/0/failed").asInt() + report.at("/browse/steps/1/failed").asInt()).isZero();
        assertThat(report.at("/browse/steps/1/kinds").size()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("=== Herd bench", "peak RSS", "browse on the mirror's web server",
                "content: the mirror equals the origin");
    }
}
