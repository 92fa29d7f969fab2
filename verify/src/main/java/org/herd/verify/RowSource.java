package org.herd.verify;

import java.sql.SQLException;
import java.util.Map;
import org.herd.translator.schema.EntityType;

/** One side of a verification: the origin's public state or a mirror's, read as neutral rows. */
public interface RowSource {

    /** Receives rows. */
    @FunctionalInterface
    interface RowSink {
        void row(Map<String, Object> key, Map<String, Object> payload);
    }

    /**
     * Starts a pass: rows read from now on reflect the source as it is now (the origin forgets
     * the parent rows it looked up in an earlier pass).
     */
    default void beginPass() {
    }

    /**
     * Streams the rows of an entity: every row when {@code range} is null, else those whose
     * range field lies in the range. Memory stays bounded: rows are handed over one by one.
     */
    void rows(EntityType entity, Chunking.Range range, RowSink sink) throws SQLException;
}
