package org.herd.sidecar.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herd.sidecar.publish.TagEvents.change;
import static org.herd.sidecar.publish.TagEvents.event;
import static org.herd.sidecar.publish.TagEvents.renamedName;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.connect.source.SourceRecord;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's contract with Debezium and Kafka, on a producer double (the broker itself is
 * exercised by the sidecar's integration tests): offsets only after acknowledgement; a failure
 * that may pass fails the batch; what one row gets wrong is quarantined and the rest flows.
 */
class ChangePipelineTest {

    private final Translator translator = new Translator(new TranslatorSettings("unit", GazelleVariant.WHATCD));
    private final SidecarProgress progress = new SidecarProgress();

    /** Records what the engine is told, in order, into the producer's log. */
    static final class Committer implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {
        private final List<String> log;

        Committer(List<String> log) {
            this.log = log;
        }

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> record) {
            log.add("processed");
        }

        @Override
        public void markBatchFinished() {
            log.add("batch finished");
        }

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> record, DebeziumEngine.Offsets offsets) {
            log.add("processed");
        }

        @Override
        public DebeziumEngine.Offsets buildOffsets() {
            throw new UnsupportedOperationException();
        }
    }

    private ChangePipeline pipeline(ScriptedProducer producer) {
        return pipeline(producer, progress);
    }

    private ChangePipeline pipeline(ScriptedProducer producer, PipelineListener listener) {
        return ChangePipeline.create(translator, SourceLookups.of(translator, () -> {
            throw new java.sql.SQLException("no database in this test");
        }), producer, "herd.unit", listener, org.herd.sidecar.trust.SidecarSigning.unsigned(), Acknowledgements.NONE);
    }

    private static List<RecordChangeEvent<SourceRecord>> batch(SourceRecord... records) {
        return java.util.Arrays.stream(records).map(TagEvents::event).toList();
    }

    @Test
    void offsetsAreMarkedOnlyAfterKafkaAcknowledgedTheBatch() throws Exception {
        ScriptedProducer producer = ScriptedProducer.acknowledging();
        pipeline(producer).handleBatch(batch(change("c", 1, "genre", 100), change("c", 2, "other", 200)),
                new Committer(producer.log));

        assertThat(producer.log).containsExactly("send herd.unit.tag", "send herd.unit.tag", "flush", "flush",
                "processed", "processed", "batch finished");
        assertThat(producer.history()).extracting(r -> WireFormat.decode(r.value()).key().get("tag_id"))
                .containsExactly(1L, 2L);
        assertThat(progress.published()).isEqualTo(2);
    }

    @Test
    void aFailureThatMayPassFailsTheBatchWithoutMarkingAnything() {
        ScriptedProducer producer = new ScriptedProducer(r -> new TimeoutException("broker unreachable"));
        assertThatThrownBy(() -> pipeline(producer).handleBatch(batch(change("c", 1, "genre", 100)),
                new Committer(producer.log)))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("tag {tag_id=1} upsert at mysql-bin.000004:100/2#0")
                .hasMessageContaining("broker unreachable");
        assertThat(producer.log).doesNotContain("processed", "batch finished");
    }

    @Test
    void aProducerThatCannotSendFailsTheBatchAndNoRowIsQuarantinedForIt() {
        ScriptedProducer producer = new ScriptedProducer(r -> null) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
                throw new IllegalStateException("Cannot perform operation after producer has been closed");
            }
        };
        assertThatThrownBy(() -> pipeline(producer).handleBatch(batch(change("c", 1, "genre", 100)),
                new Committer(producer.log)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("producer has been closed");
        assertThat(producer.log).doesNotContain("processed", "batch finished");
        assertThat(progress.quarantined()).isZero();
    }

    @Test
    void aBatchThatFailedLeavesNothingBehindForTheNext() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean reachable = new java.util.concurrent.atomic.AtomicBoolean();
        ScriptedProducer producer = new ScriptedProducer(r -> reachable.get() ? null
                : new TimeoutException("broker unreachable"));
        ChangePipeline pipeline = pipeline(producer);
        assertThatThrownBy(() -> pipeline.handleBatch(batch(change("c", 1, "genre", 100)),
                new Committer(producer.log))).isInstanceOf(PublishException.class);

        // Capture reads the batch again through the same pipeline, and Kafka is back.
        reachable.set(true);
        producer.log.clear();
        pipeline.handleBatch(batch(change("c", 1, "genre", 100)), new Committer(producer.log));

        assertThat(producer.log).containsExactly("send herd.unit.tag", "flush", "flush", "processed",
                "batch finished");
        assertThat(progress.published()).isEqualTo(1);
    }

    /** A row of tags as the sidecar's own snapshot reads it, at one position. */
    private static org.herd.translator.RowChange read(int id) {
        return org.herd.translator.RowChange.read("tags", java.util.Map.of("ID", id, "Name", "t" + id, "TagType",
                "genre", "Uses", 2), new org.herd.translator.SourcePosition(0, TagEvents.FILE, 100, 0, 0, true, 0));
    }

    @Test
    void rowsTheSidecarReadIsPublishedOneByOneAndCountOnceKafkaAcknowledgedThem() throws Exception {
        ScriptedProducer producer = ScriptedProducer.acknowledging();
        ChangePipeline pipeline = pipeline(producer);
        pipeline.publishRead(read(1));
        pipeline.publishRead(read(2));
        assertThat(producer.log).containsExactly("send herd.unit.tag", "send herd.unit.tag");
        assertThat(progress.published()).isZero();

        pipeline.acknowledgeRead();
        assertThat(producer.log).containsExactly("send herd.unit.tag", "send herd.unit.tag", "flush", "flush");
        assertThat(producer.history()).extracting(r -> WireFormat.decode(r.value()).key().get("tag_id"))
                .containsExactly(1L, 2L);
        assertThat(progress.published()).isEqualTo(2);
    }

    /**
     * A read batch that failed part-way (the producer threw on its second row) is not counted with
     * the next: the snapshot starts again, and the next row begins a batch afresh.
     */
    @Test
    void aReadBatchThatFailedPartWayLeavesNothingBehindForTheNext() throws Exception {
        java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        ScriptedProducer producer = new ScriptedProducer(r -> null) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
                if (sends.incrementAndGet() == 2) {
                    throw new IllegalStateException("Cannot perform operation after producer has been closed");
                }
                return super.send(record);
            }
        };
        ChangePipeline pipeline = pipeline(producer);
        pipeline.publishRead(read(1));
        assertThatThrownBy(() -> pipeline.publishRead(read(2))).isInstanceOf(IllegalStateException.class);

        pipeline.publishRead(read(1));
        pipeline.acknowledgeRead();
        assertThat(progress.published()).isEqualTo(1);
    }

    @Test
    void aRecordKafkaRefusesForGoodIsQuarantinedAndTheBatchGoesOn() throws Exception {
        ScriptedProducer producer = new ScriptedProducer(r -> r.topic().equals("herd.unit.tag")
                && WireFormat.decode(r.value()).key().get("tag_id").equals(1L)
                ? new RecordTooLargeException("too large") : null);
        pipeline(producer).handleBatch(batch(change("c", 1, "genre", 100), change("c", 2, "genre", 200)),
                new Committer(producer.log));

        assertThat(producer.log).endsWith("processed", "processed", "batch finished");
        assertThat(producer.values("herd.unit._quarantine")).singleElement().satisfies(q -> assertThat(q)
                .contains("\"table\":\"tags\"", "\"op\":\"insert\"", "\"key\":{\"ID\":1}", "mysql-bin.000004:100/2#0",
                        "Kafka refused the tag record", "too large", "\"kind\":\"kafka-refused\""));
        assertThat(progress.published()).isEqualTo(1);
        assertThat(progress.quarantined()).isEqualTo(1);
    }

    @Test
    void untranslatableRowsAndTruncatesAreQuarantinedWhileTheRestFlows() throws Exception {
        ScriptedProducer producer = ScriptedProducer.acknowledging();
        pipeline(producer).handleBatch(batch(change("c", 1, "mood", 100), change("t", 0, "genre", 150),
                change("c", 2, "genre", 200)), new Committer(producer.log));

        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .containsExactlyInAnyOrder("herd.unit._quarantine", "herd.unit._quarantine", "herd.unit.tag");
        List<String> reasons = producer.values("herd.unit._quarantine");
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("unknown tag type code 'mood'", "TagType",
                "\"key\":{\"ID\":1}"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("\"op\":\"truncate\"",
                "TRUNCATE is not replicated"));
        assertThat(producer.log).endsWith("processed", "processed", "processed", "batch finished");
    }

    @Test
    void aChangeWithoutAColumnHerdReadsIsQuarantinedNamingItAndCountedWhileTheRestFlows() throws Exception {
        ScriptedProducer producer = ScriptedProducer.acknowledging();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        pipeline(producer, new QuarantineMetrics(progress, meters, "unit")).handleBatch(batch(renamedName(1, 100),
                change("c", 2, "genre", 150), renamedName(3, 200)), new Committer(producer.log));

        List<String> quarantined = producer.values("herd.unit._quarantine");
        assertThat(quarantined).hasSize(2).allSatisfy(q -> assertThat(q).contains("\"table\":\"tags\"",
                "\"kind\":\"missing-column\"", "\"column\":\"Name\"", "carries no column Name"));
        assertThat(quarantined.get(0)).contains("\"key\":{\"ID\":1}", "mysql-bin.000004:100/2#0");
        // No record with the field silently empty; the intact change flows.
        assertThat(producer.history()).filteredOn(r -> r.topic().equals("herd.unit.tag"))
                .extracting(r -> WireFormat.decode(r.value()).key().get("tag_id")).containsExactly(2L);
        assertThat(progress.quarantined()).isEqualTo(2);
        assertThat(meters.get(QuarantineMetrics.NAME).tag("side", "sidecar").tag("table", "tags")
                .tag("kind", QuarantineRecord.MISSING_COLUMN).counter().count()).isEqualTo(2.0);
        assertThat(producer.log).endsWith("processed", "processed", "processed", "batch finished");
    }

    @Test
    void theSnapshotIsReportedCompleteOnlyOnceItsLastBatchIsCommitted() throws Exception {
        ScriptedProducer producer = ScriptedProducer.acknowledging();
        RecordingListener listener = new RecordingListener();
        ChangePipeline pipeline = pipeline(producer, listener);
        SourceRecord last = change("r", 1, "genre", 100);
        ((org.apache.kafka.connect.data.Struct) last.value()).getStruct("source").put("snapshot", "last");

        pipeline.handleBatch(batch(change("r", 2, "genre", 100)), new Committer(producer.log));
        assertThat(listener.snapshotsCompleted).isZero();
        pipeline.handleBatch(List.of(event(last)), new Committer(producer.log));
        assertThat(listener.snapshotsCompleted).isEqualTo(1);
        assertThat(listener.rowChanges).hasSize(2);
    }

    @Test
    void aSigningSidecarPublishesEveryRecordSignedAtItsEpochAndTellsTheCheckpointsAfterTheCommit() throws Exception {
        ScriptedProducer producer = ScriptedProducer.acknowledging();
        List<String> told = new java.util.ArrayList<>();
        Acknowledgements acknowledgements = new Acknowledgements() {
            @Override
            public void acknowledged(List<EncodedRecord> records) {
                producer.log.add("acknowledged " + records.size());
                records.forEach(r -> told.add(r.statement().toString()));
            }

            @Override
            public void snapshotCompleted() {
                producer.log.add("snapshot completed");
            }
        };
        ChangePipeline pipeline = ChangePipeline.create(translator, SourceLookups.of(translator, () -> {
            throw new java.sql.SQLException("no database in this test");
        }), producer, "herd.unit", progress, org.herd.sidecar.trust.TestSigning.signing(2, 1024), acknowledgements);
        SourceRecord last = change("r", 3, "genre", 300);
        ((org.apache.kafka.connect.data.Struct) last.value()).getStruct("source").put("snapshot", "last");

        pipeline.handleBatch(batch(change("c", 1, "genre", 100), change("c", 2, "other", 200), last),
                new Committer(producer.log));

        assertThat(producer.log).containsExactly("send herd.unit.tag", "send herd.unit.tag", "send herd.unit.tag",
                "flush", "flush", "processed", "processed", "processed", "batch finished", "acknowledged 3",
                "snapshot completed");
        org.herd.trust.OriginVerifier verifier = org.herd.sidecar.trust.TestSigning.verifier(2);
        assertThat(producer.history()).hasSize(3).allSatisfy(r -> {
            org.herd.trust.RecordVerification v = org.herd.sidecar.trust.TestSigning.verify(verifier, r.key(),
                    r.value(), r.headers());
            assertThat(v.verified()).as(v.toString()).isTrue();
            assertThat(WireFormat.decode(r.value()).position().epoch()).isEqualTo(2);
        });
        assertThat(told).hasSize(3).first().asString().contains("unit epoch 2 tag upsert at mysql-bin.000004:100/2#0");
    }
}
