package org.herd.replicator;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.herd.translator.schema.EntityType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first copy's fast path: an entity's rows of a batch written with {@code COPY ... FROM STDIN}
 * straight into the entity's table, instead of the position-guarded upsert, as long as none of them
 * is there yet.
 *
 * <p><b>Guarantee.</b> The same as the upsert's. The position guard decides only between a record
 * and a row the mirror already holds; for a key the mirror does not hold, the upsert inserts the
 * record whatever its position, and so does COPY. COPY inserts without ON CONFLICT, so a key that is
 * there (a live row or a tombstone, committed or being written by another transaction) fails the
 * whole COPY with a unique violation: the COPY is rolled back to its savepoint and the same rows go
 * through the guarded upsert, in the same transaction, with the batch's offsets. There is no window
 * and no switch-over: every row either did not exist (COPY and upsert agree) or is applied by the
 * guard. A batch holds at most one record per key (the newest), as the upsert requires too.
 *
 * <p><b>When it is tried.</b> For an entity's rows of a batch when there are at least
 * {@link #MIN_ROWS} (a small batch gains nothing), until the first unique violation on that entity
 * in this process: from then on the mirror holds the entity's rows and streamed changes are mostly
 * updates, so a COPY would be rolled back each time. After a restart each entity is tried once
 * more. A row PostgreSQL rejects for its content fails the COPY too; the upsert path then finds and
 * quarantines it as before.
 */
final class CopyLoad {

    private static final Logger log = LoggerFactory.getLogger(CopyLoad.class);

    /** Fewest rows of one entity for which a batch tries COPY. */
    static final int MIN_ROWS = 64;

    /**
     * Rows are sent in parts of about this many bytes (a batch of the first copy brings up to about 2.6 MB of one entity):
     * before, the whole batch was encoded first and PostgreSQL, the first copy's slowest stage
     * (docs/benchmarks.md), waited for it.
     */
    static final int CHUNK_BYTES = 256 * 1024;

    private static final String UNIQUE_VIOLATION = "23505";

    private final Set<String> conflicted = ConcurrentHashMap.newKeySet();
    private final Set<String> copiedOnce = ConcurrentHashMap.newKeySet();
    private final AtomicLong copied = new AtomicLong();

    /** Rows written by COPY since this store was created. */
    long copiedRows() {
        return copied.get();
    }

    /**
     * Writes these rows (at most one per key) with COPY on the caller's transaction, if none of
     * them exists yet.
     *
     * @return true when every row was inserted; false when nothing was written (the COPY was not
     *         tried or was rolled back to its savepoint) and the caller applies them by upsert
     * @throws SQLException when the connection fails in a way that is not about the rows
     */
    boolean tryCopy(Connection c, MirrorSql.EntityStatement statement, List<IncomingRecord> records)
            throws SQLException {
        EntityType entity = statement.entity();
        if (records.size() < MIN_ROWS || conflicted.contains(entity.name())) {
            return false;
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            long n = copy(c.unwrap(PGConnection.class).getCopyAPI().copyIn(statement.copyIn()), statement, records);
            if (n != records.size()) {
                throw new IllegalStateException("COPY into " + MirrorSql.SCHEMA + "." + entity.name() + " wrote " + n
                        + " rows of " + records.size());
            }
            c.releaseSavepoint(savepoint);
            copied.addAndGet(n);
            if (copiedOnce.add(entity.name())) {
                log.info("{}.{}: rows it does not hold yet are written by COPY", MirrorSql.SCHEMA, entity.name());
            }
            return true;
        } catch (RuntimeException e) {
            // A record the statement cannot encode: the COPY was cancelled; the transaction goes on
            // without it, as it did when rows were encoded before the COPY began.
            c.rollback(savepoint);
            throw e;
        } catch (SQLException e) {
            c.rollback(savepoint);
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                conflicted.add(entity.name());
                log.info("{}.{} holds rows already: its records are applied by the position-guarded upsert from now "
                        + "on ({} rows copied by COPY in this process)", MirrorSql.SCHEMA, entity.name(), copied.get());
                return false;
            }
            if (SqlErrors.isContentRejection(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Sends the rows to a COPY that has begun, in parts ({@link CopyStream}); the rows PostgreSQL reports written. */
    private static long copy(CopyIn copy, MirrorSql.EntityStatement statement, List<IncomingRecord> records)
            throws SQLException {
        try (CopyStream rows = new CopyStream(copy, statement, CHUNK_BYTES)) {
            for (IncomingRecord r : records) {
                rows.add(r);
            }
            return rows.finish();
        }
    }
}
