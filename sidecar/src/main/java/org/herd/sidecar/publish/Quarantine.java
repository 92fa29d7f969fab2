package org.herd.sidecar.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.sidecar.capture.ConnectRows;
import org.herd.sidecar.lookup.SourceLookup;
import org.herd.translator.Cascade;
import org.herd.translator.MissingColumnException;
import org.herd.translator.RowChange;
import org.herd.translator.TranslationException;
import org.herd.translator.wire.TopicNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's side exit. What one row gets wrong at any stage stays with that row: it is written
 * to {@code <prefix>._quarantine} as a {@link QuarantineRecord} naming table, Gazelle key, position,
 * reason, kind and column, logged, counted, and awaited with the batch, whose offsets are committed
 * only once Kafka has the quarantine records too. The stream goes on.
 *
 * <p>The kind follows from the failure, decided here and nowhere else: a lookup the schema no
 * longer answers is {@code schema}, a change without a column Herd reads {@code missing-column}
 * (both also reported once per table and column by {@link MissingColumns}), a value the mapping
 * cannot read {@code translation}, anything else a {@code defect}.
 */
final class Quarantine {

    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

    /** The op of a quarantine record for a row read again because a change named it. */
    static final String CASCADE = "cascade";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final GazelleCatalogue catalogue;
    private final MissingColumns missingColumns;
    private final PipelineListener listener;
    /** This batch's quarantine records on their way to Kafka. */
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();

    Quarantine(Producer<byte[], byte[]> producer, String topicPrefix, GazelleCatalogue catalogue,
            MissingColumns missingColumns, PipelineListener listener) {
        this.producer = producer;
        this.topic = TopicNames.quarantineTopic(topicPrefix);
        this.catalogue = catalogue;
        this.missingColumns = missingColumns;
        this.listener = listener;
    }

    /** A TRUNCATE of a captured table. */
    void truncate(SourceRecord event) {
        // Mirrors cannot be told "every row is gone" yet; say so loudly instead of letting them
        // keep rows the origin no longer has without a trace.
        send(new QuarantineRecord(ConnectRows.table(event), "truncate", Map.of(),
                String.valueOf(event.sourceOffset()), "TRUNCATE is not replicated: mirrors keep the rows "
                        + "until they are re-snapshotted or `herd verify --repair` retracts them",
                QuarantineRecord.TRUNCATE, null));
    }

    /** A change event that could not be read as a row change. */
    void unreadable(SourceRecord event, RuntimeException failure) {
        send(new QuarantineRecord(String.valueOf(ConnectRows.table(event)), "unknown", Map.of(),
                String.valueOf(event.sourceOffset()), "unreadable change event: " + failure,
                QuarantineRecord.UNREADABLE, null));
    }

    /** A change that could not be translated, or whose records could not be encoded. */
    void change(RowChange change, RuntimeException failure) {
        row(change, opName(change), " for this change: ", failure);
    }

    /** A row a change named (a {@link Cascade}) that could not be translated again. */
    void cascadedRow(RowChange row, RuntimeException failure) {
        row(row, CASCADE, " to translate this row: ", failure);
    }

    /** The rows a change names could not be read: the change's own records stand. */
    void cascade(Cascade cascade, RowChange cause, RuntimeException failure) {
        String reason = "could not read the rows of " + cascade.table() + " this change of " + cause.table()
                + " names: ";
        if (failure instanceof SourceLookup.SchemaMismatchException e) {
            missingColumns.missing(e.table(), e.column(), cause);
            send(new QuarantineRecord(cascade.table(), CASCADE, cascade.where(), cause.position().toString(),
                    reason + e.getMessage(), QuarantineRecord.SCHEMA, e.column()));
        } else {
            send(new QuarantineRecord(cascade.table(), CASCADE, cascade.where(), cause.position().toString(),
                    reason + failure, QuarantineRecord.DEFECT, null));
        }
    }

    /** A record Kafka refused for good: a retry cannot cure it. */
    void refused(EncodedRecord record, Throwable failure) {
        RecordFacts facts = record.facts();
        send(new QuarantineRecord(facts.sourceTable(), facts.sourceOp().name().toLowerCase(Locale.ROOT),
                facts.sourceKey(), facts.position().toString(), "Kafka refused the " + facts.entity() + " record ("
                        + record.size() + " bytes): " + failure.getMessage(), QuarantineRecord.KAFKA_REFUSED, null));
    }

    private void row(RowChange row, String op, String schemaReading, RuntimeException failure) {
        String position = row.position().toString();
        if (failure instanceof SourceLookup.SchemaMismatchException e) {
            missingColumns.missing(e.table(), e.column(), row);
            send(new QuarantineRecord(row.table(), op, sourceKey(row), position, "could not read " + e.table()
                    + schemaReading + e.getMessage(), QuarantineRecord.SCHEMA, e.column()));
        } else if (failure instanceof MissingColumnException e) {
            missingColumns.missing(e.table(), e.column(), row);
            send(new QuarantineRecord(row.table(), op, e.key(), position, e.getMessage(),
                    QuarantineRecord.MISSING_COLUMN, e.column()));
        } else if (failure instanceof TranslationException e) {
            send(new QuarantineRecord(row.table(), op, e.key(), position, e.getMessage(),
                    QuarantineRecord.TRANSLATION, e.column()));
        } else {
            // A defect rather than bad data; still, one row must not stop the site's stream.
            send(new QuarantineRecord(row.table(), op, sourceKey(row), position,
                    "could not translate or encode: " + failure, QuarantineRecord.DEFECT, null));
        }
    }

    private void send(QuarantineRecord q) {
        if (QuarantineRecord.MISSING_COLUMN.equals(q.kind()) || QuarantineRecord.SCHEMA.equals(q.kind())) {
            // Reported once per table and column by MissingColumns; one line per row would flood.
            log.debug("Quarantined a row change of {} at {}: {}", q.table(), q.position(), q.reason());
        } else {
            log.warn("Quarantined a row change of {} at {}: {}", q.table(), q.position(), q.reason());
        }
        listener.quarantined(q);
        sent.add(producer.send(new ProducerRecord<>(topic, q.kafkaKey(), q.toJson())));
    }

    /** Forgets what a failed batch left on its way: capture reads that batch again. */
    void beginBatch() {
        sent.clear();
    }

    /**
     * Flushes and waits until Kafka has every quarantine record of the batch.
     *
     * @throws PublishException when Kafka did not take one, for a reason that may pass
     */
    void awaitSent() throws InterruptedException {
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw PublishException.notAcknowledged("a quarantine record", e.getCause());
            }
        }
        sent.clear();
    }

    /**
     * The row's Gazelle primary key, as every quarantine record names it (docs/wire-format.md). Key
     * columns of replicated tables are public, so no private value is quoted.
     */
    Map<String, Object> sourceKey(RowChange change) {
        Map<String, Object> row = change.after().isEmpty() ? change.before() : change.after();
        Map<String, Object> key = new LinkedHashMap<>();
        catalogue.table(change.table()).ifPresent(t -> t.primaryKey().forEach(k -> key.put(k, row.get(k))));
        return key;
    }

    private static String opName(RowChange change) {
        return change.op().name().toLowerCase(Locale.ROOT);
    }
}
