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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.herd.testkit.mirror.BrowseQueries;

/**
 * Browse latency: the mirror's web server under {@code ajax.php?action=browse} searches
 * ({@link BrowseQueries#mix}) sent by the bench over HTTP, in two ways.
 *
 * <ul>
 *   <li>A <b>closed loop</b> of {@code clients} threads, each sending its next request as soon as
 *       it has the answer: the server's throughput. Its latency is mostly waiting for a core (with
 *       eight clients on two cores, each request waits behind the others), so it says how many
 *       requests a second the server answers, not how long a visitor waits.</li>
 *   <li>An <b>open loop</b> at each of {@code rates}: requests sent on a fixed schedule, whether or
 *       not earlier ones have been answered, as visitors arrive; each latency is measured from the
 *       request's due time, so that a server (or a bench) falling behind shows as latency rather
 *       than as fewer requests (coordinated omission). The highest rate whose p95 stays under
 *       {@link #BOUND_MS} is the answer to "how much load before a visitor waits".</li>
 * </ul>
 *
 * <p>A warm-up of a tenth of the closed loop's requests is not measured: the server's code has not
 * run before. A request counts as failed unless it answers HTTP 200 with
 * {@code "status":"success"}; failed ones are timed too. Latencies are also given by kind of search
 * ({@link #kindOf}).
 */
final class BrowsePhase {

    /** The latency goal at p95, in milliseconds. */
    static final double BOUND_MS = 50;

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
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        int warmUp = Math.max(options.clients(), options.requests() / 10);
        closedLoop(http, baseUrl, queries.mix(warmUp, seed + 1), options.clients());
        List<String> measured = queries.mix(options.requests(), seed);
        long start = System.nanoTime();
        Sent sent = closedLoop(http, baseUrl, measured, options.clients());
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] micros = sent.micros().clone();
        Arrays.sort(micros);
        String load = Machine.load();
        say.accept(String.format(Locale.ROOT, "  closed loop: %,d browse requests on %d clients in %.1f s = %,.0f "
                + "requests/s; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %d failed; load %s",
                options.requests(), options.clients(), seconds, options.requests() / seconds, ms(micros, 0.50),
                ms(micros, 0.95), ms(micros, 0.99), micros[micros.length - 1] / 1000.0, sent.failed(), load));
        sent.sayFailure(say);

        List<BenchReport.BrowseStep> steps = new ArrayList<>();
        for (int i = 0; i < options.rates().size(); i++) {
            int rate = options.rates().get(i);
            List<String> q = queries.mix(rate * options.rateSeconds(), seed + 100 + i);
            long t = System.nanoTime();
            Sent s = openLoop(http, baseUrl, q, rate);
            double stepSeconds = (System.nanoTime() - t) / 1e9;
            long[] sorted = s.micros().clone();
            Arrays.sort(sorted);
            BenchReport.BrowseStep step = new BenchReport.BrowseStep(rate, q.size(), s.failed(),
                    Bench.round(q.size() / stepSeconds), Bench.round(ms(sorted, 0.50)), Bench.round(ms(sorted, 0.95)),
                    Bench.round(ms(sorted, 0.99)), Bench.round(sorted[sorted.length - 1] / 1000.0), Machine.load(),
                    kinds(q, s.micros()));
            steps.add(step);
            say.accept(String.format(Locale.ROOT, "  open loop %,d requests/s: %,d requests, p50 %.1f ms, p95 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms; %d failed; load %s", rate, step.requests(), step.p50Ms(), step.p95Ms(),
                    step.p99Ms(), step.maxMs(), step.failed(), step.load1()));
            s.sayFailure(say);
        }
        if (!steps.isEmpty()) {
            StringBuilder byKind = new StringBuilder(String.format(Locale.ROOT, "  by kind at %,.0f requests/s, p50 / p95 "
                    + "ms:", steps.get(0).targetPerSecond()));
            steps.get(0).kinds().forEach(k -> byKind.append(String.format(Locale.ROOT, " %s (%d) %.0f / %.0f;",
                    k.kind(), k.requests(), k.p50Ms(), k.p95Ms())));
            say.accept(byKind.substring(0, byKind.length() - 1));
        }
        double highest = highestUnderBound(steps);
        String text = Double.isNaN(highest)
                ? String.format(Locale.ROOT, "no open-loop step had p95 under %.0f ms", BOUND_MS)
                : String.format(Locale.ROOT, "%,.0f requests/s, the highest open-loop step with p95 under %.0f ms%s",
                        highest, BOUND_MS, highest == steps.stream().mapToDouble(BenchReport.BrowseStep::targetPerSecond)
                                .max().orElse(0) ? " (every step passed: the highest is above the last step)" : "");
        say.accept("  " + text);
        return new BenchReport.Browse(options.requests(), options.clients(), sent.failed(), Bench.round(seconds),
                Bench.round(options.requests() / seconds), Bench.round(ms(micros, 0.50)), Bench.round(ms(micros, 0.95)),
                Bench.round(ms(micros, 0.99)), Bench.round(micros[micros.length - 1] / 1000.0), load,
                kinds(measured, sent.micros()), List.copyOf(steps), Bench.round(highest), text,
                "ajax.php?action=browse, search cache off, rate limits off; words from " + queries.groupWords().size()
                        + " release group and " + queries.artistWords().size() + " artist names, "
                        + queries.tags().size() + " tags");
    }

    /**
     * The target rate of the last open-loop step, in rising order, whose p95 was under the bound
     * with no failed request, before the first that was not; NaN when the first already was not.
     */
    static double highestUnderBound(List<BenchReport.BrowseStep> steps) {
        double highest = Double.NaN;
        for (BenchReport.BrowseStep s : steps.stream()
                .sorted((a, b) -> Double.compare(a.targetPerSecond(), b.targetPerSecond())).toList()) {
            if (s.failed() > 0 || !(s.p95Ms() < BOUND_MS)) {
                break;
            }
            highest = s.targetPerSecond();
        }
        return highest;
    }

    /**
     * The kind of a search of {@link BrowseQueries#mix}, from its parameters: "one word", "two
     * words", "artist name", "tag", "later page" (of the unfiltered listing) or "listing" (the
     * landing page, with or without filters and orders).
     */
    static String kindOf(String query) {
        int at = query.indexOf("&searchstr=");
        if (at >= 0) {
            int end = query.indexOf('&', at + 1);
            String words = query.substring(at, end < 0 ? query.length() : end);
            return words.contains("+") || words.contains("%20") ? "two words" : "one word";
        }
        if (query.contains("&artistname=")) {
            return "artist name";
        }
        if (query.contains("&taglist=")) {
            return "tag";
        }
        return query.contains("&page=") ? "later page" : "listing";
    }

    /** p50 and p95 per kind, kinds in the order they first occur. */
    static List<BenchReport.BrowseKind> kinds(List<String> queries, long[] micros) {
        Map<String, List<Long>> byKind = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            byKind.computeIfAbsent(kindOf(queries.get(i)), k -> new ArrayList<>()).add(micros[i]);
        }
        List<BenchReport.BrowseKind> out = new ArrayList<>();
        byKind.forEach((kind, list) -> {
            long[] sorted = list.stream().mapToLong(Long::longValue).sorted().toArray();
            out.add(new BenchReport.BrowseKind(kind, sorted.length, Bench.round(ms(sorted, 0.50)),
                    Bench.round(ms(sorted, 0.95))));
        });
        return out;
    }

    /** Latencies in microseconds, in the order of the queries; the failures and the first one described. */
    private record Sent(long[] micros, int failed, String firstFailure) {

        void sayFailure(Consumer<String> say) {
            if (firstFailure != null) {
                say.accept("  first failed browse request: " + firstFailure);
            }
        }
    }

    /** Collects what the requests answered, from any thread. */
    private static final class Answers {
        private final long[] micros;
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicReference<String> first = new AtomicReference<>();

        Answers(int n) {
            micros = new long[n];
        }

        void answered(int i, String query, long sinceNanos, HttpResponse<String> r, Throwable error) {
            micros[i] = (System.nanoTime() - sinceNanos) / 1_000;
            String problem = error != null ? error.toString() : problem(r);
            if (problem != null) {
                failed.incrementAndGet();
                first.compareAndSet(null, query + " -> " + problem);
            }
        }

        Sent sent() {
            return new Sent(micros, failed.get(), first.get());
        }
    }

    private static Sent closedLoop(HttpClient http, String baseUrl, List<String> queries, int clients)
            throws Exception {
        Answers answers = new Answers(queries.size());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < queries.size(); i = next.getAndIncrement()) {
                        long s = System.nanoTime();
                        HttpResponse<String> r = null;
                        Throwable error = null;
                        try {
                            r = http.send(request(baseUrl, queries.get(i)), HttpResponse.BodyHandlers.ofString());
                        } catch (java.io.IOException e) {
                            error = e;
                        }
                        answers.answered(i, queries.get(i), s, r, error);
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
        return answers.sent();
    }

    /**
     * Sends request {@code i} at {@code i / rate} seconds from the start, without waiting for the
     * answers, and waits for all of them at the end.
     */
    private static Sent openLoop(HttpClient http, String baseUrl, List<String> queries, int rate) throws Exception {
        Answers answers = new Answers(queries.size());
        CompletableFuture<?>[] all = new CompletableFuture<?>[queries.size()];
        long start = System.nanoTime();
        for (int i = 0; i < queries.size(); i++) {
            long due = start + Math.round(i * 1e9 / rate);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int k = i;
            all[i] = http.sendAsync(request(baseUrl, queries.get(i)), HttpResponse.BodyHandlers.ofString())
                    .handle((r, e) -> {
                        answers.answered(k, queries.get(k), due, r, e);
                        return null;
                    });
        }
        CompletableFuture.allOf(all).get(5, TimeUnit.MINUTES);
        return answers.sent();
    }

    private static HttpRequest request(String baseUrl, String query) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "ajax.php?" + query)).timeout(Duration.ofSeconds(60))
                .GET().build();
    }

    /** Null for HTTP 200 with a success envelope, otherwise what came back. */
    private static String problem(HttpResponse<String> r) {
        try {
            return r.statusCode() == 200 && "success".equals(JSON.readTree(r.body()).path("status").asText()) ? null
                    : "HTTP " + r.statusCode() + ": " + abbreviate(r.body());
        } catch (java.io.IOException e) {
            return "HTTP " + r.statusCode() + ", not JSON: " + abbreviate(r.body());
        }
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
