package org.herd.bench;

import java.util.List;

/**
 * The browse phase's options, as {@link BenchCommand} parses them.
 *
 * @param enabled     whether the phase runs ({@code --no-browse} leaves it out)
 * @param requests    requests of the closed loop (each client sends its next as soon as it has the
 *                    answer: the server's throughput), after a warm-up of a tenth as many
 * @param clients     client threads of the closed loop
 * @param rates       open-loop steps, requests per second, each sent on schedule whatever the
 *                    answers' latency, in the order they run
 * @param rateSeconds how long each open-loop step lasts
 */
public record BrowseOptions(boolean enabled, int requests, int clients, List<Integer> rates, int rateSeconds) {

    /** The open-loop steps when none are given, in requests per second. */
    static final List<Integer> DEFAULT_RATES = List.of(10, 20, 40, 80);

    public BrowseOptions {
        if (requests < 1) {
            throw new IllegalArgumentException("--browse-requests must be at least 1, got " + requests);
        }
        if (clients < 1) {
            throw new IllegalArgumentException("--browse-clients must be at least 1, got " + clients);
        }
        if (rates.stream().anyMatch(r -> r < 1)) {
            throw new IllegalArgumentException("--browse-rates must be rates of at least 1 request/s, got " + rates);
        }
        if (rateSeconds < 1) {
            throw new IllegalArgumentException("--browse-rate-seconds must be at least 1, got " + rateSeconds);
        }
        rates = List.copyOf(rates);
    }
}
