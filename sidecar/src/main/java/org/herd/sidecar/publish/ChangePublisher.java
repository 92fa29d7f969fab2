package org.herd.sidecar.publish;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.herd.sidecar.capture.ConnectRows;
import org.herd.translator.NeutralRecord;
import org.herd.translator.RowChange;
import org.herd.translator.RowOperation;
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
 */
public final class ChangePublisher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(ChangePublisher.class);

    private final Translator translator;
    private final Producer<byte[], byte[]> producer;
    private final Map<String, String> topics = new HashMap<>();
    private final String quarantineTopic;
    private final PublishListener listener;

    /** What the publisher reports as it goes. */
    public interface PublishListener {
        void rowChange(RowChange change);

        void published(NeutralRecord record);

        void discarded(RowChange change);

        void quarantined(RowChange change, String reason);

        void snapshotCompleted();
    }

    public ChangePublisher(Translator translator, Producer<byte[], byte[]> producer, String topicPrefix,
            PublishListener listener) {
        this.translator = translator;
        this.producer = producer;
        this.listener = listener;
        for (EntityType e : NeutralSchema.entities()) {
            topics.put(e.name(), TopicNames.entityTopic(topicPrefix, e));
        }
        this.quarantineTopic = TopicNames.quarantineTopic(topicPrefix);
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> events,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        List<NeutralRecord> sent = new ArrayList<>();
        boolean snapshotEnded = false;
        for (RecordChangeEvent<SourceRecord> event : events) {
            SourceRecord source = event.record();
            RowChange change = ConnectRows.toRowChange(source);
            snapshotEnded |= ConnectRows.isLastSnapshotRecord(source);
            if (change == null) {
                continue;
            }
            listener.rowChange(change);
            List<NeutralRecord> records;
            try {
                records = translator.translate(change);
            } catch (TranslationException e) {
                quarantine(change, e.getMessage(), sends);
                continue;
            } catch (RuntimeException e) {
                // A defect rather than bad data; still, one row must not stop the site's stream.
                quarantine(change, change.table() + " at " + change.position() + ": " + e, sends);
                continue;
            }
            if (records.isEmpty() && change.op() == RowOperation.UPDATE) {
                listener.discarded(change);
            }
            for (NeutralRecord r : records) {
                sends.add(producer.send(new ProducerRecord<>(topics.get(r.entity()), WireFormat.encodeKey(r),
                        WireFormat.encode(r))));
                sent.add(r);
            }
        }
        producer.flush();
        for (Future<RecordMetadata> f : sends) {
            try {
                f.get();
            } catch (ExecutionException e) {
                // Offsets of this batch stay uncommitted: capture restarts and sends it again.
                throw new PublishException("Kafka did not acknowledge a record: " + e.getCause(), e.getCause());
            }
        }
        sent.forEach(listener::published);
        for (RecordChangeEvent<SourceRecord> event : events) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
        if (snapshotEnded) {
            listener.snapshotCompleted();
        }
    }

    private void quarantine(RowChange change, String reason, List<Future<RecordMetadata>> sends) {
        log.warn("Quarantined a row change: {}", reason);
        listener.quarantined(change, reason);
        String value = "{\"table\":" + jsonString(change.table())
                + ",\"op\":" + jsonString(change.op().name().toLowerCase(java.util.Locale.ROOT))
                + ",\"position\":" + jsonString(change.position().toString())
                + ",\"reason\":" + jsonString(reason) + "}";
        sends.add(producer.send(new ProducerRecord<>(quarantineTopic,
                (change.table() + "@" + change.position()).getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8))));
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Kafka refused or failed to take a batch. */
    public static final class PublishException extends RuntimeException {
        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
