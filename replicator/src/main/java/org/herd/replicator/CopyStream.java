package org.herd.replicator;

import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Rows sent to a {@code COPY ... FROM STDIN (FORMAT binary)} that has begun, in parts of about
 * {@code partBytes} as they are encoded, so that PostgreSQL inserts one part while the next is
 * encoded: the first copy's ({@link CopyLoad}) and the archive load's ({@link ArchiveBootstrap}).
 * Closing it cancels a COPY that did not end, so that the connection is never left in it.
 */
final class CopyStream implements AutoCloseable {

    private final CopyIn in;
    private final MirrorSql.EntityStatement statement;
    private final int partBytes;
    private final CopyBinary rows;

    /**
     * Each thread's buffer, kept between COPYs: the first copy begins one per entity of every batch,
     * and a buffer of a part and a quarter each time was a fortieth of what a mirror allocated.
     */
    private static final ThreadLocal<CopyBinary> BUFFERS = new ThreadLocal<>();

    CopyStream(CopyIn in, MirrorSql.EntityStatement statement, int partBytes) {
        this.in = in;
        this.statement = statement;
        this.partBytes = partBytes;
        this.rows = buffer(partBytes + partBytes / 4).header();
    }

    /** This thread's buffer, emptied, with room for {@code capacity} bytes. */
    private static CopyBinary buffer(int capacity) {
        CopyBinary b = BUFFERS.get();
        if (b == null || b.capacity() < capacity) {
            b = new CopyBinary(capacity);
            BUFFERS.set(b);
        }
        b.reset();
        return b;
    }

    /** Encodes one row; sends what is encoded once it makes a part. */
    void add(IncomingRecord record) throws SQLException {
        statement.copyRow(record, rows);
        if (rows.length() >= partBytes) {
            send();
        }
    }

    /** Sends the rest and ends the COPY; the rows PostgreSQL reports written. */
    long finish() throws SQLException {
        rows.trailer();
        send();
        return in.endCopy();
    }

    @Override
    public void close() throws SQLException {
        if (in.isActive()) {
            in.cancelCopy();
        }
    }

    private void send() throws SQLException {
        in.writeToCopy(rows.array(), 0, rows.length());
        rows.reset();
    }
}
