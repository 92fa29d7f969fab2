package org.herd.sidecar.publish;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.RowChange;
import org.herd.translator.RowOperation;
import org.herd.translator.SourcePosition;

/**
 * What the stages after encoding read of a record besides its bytes: to sign it, to name it in an
 * error, to count it, to checkpoint it, and to quarantine it under its row if Kafka refuses it.
 * The record's payload and the row's other values are in the bytes, so a record waiting for its
 * signature or for Kafka's acknowledgement keeps no second copy of them. In a snapshot two
 * thousand records wait at a time, and the rows and payloads they kept were what the sidecar's
 * young generation copied at each collection, and often promoted (docs/benchmarks.md).
 *
 * @param entity      the record's entity
 * @param op          upsert or delete
 * @param key         the record's key fields
 * @param position    the record's position
 * @param sourceTable the Gazelle table of the row change the record was translated from; null for
 *                    a record made otherwise (a repair's delete), and then so are the next two
 * @param sourceOp    that row change's operation
 * @param sourceKey   that row's Gazelle primary key, as a quarantine record names it
 */
public record RecordFacts(String entity, Operation op, Map<String, Object> key, SourcePosition position,
        String sourceTable, RowOperation sourceOp, Map<String, Object> sourceKey) {

    public RecordFacts {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(position, "position");
        if ((sourceTable == null) != (sourceOp == null) || (sourceTable == null) != (sourceKey == null)) {
            throw new IllegalArgumentException("the source table, operation and key of " + entity + " " + key
                    + " are given together or not at all");
        }
        // Read-only views, not copies: one record's facts are made per record on the capture thread,
        // from the record's own key (already read-only) and a source key made for them alone.
        key = Collections.unmodifiableMap(key);
        sourceKey = sourceKey == null ? null : Collections.unmodifiableMap(sourceKey);
    }

    /** The facts of {@code record}, translated from {@code change}, whose primary key is {@code sourceKey}. */
    public static RecordFacts of(NeutralRecord record, RowChange change, Map<String, Object> sourceKey) {
        return new RecordFacts(record.entity(), record.op(), record.key(), record.position(), change.table(),
                change.op(), sourceKey);
    }

    /** The facts of {@code record}, made otherwise than from a row change. */
    public static RecordFacts of(NeutralRecord record) {
        return new RecordFacts(record.entity(), record.op(), record.key(), record.position(), null, null, null);
    }

    /** A short, log-safe description, as {@link NeutralRecord#describe()} gives: entity, key and position. */
    public String describe() {
        return NeutralRecord.describe(entity, key, op, position);
    }
}
