package org.herd.sidecar.publish;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.connect.source.SourceRecord;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.sidecar.capture.ConnectRows;
import org.herd.sidecar.lookup.SourceLookup;
import org.herd.translator.Cascade;
import org.herd.translator.MissingColumnException;
import org.herd.translator.NeutralRecord;
import org.herd.translator.RowChange;
import org.herd.translator.RowOperation;
import org.herd.translator.Translation;
import org.herd.translator.TranslationException;
import org.herd.translator.Translator;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.translator.wire.WireFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Debezium's batches, translates them and publishes the records. A batch's offsets
 * are marked processed only after Kafka has acknowledged every record of it, so a crash at any
 * moment replays records (which mirrors ignore by position) and never loses one.
 *
 * <p>What one row can get wrong stays with that row: a change that cannot be read, translated
 * or encoded, or a record Kafka refuses for good (too large, invalid), goes to the quarantine
 * topic with its reason and the stream goes on. Only failures that may pass (Kafka unreachable)
 * fail the batch, so that capture restarts from the last acknowledged position.
 */
public final class ChangePublisher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(ChangePublisher.class);

    /** Stands for the column when the database named none: the table itself may be gone. */
    private static final String WHOLE_TABLE = "(a column or the table itself)";

    /** A cascade this large is still carried out, but said out loud: it is a heavy moment for the site. */
    private static final int LARGE_CASCADE = 10_000;

    private final Translator translator;
    private final SourceLookup lookup;
    private final GazelleCatalogue catalogue;
    private final Producer<byte[], byte[]> producer;
    private final Map<String, String> topics = new HashMap<>();
    private final String quarantineTopic;
    private final PublishListener listener;
    /** Per table, the columns found missing and the position they were first missed at. */
    private final Map<String, Map<String, String>> missingColumns = new HashMap<>();

    /** What the publisher reports as it goes. */
    public interface PublishListener {
        void rowChange(RowChange change);

        void published(NeutralRecord record);

        void discarded(RowChange change);

        void quarantined(QuarantineRecord record);

        void snapshotCompleted();
    }

    public ChangePublisher(Translator translator, SourceLookup lookup, Producer<byte[], byte[]> producer,
            String topicPrefix, PublishListener listener) {
        this.translator = translator;
        this.lookup = lookup;
        this.catalogue = GazelleCatalogue.of(translator.settings().variant());
        this.producer = producer;
        this.listener = listener;
        for (EntityType e : NeutralSchema.entities()) {
            topics.put(e.name(), TopicNames.entityTopic(topicPrefix, e));
        }
        this.quarantineTopic = TopicNames.quarantineTopic(topicPrefix);
    }

    /** A record on its way to Kafka, with what is needed to quarantine it if Kafka refuses it. */
    private record Send(NeutralRecord record, RowChange change, int bytes, Future<RecordMetadata> ack) {
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> events,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<Send> sends = new ArrayList<>();
        List<Future<RecordMetadata>> quarantineSends = new ArrayList<>();
        boolean snapshotEnded = false;
        for (RecordChangeEvent<SourceRecord> event : events) {
            SourceRecord source = event.record();
            snapshotEnded |= ConnectRows.isLastSnapshotRecord(source);
            publish(source, sends, quarantineSends);
        }
        producer.flush();
        for (Send send : sends) {
            try {
                send.ack().get();
                listener.published(send.record());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (isPermanent(cause)) {
                    quarantine(new QuarantineRecord(send.change().table(), opName(send.change()),
                            sourceKey(send.change()), send.change().position().toString(),
                            "Kafka refused the " + send.record().entity() + " record (" + send.bytes() + " bytes): "
                                    + cause.getMessage(), QuarantineRecord.KAFKA_REFUSED, null), quarantineSends);
                } else {
                    throw retryLater(send.record().describe(), cause);
                }
            }
        }
        producer.flush();
        for (Future<RecordMetadata> f : quarantineSends) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw retryLater("a quarantine record", e.getCause());
            }
        }
        for (RecordChangeEvent<SourceRecord> event : events) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
        if (snapshotEnded) {
            listener.snapshotCompleted();
        }
    }

    private void publish(SourceRecord source, List<Send> sends, List<Future<RecordMetadata>> quarantineSends) {
        RowChange change;
        try {
            if (ConnectRows.isTruncate(source)) {
                // Mirrors cannot be told "every row is gone" yet; say so loudly instead of
                // letting them keep rows the origin no longer has without a trace.
                quarantine(new QuarantineRecord(ConnectRows.table(source), "truncate", Map.of(),
                        String.valueOf(source.sourceOffset()), "TRUNCATE is not replicated: mirrors keep the rows "
                                + "until they are re-snapshotted or `herd verify --repair` retracts them",
                        QuarantineRecord.TRUNCATE, null), quarantineSends);
                return;
            }
            change = ConnectRows.toRowChange(source);
        } catch (RuntimeException e) {
            quarantine(new QuarantineRecord(String.valueOf(ConnectRows.table(source)), "unknown", Map.of(),
                    String.valueOf(source.sourceOffset()), "unreadable change event: " + e,
                    QuarantineRecord.UNREADABLE, null), quarantineSends);
            return;
        }
        if (change == null) {
            return;
        }
        listener.rowChange(change);
        try {
            lookup.observe(change);
            Translation translation = translator.translate(change, lookup);
            if (translation.records().isEmpty() && translation.cascades().isEmpty()
                    && change.op() == RowOperation.UPDATE) {
                listener.discarded(change);
            }
            send(translation.records(), change, sends);
            cascade(change, translation.cascades(), sends, quarantineSends);
            columnsBack(change);
        } catch (SourceLookup.SchemaMismatchException e) {
            String column = e.column();
            missingColumn(e.table(), column == null ? WHOLE_TABLE : column, change);
            quarantine(new QuarantineRecord(change.table(), opName(change), sourceKey(change),
                    change.position().toString(), "could not read " + e.table() + " for this change: "
                            + e.getMessage(), QuarantineRecord.SCHEMA, column), quarantineSends);
        } catch (MissingColumnException e) {
            missingColumn(e.table(), e.column(), change);
            quarantine(new QuarantineRecord(change.table(), opName(change), e.key(), change.position().toString(),
                    e.getMessage(), QuarantineRecord.MISSING_COLUMN, e.column()), quarantineSends);
        } catch (SourceLookup.LookupFailedException e) {
            // The batch's offsets stay uncommitted: capture restarts and reads it again.
            throw new PublishException("could not read the Gazelle rows needed to translate " + change.table()
                    + " at " + change.position() + ": " + e.getMessage(), e);
        } catch (TranslationException e) {
            quarantine(new QuarantineRecord(change.table(), opName(change), e.key(), change.position().toString(),
                    e.getMessage(), QuarantineRecord.TRANSLATION, e.column()), quarantineSends);
        } catch (RuntimeException e) {
            // A defect rather than bad data; still, one row must not stop the site's stream.
            quarantine(new QuarantineRecord(change.table(), opName(change), sourceKey(change),
                    change.position().toString(), "could not translate or encode: " + e, QuarantineRecord.DEFECT,
                    null), quarantineSends);
        }
    }

    private void send(List<NeutralRecord> records, RowChange change, List<Send> sends) {
        for (NeutralRecord r : records) {
            byte[] key = WireFormat.encodeKey(r);
            byte[] value = WireFormat.encode(r);
            sends.add(new Send(r, change, key.length + value.length,
                    producer.send(new ProducerRecord<>(topics.get(r.entity()), key, value))));
        }
    }

    /**
     * Translates again, at the position of the change that caused it, every row a change names:
     * the topics and posts of a forum that became a staff forum, the request whose votes changed.
     * Rows are read as the database holds them now, which is never older than the position; a
     * later change of the same row has a later position and so still wins in every mirror.
     */
    private void cascade(RowChange cause, List<Cascade> cascades, List<Send> sends,
            List<Future<RecordMetadata>> quarantineSends) {
        Deque<Cascade> pending = new ArrayDeque<>(cascades);
        Set<Cascade> done = new HashSet<>();
        int rows = 0;
        while (!pending.isEmpty()) {
            Cascade c = pending.removeFirst();
            if (!done.add(c)) {
                continue;
            }
            List<Map<String, Object>> cascaded;
            try {
                cascaded = lookup.rows(c);
            } catch (SourceLookup.SchemaMismatchException e) {
                // The cause's own records stand; the rows it names cannot be read, so say which.
                missingColumn(e.table(), e.column() == null ? WHOLE_TABLE : e.column(), cause);
                quarantine(new QuarantineRecord(c.table(), "cascade", c.where(), cause.position().toString(),
                        "could not read the rows of " + c.table() + " this change of " + cause.table()
                                + " names: " + e.getMessage(), QuarantineRecord.SCHEMA, e.column()), quarantineSends);
                continue;
            }
            for (Map<String, Object> row : cascaded) {
                rows++;
                RowChange again = RowChange.read(c.table(), row, cause.position());
                try {
                    Translation t = translator.translateCascaded(again, c, lookup);
                    send(t.records(), again, sends);
                    pending.addAll(t.cascades());
                } catch (SourceLookup.SchemaMismatchException e) {
                    missingColumn(e.table(), e.column() == null ? WHOLE_TABLE : e.column(), again);
                    quarantine(new QuarantineRecord(c.table(), "cascade", sourceKey(again),
                            cause.position().toString(), "could not read " + e.table() + " to translate this row: "
                                    + e.getMessage(), QuarantineRecord.SCHEMA, e.column()), quarantineSends);
                } catch (MissingColumnException e) {
                    missingColumn(e.table(), e.column(), again);
                    quarantine(new QuarantineRecord(c.table(), "cascade", e.key(), cause.position().toString(),
                            e.getMessage(), QuarantineRecord.MISSING_COLUMN, e.column()), quarantineSends);
                } catch (TranslationException e) {
                    quarantine(new QuarantineRecord(c.table(), "cascade", e.key(), cause.position().toString(),
                            e.getMessage(), QuarantineRecord.TRANSLATION, e.column()), quarantineSends);
                }
            }
        }
        if (rows >= LARGE_CASCADE) {
            log.info("A change of {} at {} made {} rows translate again", cause.table(), cause.position(), rows);
        }
    }

    /**
     * The row's Gazelle primary key, as every quarantine record names it (docs/wire-format.md). Key
     * columns of replicated tables are public, so no private value is quoted.
     */
    private Map<String, Object> sourceKey(RowChange change) {
        Map<String, Object> row = change.after().isEmpty() ? change.before() : change.after();
        Map<String, Object> key = new LinkedHashMap<>();
        catalogue.table(change.table()).ifPresent(t -> t.primaryKey().forEach(k -> key.put(k, row.get(k))));
        return key;
    }

    private static String opName(RowChange change) {
        return change.op().name().toLowerCase(Locale.ROOT);
    }

    /** Errors that a retry of the same record cannot cure. */
    static boolean isPermanent(Throwable t) {
        return t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                || t instanceof InvalidRecordException;
    }

    private static PublishException retryLater(String what, Throwable cause) {
        // The batch's offsets stay uncommitted: capture restarts and sends it again.
        return new PublishException("Kafka did not acknowledge " + what + ": " + cause, cause);
    }

    /**
     * Says once per table and column, not once per row, that changes arrive without a column Herd
     * reads; the rows themselves are quarantined one by one. Said again if the column returns and
     * goes missing once more.
     */
    private void missingColumn(String table, String column, RowChange change) {
        Map<String, String> columns = missingColumns.computeIfAbsent(table, t -> new LinkedHashMap<>());
        if (columns.putIfAbsent(column, change.position().toString()) == null) {
            log.warn("Gazelle table {} no longer has column {} as Herd reads it (renamed or dropped?), first "
                    + "missed by a change of {} at {}: every change that needs it is quarantined in {} until the "
                    + "column is back; then `herd quarantine replay` reads those rows again", table, column,
                    change.table(), change.position(), quarantineTopic);
        }
    }

    /** Reports columns found again after a change of their table translated. */
    private void columnsBack(RowChange change) {
        Map<String, String> columns = missingColumns.get(change.table());
        if (columns == null) {
            return;
        }
        Map<String, Object> row = change.after().isEmpty() ? change.before() : change.after();
        columns.entrySet().removeIf(e -> {
            // A change of the table itself that translates shows the table is readable again.
            if (!row.containsKey(e.getKey()) && !WHOLE_TABLE.equals(e.getKey())) {
                return false;
            }
            log.info("Gazelle table {} has column {} again at {}; its changes flow again (missing since {})",
                    change.table(), e.getKey(), change.position(), e.getValue());
            return true;
        });
        if (columns.isEmpty()) {
            missingColumns.remove(change.table());
        }
    }

    private void quarantine(QuarantineRecord q, List<Future<RecordMetadata>> quarantineSends) {
        if (QuarantineRecord.MISSING_COLUMN.equals(q.kind()) || QuarantineRecord.SCHEMA.equals(q.kind())) {
            // Reported once per table and column by missingColumn; one line per row would flood.
            log.debug("Quarantined a row change of {} at {}: {}", q.table(), q.position(), q.reason());
        } else {
            log.warn("Quarantined a row change of {} at {}: {}", q.table(), q.position(), q.reason());
        }
        listener.quarantined(q);
        quarantineSends.add(producer.send(new ProducerRecord<>(quarantineTopic, q.kafkaKey(), q.toJson())));
    }

    /** Kafka failed to take a batch, for a reason that may pass. */
    public static final class PublishException extends RuntimeException {
        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
