package org.herd.sidecar.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
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

    private static final Schema TAG = SchemaBuilder.struct().name("tags.Value")
            .field("ID", Schema.INT32_SCHEMA).field("Name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("TagType", Schema.STRING_SCHEMA).field("Uses", Schema.INT32_SCHEMA).build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("source")
            .field("table", Schema.STRING_SCHEMA).field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA).field("row", Schema.INT32_SCHEMA)
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("Envelope")
            .field("op", Schema.STRING_SCHEMA).field("before", SchemaBuilder.struct().name("tags.Value")
                    .field("ID", Schema.INT32_SCHEMA).field("Name", Schema.OPTIONAL_STRING_SCHEMA)
                    .field("TagType", Schema.STRING_SCHEMA).field("Uses", Schema.INT32_SCHEMA).optional().build())
            .field("after", SchemaBuilder.struct().name("tags.Value")
                    .field("ID", Schema.INT32_SCHEMA).field("Name", Schema.OPTIONAL_STRING_SCHEMA)
                    .field("TagType", Schema.STRING_SCHEMA).field("Uses", Schema.INT32_SCHEMA).optional().build())
            .field("source", SOURCE).build();

    private final Translator translator = new Translator(new TranslatorSettings("unit", GazelleVariant.WHATCD));
    private final SidecarProgress progress = new SidecarProgress();

    /** A producer double whose acknowledgement of each record is decided by the test. */
    static final class ScriptedProducer extends MockProducer<byte[], byte[]> {
        private final Function<ProducerRecord<byte[], byte[]>, RuntimeException> failure;
        final List<String> log = new ArrayList<>();

        ScriptedProducer(Function<ProducerRecord<byte[], byte[]>, RuntimeException> failure) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.failure = failure;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
            log.add("send " + record.topic());
            RuntimeException e = failure.apply(record);
            if (e != null) {
                return CompletableFuture.failedFuture(e);
            }
            return super.send(record);
        }

        @Override
        public synchronized void flush() {
            log.add("flush");
            super.flush();
        }
    }

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

    private static RecordChangeEvent<SourceRecord> change(String op, int id, String tagType, long pos) {
        Struct row = new Struct(ENVELOPE.field("after").schema()).put("ID", id).put("Name", "idm")
                .put("TagType", tagType).put("Uses", 3);
        Struct source = new Struct(SOURCE).put("table", "tags").put("file", "mysql-bin.000004").put("pos", pos)
                .put("row", 0).put("snapshot", "false").put("ts_ms", 1L);
        Struct value = new Struct(ENVELOPE).put("op", op).put("source", source);
        if (!op.equals("t")) {
            value.put("after", row);
        }
        SourceRecord record = new SourceRecord(Map.of("server", "unit"), Map.of("file", "mysql-bin.000004",
                "pos", pos, "event", 2L), "unit.gazelle.tags", null, null, ENVELOPE, value);
        return () -> record;
    }

    private ChangePipeline pipeline(ScriptedProducer producer) {
        return ChangePipeline.create(translator, SourceLookups.of(translator, () -> {
            throw new java.sql.SQLException("no database in this test");
        }), producer, "herd.unit", progress);
    }

    @Test
    void offsetsAreMarkedOnlyAfterKafkaAcknowledgedTheBatch() throws Exception {
        ScriptedProducer producer = new ScriptedProducer(r -> null);
        pipeline(producer).handleBatch(List.of(change("c", 1, "genre", 100), change("c", 2, "other", 200)),
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
        assertThatThrownBy(() -> pipeline(producer).handleBatch(List.of(change("c", 1, "genre", 100)),
                new Committer(producer.log)))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("tag {tag_id=1} upsert at mysql-bin.000004:100/2#0")
                .hasMessageContaining("broker unreachable");
        assertThat(producer.log).doesNotContain("processed", "batch finished");
    }

    @Test
    void aRecordKafkaRefusesForGoodIsQuarantinedAndTheBatchGoesOn() throws Exception {
        ScriptedProducer producer = new ScriptedProducer(r -> r.topic().equals("herd.unit.tag")
                && WireFormat.decode(r.value()).key().get("tag_id").equals(1L)
                ? new RecordTooLargeException("too large") : null);
        pipeline(producer).handleBatch(List.of(change("c", 1, "genre", 100), change("c", 2, "genre", 200)),
                new Committer(producer.log));

        assertThat(producer.log).endsWith("processed", "processed", "batch finished");
        List<ProducerRecord<byte[], byte[]>> quarantine = producer.history().stream()
                .filter(r -> r.topic().equals("herd.unit._quarantine")).toList();
        assertThat(quarantine).singleElement().satisfies(q -> assertThat(new String(q.value(),
                StandardCharsets.UTF_8)).contains("\"table\":\"tags\"", "\"op\":\"insert\"", "\"key\":{\"ID\":1}",
                "mysql-bin.000004:100/2#0", "Kafka refused the tag record", "too large"));
        assertThat(progress.published()).isEqualTo(1);
        assertThat(progress.quarantined()).isEqualTo(1);
    }

    @Test
    void untranslatableRowsAndTruncatesAreQuarantinedWhileTheRestFlows() throws Exception {
        ScriptedProducer producer = new ScriptedProducer(r -> null);
        pipeline(producer).handleBatch(List.of(change("c", 1, "mood", 100), change("t", 0, "genre", 150),
                change("c", 2, "genre", 200)), new Committer(producer.log));

        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .containsExactlyInAnyOrder("herd.unit._quarantine", "herd.unit._quarantine", "herd.unit.tag");
        List<String> reasons = producer.history().stream().filter(r -> r.topic().endsWith("_quarantine"))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("unknown tag type code 'mood'", "TagType",
                "\"key\":{\"ID\":1}"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("\"op\":\"truncate\"", "TRUNCATE is not replicated"));
        assertThat(producer.log).endsWith("processed", "processed", "processed", "batch finished");
    }

    /** A change of tags after its Name column was renamed: Debezium's rows no longer carry it. */
    private static RecordChangeEvent<SourceRecord> renamedNameChange(int id, long pos) {
        Schema row = SchemaBuilder.struct().name("tags.Value").field("ID", Schema.INT32_SCHEMA)
                .field("TagType", Schema.STRING_SCHEMA).field("Uses", Schema.INT32_SCHEMA).optional().build();
        Schema envelope = SchemaBuilder.struct().name("Envelope").field("op", Schema.STRING_SCHEMA)
                .field("before", row).field("after", row).field("source", SOURCE).build();
        Struct source = new Struct(SOURCE).put("table", "tags").put("file", "mysql-bin.000004").put("pos", pos)
                .put("row", 0).put("snapshot", "false").put("ts_ms", 1L);
        Struct value = new Struct(envelope).put("op", "c").put("source", source)
                .put("after", new Struct(row).put("ID", id).put("TagType", "genre").put("Uses", 1));
        SourceRecord record = new SourceRecord(Map.of("server", "unit"), Map.of("file", "mysql-bin.000004",
                "pos", pos, "event", 2L), "unit.gazelle.tags", null, null, envelope, value);
        return () -> record;
    }

    @Test
    void aChangeWithoutAColumnHerdReadsIsQuarantinedNamingItAndCountedWhileTheRestFlows() throws Exception {
        ScriptedProducer producer = new ScriptedProducer(r -> null);
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        ChangePipeline pipeline = ChangePipeline.create(translator, SourceLookups.of(translator, () -> {
            throw new java.sql.SQLException("no database in this test");
        }), producer, "herd.unit", new QuarantineMetrics(progress, meters, "unit"));
        pipeline.handleBatch(List.of(renamedNameChange(1, 100), change("c", 2, "genre", 150),
                renamedNameChange(3, 200)), new Committer(producer.log));

        List<String> quarantined = producer.history().stream().filter(r -> r.topic().equals("herd.unit._quarantine"))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
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
}
