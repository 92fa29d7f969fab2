package org.herd.translator;

import java.util.Comparator;
import java.util.Objects;

/**
 * Where in the origin's binlog a row change was read: the binlog file, the byte position of the
 * row event in it and the row's index within that event. Positions of one origin are totally
 * ordered by (file sequence, position, row); a mirror applies a record only if its position is
 * greater than the one it holds for that key.
 *
 * <p>A snapshot reads every row at the binlog position where the snapshot began; the first row
 * event streamed afterwards lies strictly beyond it (a GTID or BEGIN event always comes first),
 * so snapshot rows order before every later change.
 *
 * @param file     binlog file name, e.g. {@code mysql-bin.000042}
 * @param pos      byte offset of the event in the file
 * @param row      index of the row within the event (0 for a snapshot read)
 * @param snapshot whether the row was read by a snapshot rather than streamed
 * @param tsMs     the origin's commit time in epoch milliseconds (0 when unknown); not part of
 *                 the order, used to measure lag
 */
public record SourcePosition(String file, long pos, int row, boolean snapshot, long tsMs)
        implements Comparable<SourcePosition> {

    private static final Comparator<SourcePosition> ORDER = Comparator
            .comparingLong(SourcePosition::fileSequence)
            .thenComparingLong(SourcePosition::pos)
            .thenComparingInt(SourcePosition::row);

    public SourcePosition {
        Objects.requireNonNull(file, "file");
        if (pos < 0 || row < 0) {
            throw new IllegalArgumentException("negative binlog position " + file + ":" + pos + "#" + row);
        }
        fileSequenceOf(file);
    }

    /**
     * The numeric suffix of the binlog file name: MySQL and MariaDB name files
     * {@code <base>.<sequence>} with a zero-padded, increasing sequence.
     */
    public long fileSequence() {
        return fileSequenceOf(file);
    }

    private static long fileSequenceOf(String file) {
        int dot = file.lastIndexOf('.');
        String digits = dot < 0 ? "" : file.substring(dot + 1);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("binlog file name '" + file + "' does not end in .<sequence number>");
        }
        return Long.parseLong(digits);
    }

    public boolean isAfter(SourcePosition other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(SourcePosition other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return file + ":" + pos + "#" + row + (snapshot ? " (snapshot)" : "");
    }
}
