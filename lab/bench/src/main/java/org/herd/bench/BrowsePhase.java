package org.herd.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.herd.testkit.mirror.BrowseQueries;

/**
 * Browse latency: the mirror's web server under a concurrent load of {@code ajax.php?action=browse}
 * searches ({@link BrowseQueries#mix}), sent by {@code clients} threads of the bench over HTTP. A
 * warm-up of a tenth of the requests is not measured: the server's code has not run before. A
 * request counts as failed unless it answers HTTP 200 with {@code "status":"success"}; failed ones
 * are timed too.
 */
final class BrowsePhase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowsePhase() {
    }

    /**
     * Sends the load to the server at {@code baseUrl} (ending in {@code /}), its words read from
     * {@code mirror}.
     */
    static BenchReport.Browse run(String baseUrl, DataSource mirror, BrowseOptions options, long seed,
            Consumer<String> say) throws Exception {
        BrowseQueries queries;
        try (Connection c = mirror.getConnection()) {
            queries = BrowseQueries.read(c, 50);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        int warmUp = Math.max(options.clients(), options.requests() / 10);
        send(http, baseUrl, queries.mix(warmUp, seed + 1), options.clients());
        List<String> measured = queries.mix(options.requests(), seed);
        long start = System.nanoTime();
        Sent sent = send(http, baseUrl, measured, options.clients());
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] micros = sent.micros();
        Arrays.sort(micros);
        BenchReport.Browse b = new BenchReport.Browse(options.requests(), options.clients(), sent.failed(),
                Bench.round(seconds), Bench.round(options.requests() / seconds), Bench.round(ms(micros, 0.50)),
                Bench.round(ms(micros, 0.95)), Bench.round(ms(micros, 0.99)),
                Bench.round(micros[micros.length - 1] / 1000.0), Machine.load(),
                "ajax.php?action=browse, search cache off, rate limits off; words from " + queries.groupWords().size()
                        + " release group and " + queries.artistWords().size() + " artist names, "
                        + queries.tags().size() + " tags");
        say.accept(String.format(Locale.ROOT, "  %,d browse requests on %d clients in %.1f s = %,.0f requests/s; "
                + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %d failed; load %s", b.requests(),
                b.clients(), b.seconds(), b.requestsPerSecond(), b.p50Ms(), b.p95Ms(), b.p99Ms(), b.maxMs(),
                b.failed(), b.load1()));
        if (sent.firstFailure() != null) {
            say.accept("  first failed browse request: " + sent.firstFailure());
        }
        return b;
    }

    /** Latencies in microseconds, in the order sent; the failures and the first one described. */
    private record Sent(long[] micros, int failed, String firstFailure) {
    }

    private static Sent send(HttpClient http, String baseUrl, List<String> queries, int clients) throws Exception {
        long[] micros = new long[queries.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        String[] first = new String[1];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < queries.size(); i = next.getAndIncrement()) {
                        String query = queries.get(i);
                        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "ajax.php?" + query))
                                .timeout(Duration.ofSeconds(60)).GET().build();
                        long s = System.nanoTime();
                        String problem;
                        try {
                            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                            problem = r.statusCode() == 200 && "success".equals(JSON.readTree(r.body())
                                    .path("status").asText()) ? null
                                    : "HTTP " + r.statusCode() + ": " + abbreviate(r.body());
                        } catch (java.io.IOException e) {
                            problem = e.toString();
                        }
                        micros[i] = (System.nanoTime() - s) / 1_000;
                        if (problem != null) {
                            failed.incrementAndGet();
                            synchronized (first) {
                                if (first[0] == null) {
                                    first[0] = query + " -> " + problem;
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Sent(micros, failed.get(), first[0]);
    }

    /** The {@code q} quantile of sorted latencies, nearest rank, in milliseconds. */
    static double ms(long[] sortedMicros, double q) {
        int rank = (int) Math.ceil(q * sortedMicros.length);
        return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, rank - 1))] / 1000.0;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
