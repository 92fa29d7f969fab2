package org.herd.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one run of the {@link LoadGenerator} did.
 *
 * @param targetRowsPerSecond the open-loop schedule's rate, binlog row changes per second
 * @param mix                 the mix's specification ({@link LoadMix#spec})
 * @param seconds             from the first transaction's due time until the last one ended (at least the
 *                            run's duration)
 * @param transactions        transactions run, committed or not
 * @param failed              transactions the server refused (deadlock, lock wait), rolled back and not retried
 * @param rows                binlog row changes written, by class
 * @param rowsPerSecond       {@code rows.total() / seconds}: the rate achieved
 * @param transactionsByKind  transactions per kind label
 * @param rowsByKind          binlog row changes per kind label
 * @param latency             each transaction's time from when it was due to its commit, so that a
 *                            generator falling behind shows as latency (coordinated omission)
 * @param anomalies           transactions whose count is not exact ({@link LoadTransactions}); 0 normally
 * @param firstAnomaly        the first one's reason, or null
 * @param firstFailure        the first failed transaction's reason, or null
 */
public record LoadReport(double targetRowsPerSecond, int connections, String mix, double seconds, long transactions,
        long failed, RowCounts rows, double rowsPerSecond, Map<String, Long> transactionsByKind,
        Map<String, RowCounts> rowsByKind, Latencies latency, long anomalies, String firstAnomaly,
        String firstFailure) {

    /** The share of the target a run must reach to count as sustained. */
    public static final double SUSTAINED = 0.95;

    static LoadReport of(double target, int connections, LoadMix mix, double seconds, Map<LoadKind, Long> transactions,
            Map<LoadKind, RowCounts> rows, long failed, Latencies latency, long anomalies, String firstAnomaly,
            String firstFailure) {
        Map<String, Long> tx = new LinkedHashMap<>();
        Map<String, RowCounts> r = new LinkedHashMap<>();
        RowCounts total = RowCounts.NONE;
        long count = 0;
        for (LoadKind k : LoadKind.values()) {
            if (transactions.containsKey(k)) {
                tx.put(k.label(), transactions.get(k));
                count += transactions.get(k);
            }
            if (rows.containsKey(k)) {
                r.put(k.label(), rows.get(k));
                total = total.plus(rows.get(k));
            }
        }
        return new LoadReport(target, connections, mix.spec(), seconds, count, failed, total, total.total() / seconds,
                tx, r, latency, anomalies, firstAnomaly, firstFailure);
    }

    /** Whether the rate achieved is at least {@value #SUSTAINED} of the target. */
    public boolean sustained() {
        return rowsPerSecond >= SUSTAINED * targetRowsPerSecond;
    }

    public double publicPerSecond() {
        return rows.publicRows() / seconds;
    }

    public double transactionsPerSecond() {
        return transactions / seconds;
    }

    /** One line: rate achieved, classes, transactions, latency. */
    public String describe() {
        return String.format(Locale.ROOT, "%,.0f binlog row changes/s of %,.0f targeted (%s; public %.0f%%, noise "
                + "%.0f%%, uncaptured %.0f%%), %,.0f transactions/s, %,d failed; latency from due time p50 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms%s", rowsPerSecond, targetRowsPerSecond,
                sustained() ? "sustained" : "not sustained", 100 * rows.share(RowClass.PUBLIC),
                100 * rows.share(RowClass.NOISE), 100 * rows.share(RowClass.UNCAPTURED), transactionsPerSecond(), failed,
                latency.p50Ms(), latency.p99Ms(), latency.maxMs(),
                anomalies == 0 ? "" : "; " + anomalies + " counts not exact, first: " + firstAnomaly);
    }
}
