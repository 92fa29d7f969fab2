package org.herd.simulator;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies in milliseconds, by the nearest-rank method: the p-th
 * percentile of n sorted values is the value at rank ceil(p / 100 * n), so every percentile is a
 * latency that was measured, and the 100th is the maximum.
 *
 * @param count how many latencies
 * @param p50Ms the median, or NaN without latencies
 */
public record Latencies(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

    public static final Latencies NONE = new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** The percentiles of {@code millis}, which it sorts in place. */
    public static Latencies of(double[] millis) {
        if (millis.length == 0) {
            return NONE;
        }
        Arrays.sort(millis);
        return new Latencies(millis.length, percentile(millis, 50), percentile(millis, 95), percentile(millis, 99),
                millis[millis.length - 1]);
    }

    /** The nearest-rank percentile of sorted values; NaN when there are none. */
    public static double percentile(double[] sorted, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile must be in (0, 100], got " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        // p * n / 100 rather than p / 100 * n: 0.95 * 100 is 95.00000000000001 in binary floating point.
        int rank = (int) Math.ceil(p * sorted.length / 100.0);
        return sorted[Math.max(0, rank - 1)];
    }
}
