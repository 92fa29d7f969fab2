package org.herd.sidecar;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * How far the initial snapshot (or a re-snapshot) has got: rows read, rows per second since the
 * first, and the time left judged from the source's own estimate of its tables' sizes
 * (information_schema.TABLES.TABLE_ROWS, which InnoDB only estimates: the time left is a guess,
 * and says so by never going below zero when the estimate was short).
 */
public final class SnapshotProgress {

    private final LongSupplier clockMs;
    private final LongAdder rows = new LongAdder();
    private final AtomicLong firstRowMs = new AtomicLong(-1);
    private volatile long lastRowMs = -1;
    private volatile long expectedRows = -1;

    public SnapshotProgress(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    /** Counts one row read by the snapshot. */
    void read() {
        long now = clockMs.getAsLong();
        firstRowMs.compareAndSet(-1, now);
        lastRowMs = now;
        rows.increment();
    }

    /** The source's estimate of the rows the snapshot reads, from its table statistics. */
    public void expect(long rows) {
        expectedRows = rows;
    }

    /** Rows the snapshot has read. */
    public long rows() {
        return rows.sum();
    }

    /** The source's estimate of all the rows it will read, or -1 when unknown. */
    public long expectedRows() {
        return expectedRows;
    }

    /** Rows per second from the first row read to the last; 0 before two rows. */
    public double rate() {
        long first = firstRowMs.get();
        long ms = lastRowMs - first;
        return first < 0 || ms <= 0 ? 0 : rows() * 1000.0 / ms;
    }

    /** Estimated seconds left, or -1 when there is no estimate or no rate yet. */
    public long secondsLeft() {
        double rate = rate();
        long expected = expectedRows;
        if (expected < 0 || rate <= 0) {
            return -1;
        }
        return Math.max(0, Math.round((expected - rows()) / rate));
    }

    /** One line for the log: {@code 120000 of ~500000 rows (24%), 8000 rows/s, about 48 s left}. */
    public String describe() {
        long read = rows();
        long expected = expectedRows;
        StringBuilder b = new StringBuilder().append(read);
        if (expected > 0) {
            b.append(" of ~").append(expected).append(" rows (").append(Math.min(100, read * 100 / expected))
                    .append("%)");
        } else {
            b.append(" rows");
        }
        b.append(", ").append(Math.round(rate())).append(" rows/s");
        long left = secondsLeft();
        if (left >= 0) {
            b.append(", about ").append(left).append(" s left");
        }
        return b.toString();
    }
}
