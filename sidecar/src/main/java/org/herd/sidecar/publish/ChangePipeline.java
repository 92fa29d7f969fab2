package org.herd.sidecar.publish;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.connect.source.SourceRecord;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.sidecar.capture.ConnectRows;
import org.herd.sidecar.lookup.SourceLookup;
import org.herd.sidecar.trust.SidecarSigning;
import org.herd.translator.RowChange;
import org.herd.translator.Translator;
import org.herd.translator.wire.TopicNames;

/**
 * Receives Debezium's batches, and the rows of the sidecar's own initial snapshot
 * ({@link #publishRead}), and passes every change down one line of stages:
 *
 * <pre>
 * capture → enrich → translate → encode → sign → publish
 *     \________\_________\__________\_________________\___→ quarantine (side exit)
 * </pre>
 *
 * {@link CaptureStage} reads the event as a row change, {@link EnrichStage} brings the source lookup
 * to its position, {@link TranslateStage} turns it into records (and the rows it names, read through
 * enrich, into theirs), {@link EncodeStage} into bytes for a topic, {@link SignStage} signs them in
 * batches, and {@link PublishStage} sends them. A batch's offsets are marked processed only after Kafka has acknowledged every record of it,
 * quarantined ones included, so a crash at any moment replays records (which mirrors ignore by
 * position) and never loses one.
 *
 * <p>What one row can get wrong stays with that row: a change that cannot be read, translated or
 * encoded, or a record Kafka refuses for good (too large, invalid), goes to the {@link Quarantine}
 * with its reason and the stream goes on. Only failures that may pass (Kafka unreachable, the
 * Gazelle database not answering) fail the batch ({@link PublishException}), so that capture
 * restarts from the last acknowledged position. So does a failure to sign.
 */
public final class ChangePipeline implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private final CaptureStage capture;
    private final EnrichStage enrich;
    private final TranslateStage translate;
    private final EncodeStage encode;
    private final SignStage sign;
    private final PublishStage publish;
    private final Quarantine quarantine;
    private final PipelineListener listener;
    private final Acknowledgements acknowledgements;
    /** Whether rows read by the sidecar were published since Kafka last acknowledged them. */
    private boolean readBatchOpen;

    ChangePipeline(CaptureStage capture, EnrichStage enrich, TranslateStage translate, EncodeStage encode,
            SignStage sign, PublishStage publish, Quarantine quarantine, PipelineListener listener,
            Acknowledgements acknowledgements) {
        this.capture = capture;
        this.enrich = enrich;
        this.translate = translate;
        this.encode = encode;
        this.sign = sign;
        this.publish = publish;
        this.quarantine = quarantine;
        this.listener = listener;
        this.acknowledgements = acknowledgements;
    }

    /**
     * The pipeline of one sidecar.
     *
     * @param lookup      reads the Gazelle database for enrichment
     * @param producer    sends records and quarantine records
     * @param topicPrefix {@code herd.<origin>} unless the operator set another
     * @param signing     how records are signed, and the epoch of every position
     * @param acknowledgements told of every batch Kafka acknowledged (the checkpoints)
     */
    public static ChangePipeline create(Translator translator, SourceLookup lookup, Producer<byte[], byte[]> producer,
            String topicPrefix, PipelineListener listener, SidecarSigning signing, Acknowledgements acknowledgements) {
        MissingColumns missingColumns = new MissingColumns(TopicNames.quarantineTopic(topicPrefix));
        Quarantine quarantine = new Quarantine(producer, topicPrefix,
                GazelleCatalogue.of(translator.settings().variant()), missingColumns, listener);
        EnrichStage enrich = EnrichStage.over(lookup, quarantine);
        PublishStage publish = new PublishStage(producer, quarantine, listener);
        return new ChangePipeline(new CaptureStage(quarantine, listener, signing.epoch()), enrich,
                new TranslateStage(translator, enrich, quarantine, missingColumns, listener),
                new EncodeStage(topicPrefix, quarantine), new SignStage(signing, publish::send), publish, quarantine,
                listener, acknowledgements);
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> events,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        begin();
        boolean snapshotEnded = false;
        for (RecordChangeEvent<SourceRecord> event : events) {
            snapshotEnded |= ConnectRows.isLastSnapshotRecord(event.record());
            Optional<RowChange> change = capture.read(event.record());
            if (change.isPresent()) {
                pass(change.get());
            }
        }
        List<EncodedRecord> acknowledged = awaitAcknowledgements();
        for (RecordChangeEvent<SourceRecord> event : events) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
        acknowledgements.acknowledged(acknowledged);
        if (snapshotEnded) {
            snapshotCompleted();
        }
    }

    /**
     * Publishes a row the sidecar read itself ({@link org.herd.sidecar.snapshot.InitialSnapshot})
     * down the same stages from enrich on; {@link #acknowledgeRead} waits for Kafka. Rows are passed
     * one at a time, so that none is held once its records are encoded.
     */
    public void publishRead(RowChange change) {
        if (!readBatchOpen) {
            begin();
            readBatchOpen = true;
        }
        try {
            listener.rowChange(change);
            pass(change);
        } catch (RuntimeException e) {
            // The snapshot fails and starts again: its next row begins a batch afresh.
            readBatchOpen = false;
            throw e;
        }
    }

    /** Returns once Kafka has acknowledged every record of the rows published since the last call. */
    public void acknowledgeRead() throws InterruptedException {
        readBatchOpen = false;
        acknowledgements.acknowledged(awaitAcknowledgements());
    }

    /** The initial snapshot's last records are acknowledged and its position stored. */
    public void snapshotCompleted() {
        listener.snapshotCompleted();
        acknowledgements.snapshotCompleted();
    }

    private void begin() {
        sign.beginBatch();
        publish.beginBatch();
        quarantine.beginBatch();
    }

    private void pass(RowChange change) {
        enrich.observe(change);
        translate.translate(change, record -> encode.encode(record).ifPresent(sign::sign));
    }

    private List<EncodedRecord> awaitAcknowledgements() throws InterruptedException {
        sign.flush();
        List<EncodedRecord> acknowledged = publish.awaitAcknowledgements();
        quarantine.awaitSent();
        return acknowledged;
    }
}
