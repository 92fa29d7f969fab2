package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.testkit.mirror.BrowseQueries;
import org.herd.testkit.mirror.GeneratedMirror;
import org.herd.translator.UserReferences;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * How long browse takes over HTTP, printed (never asserted: speed depends on the machine). Each
 * kind of search is asked 20 times after two warm-ups, with the search cache off, and each answer
 * is checked to be a success. The kinds are {@link BrowseQueries#kinds()}, the bench's browse mix
 * draws on the same words.
 *
 * <p>On the shared generated mirror by default. System properties, all optional:
 * <ul>
 * <li>{@code herd.serve.latency.scale=0.1}: measures on a WhatCD site of that scale (seed 5) made
 * for the purpose;</li>
 * <li>{@code herd.serve.latency.data=DIR}: with a scale, keeps that mirror in {@code DIR} and reuses
 * it on later runs ({@link GeneratedMirror#kept}), with the migrations added since applied;</li>
 * <li>{@code herd.serve.latency.mix=N}: also sends {@code N} searches of {@link BrowseQueries#mix}
 * (after a tenth of that unmeasured) from one client, then from eight at once, and prints their
 * rate and percentiles;</li>
 * <li>{@code herd.serve.latency.answers=FILE}: writes the JSON answer of every kind and of the first
 * 100 searches of the mix to {@code FILE}, one per line, to compare the answers of two versions on
 * one database.</li>
 * </ul>
 */
class SearchLatencyIT {

    private static final int CLIENTS = 8;
    private static final long MIX_SEED = 42;

    @Test
    void browseLatency() throws Exception {
        String scale = System.getProperty("herd.serve.latency.scale");
        String data = System.getProperty("herd.serve.latency.data");
        int mixCount = Integer.getInteger("herd.serve.latency.mix", 0);
        String answers = System.getProperty("herd.serve.latency.answers");
        ServeHarness serve;
        GeneratedMirror own = null;
        if (scale == null) {
            serve = ServeHarness.start("herd.serve.rate-limit.enabled=false", "herd.serve.search-cache=0");
        } else {
            List<GeneratedMirror.Origin> origins = List.of(new GeneratedMirror.Origin("big", GazelleVariant.WHATCD, 5,
                    Double.parseDouble(scale), UserReferences.publicIds(), false));
            long started = System.nanoTime();
            own = data == null ? GeneratedMirror.start(origins) : GeneratedMirror.kept(Path.of(data), origins);
            System.out.printf(Locale.ROOT, "mirror at scale %s ready in %.1f s%n", scale,
                    (System.nanoTime() - started) / 1e9);
            serve = ServeHarness.on(own, "herd.serve.rate-limit.enabled=false", "herd.serve.search-cache=0");
        }
        try {
            BrowseQueries browse;
            try (Connection c = serve.mirror.admin().getConnection()) {
                browse = BrowseQueries.read(c, mixCount > 0 || answers != null ? 50 : 1);
            }
            Map<String, String> queries = browse.kinds();
            StringBuilder report = new StringBuilder("browse latency over HTTP (ms, 20 runs, load ")
                    .append(load()).append("):\n");
            for (var q : queries.entrySet()) {
                for (int i = 0; i < 2; i++) {
                    serve.ajax(q.getValue());
                }
                List<Long> micros = new ArrayList<>();
                JsonNode last = null;
                for (int i = 0; i < 20; i++) {
                    long start = System.nanoTime();
                    last = serve.ajax(q.getValue());
                    micros.add((System.nanoTime() - start) / 1_000);
                    assertThat(last.path("status").asString()).as(q.getKey()).isEqualTo("success");
                }
                micros.sort(null);
                report.append(String.format(Locale.ROOT, "  %-24s p50 %6.1f  p95 %6.1f  max %6.1f  (%s results)%n",
                        q.getKey(), micros.get(10) / 1000.0, micros.get(18) / 1000.0, micros.get(19) / 1000.0,
                        last.path("response").path("results").size()));
            }
            report.append("  load after the kinds: ").append(load()).append('\n');
            if (mixCount > 0) {
                List<String> mix = browse.mix(mixCount + mixCount / 10, MIX_SEED);
                report.append(mix(serve, mix, mixCount, 1));
                report.append(mix(serve, mix, mixCount, CLIENTS));
            }
            System.out.print(report);
            if (answers != null) {
                List<String> asked = new ArrayList<>(queries.values());
                asked.addAll(browse.mix(100, MIX_SEED));
                StringBuilder lines = new StringBuilder();
                for (String q : asked) {
                    String body = serve.get("ajax.php?" + q).body();
                    lines.append(q).append('\t').append(body).append('\n');
                }
                Files.writeString(Path.of(answers), lines, StandardCharsets.UTF_8);
                System.out.println("answers of " + asked.size() + " searches written to " + answers);
            }
        } finally {
            serve.close();
            if (own != null) {
                own.close();
            }
        }
    }

    /** The mix's searches after the warm-up ones, shared among {@code clients} sending back to back. */
    private static String mix(ServeHarness serve, List<String> mix, int measured, int clients) throws Exception {
        int warm = mix.size() - measured;
        for (String q : mix.subList(0, warm)) {
            serve.ajax(q);
        }
        String loadBefore = load();
        AtomicInteger next = new AtomicInteger(warm);
        long[] micros = new long[measured];
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < mix.size(); i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        JsonNode answer = serve.ajax(mix.get(i));
                        micros[i - warm] = (System.nanoTime() - t) / 1_000;
                        if (!"success".equals(answer.path("status").asString())) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(failed.get()).as("failed searches of the mix").isZero();
        long[] sorted = micros.clone();
        java.util.Arrays.sort(sorted);
        return String.format(Locale.ROOT, "  mix, %d searches on %d client(s): %.1f requests/s, p50 %.1f  p95 %.1f"
                + "  p99 %.1f  max %.1f ms (load %s before, %s after)%n", measured, clients, measured / seconds,
                sorted[measured / 2] / 1000.0, sorted[measured * 95 / 100] / 1000.0,
                sorted[measured * 99 / 100] / 1000.0, sorted[measured - 1] / 1000.0, loadBefore, load());
    }

    /** The machine's 1-minute load average, as /proc/loadavg gives it. */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
