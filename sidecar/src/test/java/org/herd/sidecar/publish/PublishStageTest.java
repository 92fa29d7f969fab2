package org.herd.sidecar.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.NeutralRecord;
import org.herd.translator.RowChange;
import org.herd.translator.SourcePosition;
import org.junit.jupiter.api.Test;

/** Publish: sent as they come, counted once acknowledged; refused for good aside, may pass fails. */
class PublishStageTest {

    private static final SourcePosition AT = new SourcePosition("mysql-bin.000003", 120, 4, 0, false, 1);

    private final RecordingListener listener = new RecordingListener();

    private static EncodedRecord tag(long id) {
        NeutralRecord record = NeutralRecord.upsert("tag", "unit", Map.of("tag_id", id), AT, Map.of("name", "t" + id));
        return new EncodedRecord("herd.unit.tag", ("k" + id).getBytes(StandardCharsets.UTF_8),
                ("v" + id).getBytes(StandardCharsets.UTF_8), Map.of(), RecordFacts.of(record,
                        RowChange.insert("tags", Map.of("ID", (int) id, "Name", "t" + id), AT), Map.of("ID", (int) id)));
    }

    private PublishStage publish(ScriptedProducer producer) {
        return new PublishStage(producer, new Quarantine(producer, "herd.unit", GazelleCatalogue.of(GazelleVariant.WHATCD),
                new MissingColumns("herd.unit._quarantine"), listener), listener);
    }

    @Test
    void recordsGoOutAsTheyComeAndCountOnlyOnceKafkaAcknowledgedThem() throws Exception {
        ScriptedProducer producer = ScriptedProducer.acknowledging();
        PublishStage publish = publish(producer);
        publish.beginBatch();
        publish.send(tag(1));
        publish.send(tag(2).withHeader("herd-signature", new byte[] {1, 2}));
        assertThat(listener.published).isEmpty();

        publish.awaitAcknowledgements();

        assertThat(producer.log).containsExactly("send herd.unit.tag", "send herd.unit.tag", "flush");
        assertThat(producer.history()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("k1", "k2");
        assertThat(producer.history().get(1).headers().lastHeader("herd-signature").value())
                .containsExactly(1, 2);
        assertThat(listener.published).extracting(r -> r.key().get("tag_id")).containsExactly(1L, 2L);
    }

    @Test
    void aRecordKafkaRefusesForGoodIsQuarantinedNamingItsRowAndSize() throws Exception {
        ScriptedProducer producer = new ScriptedProducer(r -> r.topic().equals("herd.unit.tag")
                && new String(r.key(), StandardCharsets.UTF_8).equals("k1")
                ? new RecordTooLargeException("The message is 20000000 bytes when serialized") : null);
        PublishStage publish = publish(producer);
        publish.beginBatch();
        publish.send(tag(1));
        publish.send(tag(2));
        publish.awaitAcknowledgements();

        assertThat(listener.published).extracting(r -> r.key().get("tag_id")).containsExactly(2L);
        assertThat(listener.quarantined).singleElement().satisfies(q -> {
            assertThat(q.table()).isEqualTo("tags");
            assertThat(q.op()).isEqualTo("insert");
            assertThat(q.key()).isEqualTo(Map.of("ID", 1));
            assertThat(q.position()).isEqualTo(AT.toString());
            assertThat(q.kind()).isEqualTo(QuarantineRecord.KAFKA_REFUSED);
            assertThat(q.reason()).isEqualTo("Kafka refused the tag record (4 bytes): The message is 20000000 bytes "
                    + "when serialized");
        });
        assertThat(producer.log).endsWith("send herd.unit._quarantine");
    }

    @Test
    void aFailureThatMayPassFailsTheBatchNamingTheRecord() {
        ScriptedProducer producer = new ScriptedProducer(r -> new NotEnoughReplicasException("1 of 3 in sync"));
        PublishStage publish = publish(producer);
        publish.beginBatch();
        publish.send(tag(1));

        assertThatThrownBy(publish::awaitAcknowledgements).isInstanceOf(PublishException.class)
                .hasMessage("Kafka did not acknowledge tag {tag_id=1} upsert at " + AT + ": "
                        + new NotEnoughReplicasException("1 of 3 in sync"));
        assertThat(listener.published).isEmpty();
        assertThat(listener.quarantined).isEmpty();
    }

    @Test
    void theNextBatchForgetsWhatAFailedOneLeftOnItsWay() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean reachable = new java.util.concurrent.atomic.AtomicBoolean();
        ScriptedProducer producer = new ScriptedProducer(r -> reachable.get() ? null : new TimeoutException("down"));
        PublishStage publish = publish(producer);
        publish.beginBatch();
        publish.send(tag(1));
        assertThatThrownBy(publish::awaitAcknowledgements).isInstanceOf(PublishException.class);

        reachable.set(true);
        publish.beginBatch();
        publish.send(tag(2));
        publish.awaitAcknowledgements();

        assertThat(listener.published).extracting(r -> r.key().get("tag_id")).containsExactly(2L);
    }

    @Test
    void onlyWhatARetryCannotCureIsPermanent() {
        assertThat(PublishStage.isPermanent(new RecordTooLargeException("x"))).isTrue();
        assertThat(PublishStage.isPermanent(new RecordBatchTooLargeException("x"))).isTrue();
        assertThat(PublishStage.isPermanent(new InvalidRecordException("x"))).isTrue();
        assertThat(PublishStage.isPermanent(new TimeoutException("x"))).isFalse();
        assertThat(PublishStage.isPermanent(new NotEnoughReplicasException("x"))).isFalse();
    }
}
