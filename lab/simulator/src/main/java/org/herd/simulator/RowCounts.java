package org.herd.simulator;

/**
 * Binlog row changes by {@link RowClass}: one row inserted, updated or deleted is one change, as
 * the row-based binlog writes it (an update whose values did not change is not written, and is not
 * counted).
 */
public record RowCounts(long publicRows, long noiseRows, long uncapturedRows) {

    public static final RowCounts NONE = new RowCounts(0, 0, 0);

    public RowCounts {
        if (publicRows < 0 || noiseRows < 0 || uncapturedRows < 0) {
            throw new IllegalArgumentException("row counts cannot be negative: public " + publicRows + ", noise "
                    + noiseRows + ", uncaptured " + uncapturedRows);
        }
    }

    public static RowCounts of(RowClass rowClass, long rows) {
        return switch (rowClass) {
            case PUBLIC -> new RowCounts(rows, 0, 0);
            case NOISE -> new RowCounts(0, rows, 0);
            case UNCAPTURED -> new RowCounts(0, 0, rows);
        };
    }

    public RowCounts plus(RowCounts o) {
        return new RowCounts(publicRows + o.publicRows, noiseRows + o.noiseRows, uncapturedRows + o.uncapturedRows);
    }

    public long of(RowClass rowClass) {
        return switch (rowClass) {
            case PUBLIC -> publicRows;
            case NOISE -> noiseRows;
            case UNCAPTURED -> uncapturedRows;
        };
    }

    /** Row changes of the tables the sidecar captures: what it receives from Debezium. */
    public long captured() {
        return publicRows + noiseRows;
    }

    public long total() {
        return publicRows + noiseRows + uncapturedRows;
    }

    /** The share of {@code rowClass} in all changes, 0 when there are none. */
    public double share(RowClass rowClass) {
        long total = total();
        return total == 0 ? 0 : (double) of(rowClass) / total;
    }
}
