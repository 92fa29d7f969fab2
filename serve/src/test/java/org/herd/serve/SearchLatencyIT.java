package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * On the shared generated mirror by default; {@code -Dherd.serve.latency.scale=0.01} measures on a
 * WhatCD site of that scale made for the purpose.
 */
class SearchLatencyIT {

    @Test
    void browseLatency() throws Exception {
        String scale = System.getProperty("herd.serve.latency.scale");
        ServeHarness serve;
        GeneratedMirror own = null;
        if (scale == null) {
            serve = ServeHarness.start("herd.serve.rate-limit.enabled=false", "herd.serve.search-cache=0");
        } else {
            own = GeneratedMirror.start(List.of(new GeneratedMirror.Origin("big", GazelleVariant.WHATCD, 5,
                    Double.parseDouble(scale), UserReferences.publicIds(), false)));
            serve = ServeHarness.on(own, "herd.serve.rate-limit.enabled=false", "herd.serve.search-cache=0");
        }
        try {
            Map<String, String> queries;
            try (Connection c = serve.mirror.admin().getConnection()) {
                queries = BrowseQueries.read(c, 1).kinds();
            }
            StringBuilder report = new StringBuilder("browse latency over HTTP (ms, 20 runs):\n");
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
                report.append(String.format(java.util.Locale.ROOT, "  %-24s p50 %6.1f  p95 %6.1f  max %6.1f  (%s results)%n",
                        q.getKey(), micros.get(10) / 1000.0, micros.get(18) / 1000.0, micros.get(19) / 1000.0,
                        last.path("response").path("results").size()));
            }
            System.out.print(report);
        } finally {
            serve.close();
            if (own != null) {
                own.close();
            }
        }
    }
}
