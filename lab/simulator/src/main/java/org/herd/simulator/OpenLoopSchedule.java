package org.herd.simulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When each transaction of an open-loop load is due, for a target rate in binlog row changes per
 * second. A transaction expected to write {@code r} rows is due when the rows scheduled before it
 * would have been written at the target rate: {@code start + rowsBefore / rate}. The schedule does
 * not wait for the server: when the writers fall behind, transactions become due in the past, and
 * a writer's latency is measured from that intended time, not from when it got round to sending
 * (coordinated omission would otherwise hide the wait).
 *
 * <p>A transaction's rows are known only once it has run; {@link #correct} replaces the expected
 * count by the real one, so that the rows scheduled over a run are the rows written.
 *
 * <p>The run ends at its duration even when the writers are behind: what was due and not yet sent
 * is not sent, and the rate achieved says how far behind they were.
 */
public final class OpenLoopSchedule {

    /** What {@link #reserve} returns once the next transaction would be due, or the clock is, at or after the end. */
    public static final long ENDED = Long.MIN_VALUE;

    private final long startNanos;
    private final long endNanos;
    private final double rowsPerSecond;
    private final AtomicLong scheduledRows = new AtomicLong();

    public OpenLoopSchedule(long startNanos, long durationNanos, double rowsPerSecond) {
        if (!(rowsPerSecond > 0) || Double.isInfinite(rowsPerSecond)) {
            throw new IllegalArgumentException("the target rate must be a number above 0 row changes/s, got "
                    + rowsPerSecond);
        }
        if (durationNanos <= 0) {
            throw new IllegalArgumentException("the duration must be above 0, got " + durationNanos + " ns");
        }
        this.startNanos = startNanos;
        this.endNanos = startNanos + durationNanos;
        this.rowsPerSecond = rowsPerSecond;
    }

    /**
     * Reserves the next transaction's place: its intended start in {@link System#nanoTime()} terms,
     * or {@link #ENDED}.
     *
     * @param expectedRows the rows it is expected to write
     * @param nowNanos     the clock now
     */
    public long reserve(long expectedRows, long nowNanos) {
        if (nowNanos - endNanos >= 0) {
            return ENDED;
        }
        long before = scheduledRows.getAndAdd(Math.max(0, expectedRows));
        long due = dueAfter(before);
        return due - endNanos >= 0 ? ENDED : due;
    }

    /** Replaces a reservation's expected rows by what the transaction wrote. */
    public void correct(long expectedRows, long actualRows) {
        scheduledRows.addAndGet(actualRows - Math.max(0, expectedRows));
    }

    /** When a transaction is due after {@code rows} row changes have been scheduled. */
    long dueAfter(long rows) {
        return startNanos + (long) (rows * 1e9 / rowsPerSecond);
    }

    public long startNanos() {
        return startNanos;
    }

    public long endNanos() {
        return endNanos;
    }

    public double rowsPerSecond() {
        return rowsPerSecond;
    }
}
