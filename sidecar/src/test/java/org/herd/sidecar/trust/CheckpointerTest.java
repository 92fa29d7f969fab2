package org.herd.sidecar.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.herd.sidecar.publish.EncodedRecord;
import org.herd.sidecar.publish.RecordFacts;
import org.herd.testkit.TestRecords;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.herd.trust.BinlogPosition;
import org.herd.trust.Checkpoint;
import org.herd.trust.CheckpointVerification;
import org.herd.trust.DigestIndex;
import org.herd.trust.RecordStatement;
import org.herd.trust.RowsDigest;
import org.herd.trust.SignatureHeaders;
import org.junit.jupiter.api.Test;

/** Checkpoints state exactly what Kafka acknowledged, signed, and only when there is news. */
class CheckpointerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    /** Fails sends while {@link #down} is set. */
    static final class Producer extends MockProducer<byte[], byte[]> {
        final AtomicBoolean down = new AtomicBoolean();

        Producer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
            return down.get() ? CompletableFuture.failedFuture(new TimeoutException("broker unreachable"))
                    : super.send(record);
        }
    }

    private final SidecarSigning signing = TestSigning.signing(1, 1024);
    private final Producer producer = new Producer();
    private final Checkpointer checkpointer = new Checkpointer(signing, producer, "herd.unit", CLOCK);

    private List<EncodedRecord> signed(NeutralRecord... records) {
        return signing.sign(java.util.Arrays.stream(records).map(r -> new EncodedRecord("herd.unit." + r.entity(),
                WireFormat.encodeKey(r), WireFormat.encode(r), Map.of(), RecordFacts.of(r))).toList());
    }

    private static SourcePosition at(long pos) {
        return new SourcePosition(1, "mysql-bin.000007", pos, 1, 0, false, 0);
    }

    private Checkpoint published(int index) {
        ProducerRecord<byte[], byte[]> r = producer.history().get(index);
        assertThat(r.topic()).isEqualTo("herd.unit._checkpoints");
        CheckpointVerification v = TestSigning.verifier(1).verifyCheckpoint(r.value(),
                SignatureHeaders.collect(r.headers(), h -> h.key(), h -> h.value()));
        assertThat(v.verified()).as(v.toString()).isTrue();
        return v.checkpoint();
    }

    @Test
    void aCheckpointStatesTheAcknowledgedRowsAndTheHighestPosition() throws Exception {
        List<EncodedRecord> batch = signed(
                TestRecords.upsert("unit", NeutralSchema.TAG, 1, 1, at(300)),
                TestRecords.upsert("unit", NeutralSchema.TAG, 2, 1, at(500)),
                TestRecords.upsert("unit", NeutralSchema.ARTIST, 9, 1, at(400)),
                TestRecords.delete("unit", NeutralSchema.TAG, 1, at(450)));

        checkpointer.acknowledged(batch);
        Checkpoint c = checkpointer.publishIfChanged().orElseThrow();

        assertThat(published(0)).isEqualTo(c);
        assertThat(c.origin()).isEqualTo("unit");
        assertThat(c.epoch()).isEqualTo(1);
        assertThat(c.position()).isEqualTo(new BinlogPosition("mysql-bin.000007", 500, 1, 0));
        assertThat(c.snapshotComplete()).isFalse();
        assertThat(c.issuedAtMs()).isEqualTo(CLOCK.millis());
        // The same digests, recomputed from the statements alone.
        DigestIndex tags = new DigestIndex("tag");
        DigestIndex artists = new DigestIndex("artist");
        batch.forEach(r -> (r.statement().entity().equals("tag") ? tags : artists).apply(r.statement()));
        assertThat(c.entities()).containsEntry("tag", tags.value()).containsEntry("artist", artists.value())
                .containsEntry("release", new RowsDigest(0, RowsDigest.EMPTY))
                .hasSize(NeutralSchema.entities().size());
        assertThat(c.entities().get("tag").rows()).isEqualTo(1);
        assertThat(new String(producer.history().get(0).key(), StandardCharsets.UTF_8)).isEqualTo("unit");

        // Nothing new, nothing published.
        assertThat(checkpointer.publishIfChanged()).isEmpty();
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void aCompletedSnapshotIsCheckpointedAtOnce() {
        checkpointer.acknowledged(signed(TestRecords.upsert("unit", NeutralSchema.TAG, 1, 1, at(300))));

        checkpointer.snapshotCompleted();

        assertThat(published(0).snapshotComplete()).isTrue();
    }

    @Test
    void aCheckpointKafkaDidNotTakeIsTakenAgainSnapshotFlagIncluded() throws Exception {
        checkpointer.acknowledged(signed(TestRecords.upsert("unit", NeutralSchema.TAG, 1, 1, at(300))));
        producer.down.set(true);

        checkpointer.snapshotCompleted(); // logged, not thrown: the batch is committed already
        assertThatThrownBy(checkpointer::publishIfChanged).hasMessageContaining("broker unreachable");

        producer.down.set(false);
        Checkpoint again = checkpointer.publishIfChanged().orElseThrow();
        assertThat(again.snapshotComplete()).isTrue();
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void theTimerPublishesWhileRecordsArePublishedAndCloseTheLastOnes() {
        checkpointer.start();
        checkpointer.acknowledged(signed(TestRecords.upsert("unit", NeutralSchema.TAG, 1, 1, at(300))));
        await().atMost(Duration.ofSeconds(30)).until(() -> producer.history().size() == 1);

        checkpointer.acknowledged(signed(TestRecords.upsert("unit", NeutralSchema.TAG, 2, 1, at(600))));
        checkpointer.close();

        assertThat(producer.history()).hasSize(2);
        assertThat(published(1).position().pos()).isEqualTo(600);
    }

    @Test
    void rebuiltFromTheTopicsUnsignedRecordsCountAndOnlyThisEpochSetsThePosition() throws Exception {
        // As the topics hold them: an unsigned record from before (no epoch), a delete, this epoch's.
        String unsignedValue = "{\"format\":\"herd/1\",\"entity\":\"tag\",\"origin\":\"unit\",\"op\":\"upsert\","
                + "\"key\":{\"tag_id\":5},\"position\":{\"file\":\"mysql-bin.000900\",\"pos\":4,\"event\":1,"
                + "\"row\":0,\"snapshot\":false,\"ts_ms\":0},\"payload\":{\"name\":\"v5\",\"tag_type\":\"v5\",\"uses\":5}}";
        NeutralRecord deleted = TestRecords.delete("unit", NeutralSchema.TAG, 6,
                new SourcePosition("mysql-bin.000901", 4, 1, 0, false, 0));
        EncodedRecord current = signed(TestRecords.upsert("unit", NeutralSchema.TAG, 7, 1, at(100))).get(0);

        checkpointer.replay("tag", record("{\"tag_id\":5}".getBytes(StandardCharsets.UTF_8),
                unsignedValue.getBytes(StandardCharsets.UTF_8)));
        checkpointer.replay("tag", record(WireFormat.encodeKey(deleted), WireFormat.encode(
                TestRecords.upsert("unit", NeutralSchema.TAG, 6, 1, deleted.position()))));
        checkpointer.replay("tag", record(WireFormat.encodeKey(deleted), WireFormat.encode(deleted)));
        checkpointer.replay("tag", record(current.key(), current.value()));
        checkpointer.replay("tag", record(new byte[] {1}, null)); // a tombstone: not a Herd record
        checkpointer.replay("tag", record(new byte[] {1}, "not json".getBytes(StandardCharsets.UTF_8)));

        DigestIndex expected = new DigestIndex("tag");
        expected.apply(RecordStatement.read("{\"tag_id\":5}".getBytes(StandardCharsets.UTF_8),
                unsignedValue.getBytes(StandardCharsets.UTF_8)));
        expected.apply(current.statement());
        assertThat(checkpointer.digest("tag")).isEqualTo(expected.value());
        assertThat(checkpointer.highest()).contains(at(100));
        // Read back, nothing is new: no checkpoint until something is published.
        assertThat(checkpointer.publishIfChanged()).isEmpty();
        checkpointer.acknowledged(signed(TestRecords.upsert("unit", NeutralSchema.TAG, 8, 1, at(90))));
        assertThat(checkpointer.publishIfChanged().orElseThrow().position().pos()).isEqualTo(100);
    }

    @Test
    void theSnapshotOfANewEpochRetiresTheEarlierRowsItDidNotPublishAgain() throws Exception {
        SidecarSigning epoch2 = TestSigning.signing(2, 1024);
        Checkpointer successor = new Checkpointer(epoch2, producer, "herd.unit", CLOCK);
        // The topics as the predecessor left them: three live tags of epoch 1 and a deleted one.
        for (int id = 1; id <= 3; id++) {
            NeutralRecord r = TestRecords.upsert("unit", NeutralSchema.TAG, id, 1, at(100 + id));
            successor.replay("tag", record(WireFormat.encodeKey(r), WireFormat.encode(r)));
        }
        NeutralRecord gone = TestRecords.delete("unit", NeutralSchema.TAG, 4, at(200));
        successor.replay("tag", record(WireFormat.encodeKey(gone), WireFormat.encode(gone)));
        assertThat(successor.digest("tag").rows()).isEqualTo(3);

        // The successor's snapshot publishes tags 1 and 3 again (its site no longer holds tag 2), and a new 5.
        List<EncodedRecord> snapshot = epoch2.sign(java.util.stream.Stream.of(1, 3, 5)
                .map(id -> TestRecords.upsert("unit", NeutralSchema.TAG, id, 2,
                        new SourcePosition(2, "mysql-bin.000001", 10 + id, 1, 0, true, 0)))
                .map(r -> new EncodedRecord("herd.unit.tag", WireFormat.encodeKey(r), WireFormat.encode(r), Map.of(),
                        RecordFacts.of(r))).toList());
        successor.acknowledged(snapshot);
        Checkpoint during = successor.publishIfChanged().orElseThrow();
        assertThat(during.entities().get("tag").rows()).isEqualTo(4); // 1, 2, 3 and 5: tag 2 still counts
        assertThat(during.supersedesEarlierEpochs()).isFalse();

        successor.snapshotCompleted();

        Checkpoint closing = Checkpoint.decode(producer.history().get(1).value());
        DigestIndex expected = new DigestIndex("tag");
        snapshot.forEach(r -> expected.apply(r.statement()));
        assertThat(closing.snapshotComplete()).isTrue();
        assertThat(closing.supersedesEarlierEpochs()).isTrue();
        assertThat(closing.epoch()).isEqualTo(2);
        assertThat(closing.entities().get("tag")).isEqualTo(expected.value());
        // Every checkpoint of the epoch after it says so too.
        successor.acknowledged(epoch2.sign(List.of(new EncodedRecord("herd.unit.tag", WireFormat.encodeKey(
                TestRecords.upsert("unit", NeutralSchema.TAG, 6, 2, new SourcePosition(2, "mysql-bin.000001", 90, 1, 0,
                        false, 0))), WireFormat.encode(TestRecords.upsert("unit", NeutralSchema.TAG, 6, 2,
                        new SourcePosition(2, "mysql-bin.000001", 90, 1, 0, false, 0))), Map.of(),
                RecordFacts.of(TestRecords.upsert("unit", NeutralSchema.TAG, 6, 2, new SourcePosition(2,
                        "mysql-bin.000001", 90, 1, 0, false, 0)))))));
        Checkpoint later = successor.publishIfChanged().orElseThrow();
        assertThat(later.supersedesEarlierEpochs()).isTrue();
        assertThat(later.snapshotComplete()).isFalse();
        assertThat(later.entities().get("tag").rows()).isEqualTo(4);
    }

    @Test
    void rebuiltAfterTheEpochsSnapshotCompletedEarlierRowsAreLeftOut() throws Exception {
        SidecarSigning epoch2 = TestSigning.signing(2, 1024);
        Checkpointer restarted = new Checkpointer(epoch2, producer, "herd.unit", CLOCK);
        NeutralRecord old = TestRecords.upsert("unit", NeutralSchema.TAG, 1, 1, at(100));
        NeutralRecord retired = TestRecords.upsert("unit", NeutralSchema.TAG, 2, 1, at(101));
        NeutralRecord current = TestRecords.upsert("unit", NeutralSchema.TAG, 1, 2,
                new SourcePosition(2, "mysql-bin.000001", 10, 1, 0, true, 0));
        EncodedRecord signedCurrent = epoch2.sign(List.of(new EncodedRecord("herd.unit.tag",
                WireFormat.encodeKey(current), WireFormat.encode(current), Map.of(), RecordFacts.of(current)))).get(0);

        // What rebuild does before it reads the topics, when the stored offset says the snapshot completed.
        restarted.epochSnapshotDone(true);
        for (NeutralRecord r : List.of(old, retired)) {
            restarted.replay("tag", record(WireFormat.encodeKey(r), WireFormat.encode(r)));
        }
        restarted.replay("tag", record(signedCurrent.key(), signedCurrent.value()));

        DigestIndex expected = new DigestIndex("tag");
        expected.apply(signedCurrent.statement());
        assertThat(restarted.digest("tag")).isEqualTo(expected.value());
        restarted.acknowledged(List.of());
        restarted.snapshotCompleted();
        assertThat(Checkpoint.decode(producer.history().get(0).value()).supersedesEarlierEpochs()).isTrue();
    }

    @Test
    void anUnsignedSidecarHasNoCheckpointer() {
        assertThatThrownBy(() -> new Checkpointer(SidecarSigning.unsigned(), producer, "herd.unit", CLOCK))
                .hasMessageContaining("publishes no checkpoints");
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>("herd.unit.tag", 0, 0, key, value);
    }
}
