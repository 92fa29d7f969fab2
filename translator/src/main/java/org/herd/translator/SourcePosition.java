package org.herd.translator;

import java.util.Objects;

/**
 * Where in the origin's binlog a row change was read, and under which origin key. Positions of
 * one origin are totally ordered by (epoch, file sequence, position, event, row); a mirror
 * applies a record only if its position is greater than the one it holds for that key.
 *
 * <p>The epoch is the epoch of the origin key that signs the record (see {@code docs/trust.md}),
 * 0 for a sidecar that does not sign. It comes first because a successor origin, on another
 * database server, starts its binlog names again: its positions must order after every position of
 * the origin before it without any mirror copying anything again, and a higher epoch does that.
 *
 * <p>Debezium reports, for every change of a transaction, the byte position where the
 * transaction begins, so that it can restart there; {@code event} counts the binlog events from
 * that position to the change's row event. Without it, two changes of one row in one transaction
 * would have equal positions and the second would be lost.
 *
 * <p>A snapshot reads every row at the binlog position where the snapshot began, with event and
 * row 0; a change streamed afterwards lies at or after that position with a row event at least
 * one event further, so snapshot rows order before every later change.
 *
 * @param epoch    epoch of the signing origin key, 0 when unsigned; the most significant part
 * @param file     binlog file name, e.g. {@code mysql-bin.000042}
 * @param pos      byte offset in the file of the transaction the change belongs to
 * @param event    index of the change's row event counted from {@code pos} (0 for a snapshot read)
 * @param row      index of the row within that event (0 for a snapshot read)
 * @param snapshot whether the row was read by a snapshot rather than streamed
 * @param tsMs     the origin's commit time in epoch milliseconds (0 when unknown); not part of
 *                 the order, used to measure lag
 */
public record SourcePosition(long epoch, String file, long pos, long event, int row, boolean snapshot, long tsMs)
        implements Comparable<SourcePosition> {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
        if (epoch < 0) {
            throw new IllegalArgumentException("negative epoch " + epoch + " of binlog position " + file + ":" + pos);
        }
        if (pos < 0 || event < 0 || row < 0) {
            throw new IllegalArgumentException("negative binlog position " + file + ":" + pos + "/" + event + "#"
                    + row);
        }
        fileSequenceOf(file);
    }

    /** A position of epoch 0: a sidecar that does not sign, and records written before epochs existed. */
    public SourcePosition(String file, long pos, long event, int row, boolean snapshot, long tsMs) {
        this(0, file, pos, event, row, snapshot, tsMs);
    }

    /** The same position under the origin key of {@code newEpoch}. */
    public SourcePosition withEpoch(long newEpoch) {
        return newEpoch == epoch ? this : new SourcePosition(newEpoch, file, pos, event, row, snapshot, tsMs);
    }

    /**
     * The numeric suffix of the binlog file name: MySQL and MariaDB name files
     * {@code <base>.<sequence>} with a zero-padded, increasing sequence.
     */
    public long fileSequence() {
        return fileSequenceOf(file);
    }

    /*
     * A mirror asks for the sequence of every record it applies, and compares positions per row, so
     * this reads the digits in place rather than through a substring and a stream (the profile of
     * the apply loop found the old form at 2% of its samples).
     */
    private static long fileSequenceOf(String file) {
        int dot = file.lastIndexOf('.');
        int end = file.length();
        if (dot < 0 || dot + 1 == end) {
            throw notSequenced(file);
        }
        for (int i = dot + 1; i < end; i++) {
            if (!Character.isDigit(file.charAt(i))) {
                throw notSequenced(file);
            }
        }
        return Long.parseLong(file, dot + 1, end, 10);
    }

    private static IllegalArgumentException notSequenced(String file) {
        return new IllegalArgumentException("binlog file name '" + file + "' does not end in .<sequence number>");
    }

    public boolean isAfter(SourcePosition other) {
        return compareTo(other) > 0;
    }

    /** By epoch, binlog file sequence, position, event and row; equal file names skip reading the sequence. */
    @Override
    public int compareTo(SourcePosition other) {
        int c = Long.compare(epoch, other.epoch);
        if (c != 0) {
            return c;
        }
        if (!file.equals(other.file)) {
            c = Long.compare(fileSequence(), other.fileSequence());
            if (c != 0) {
                return c;
            }
        }
        c = Long.compare(pos, other.pos);
        if (c != 0) {
            return c;
        }
        c = Long.compare(event, other.event);
        return c != 0 ? c : Integer.compare(row, other.row);
    }

    /** {@code file:pos/event#row}, after {@code e<epoch>:} when the epoch is above 0. */
    @Override
    public String toString() {
        return (epoch == 0 ? "" : "e" + epoch + ":") + file + ":" + pos + "/" + event + "#" + row
                + (snapshot ? " (snapshot)" : "");
    }
}
