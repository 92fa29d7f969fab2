package org.herd.sidecar.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.sidecar.lookup.LookupFailures;
import org.herd.translator.Cascade;
import org.herd.translator.MissingColumnException;
import org.herd.translator.RowChange;
import org.herd.translator.SourcePosition;
import org.herd.translator.TranslationException;
import org.junit.jupiter.api.Test;

/**
 * The side exit: each kind of failure becomes the quarantine record docs/wire-format.md describes,
 * on {@code <prefix>._quarantine}, counted, and awaited with the batch.
 */
class QuarantineTest {

    private static final SourcePosition AT = new SourcePosition("mysql-bin.000005", 300, 2, 1, false, 1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScriptedProducer producer = ScriptedProducer.acknowledging();
    private final RecordingListener listener = new RecordingListener();
    private final Quarantine quarantine = quarantine(producer);

    private Quarantine quarantine(ScriptedProducer kafka) {
        return new Quarantine(kafka, "herd.unit", GazelleCatalogue.of(GazelleVariant.WHATCD),
                new MissingColumns("herd.unit._quarantine"), listener);
    }

    private static Map<String, Object> topicRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ID", 42L);
        row.put("ForumID", 3L);
        row.put("Title", "hello");
        return row;
    }

    private static final RowChange UPDATE = RowChange.update("forums_topics", topicRow(), topicRow(), AT);

    /** The one record quarantined, checked against what went to Kafka. */
    private QuarantineRecord only() throws Exception {
        assertThat(listener.quarantined).hasSize(1);
        QuarantineRecord q = listener.quarantined.get(0);
        assertThat(producer.history()).singleElement().satisfies(sent -> {
            assertThat(sent.topic()).isEqualTo("herd.unit._quarantine");
            assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo(q.table() + "@" + q.position());
            assertThat(sent.value()).isEqualTo(q.toJson());
        });
        JsonNode json = JSON.readTree(producer.history().get(0).value());
        assertThat(json.fieldNames()).toIterable().containsExactly("table", "op", "key", "position", "reason",
                "kind", "column");
        return q;
    }

    @Test
    void aValueTheMappingCannotReadIsATranslationFailureOfItsColumn() throws Exception {
        quarantine.change(UPDATE, new TranslationException("forums_topics", Map.of("ID", 42L), "IsLocked",
                "value 'x' is not a 0/1 flag", AT));

        QuarantineRecord q = only();
        assertThat(q).isEqualTo(new QuarantineRecord("forums_topics", "update", Map.of("ID", 42L), AT.toString(),
                "forums_topics {ID=42} column IsLocked: value 'x' is not a 0/1 flag at " + AT,
                QuarantineRecord.TRANSLATION, "IsLocked"));
    }

    @Test
    void aChangeWithoutAColumnIsAMissingColumn() throws Exception {
        quarantine.change(UPDATE, new MissingColumnException("forums_topics", Map.of("ID", 42L), "Title", AT));

        QuarantineRecord q = only();
        assertThat(q.kind()).isEqualTo(QuarantineRecord.MISSING_COLUMN);
        assertThat(q.column()).isEqualTo("Title");
        assertThat(q.key()).isEqualTo(Map.of("ID", 42L));
        assertThat(q.op()).isEqualTo("update");
        assertThat(q.reason()).contains("carries no column Title");
    }

    @Test
    void aLookupTheSchemaNoLongerAnswersIsASchemaFailureUnderTheRowsGazelleKey() throws Exception {
        quarantine.change(UPDATE, LookupFailures.schemaMismatch("forums", "MinClassRead"));

        QuarantineRecord q = only();
        assertThat(q).isEqualTo(new QuarantineRecord("forums_topics", "update", Map.of("ID", 42L), AT.toString(),
                "could not read forums for this change: the Gazelle database no longer matches what Herd reads from "
                        + "forums: Unknown column 'MinClassRead' in 'SELECT'", QuarantineRecord.SCHEMA, "MinClassRead"));
    }

    @Test
    void anythingElseIsADefect() throws Exception {
        quarantine.change(RowChange.delete("forums_topics", topicRow(), AT), new NullPointerException("no value"));

        QuarantineRecord q = only();
        assertThat(q).isEqualTo(new QuarantineRecord("forums_topics", "delete", Map.of("ID", 42L), AT.toString(),
                "could not translate or encode: java.lang.NullPointerException: no value", QuarantineRecord.DEFECT,
                null));
    }

    @Test
    void aRowACascadeNamedIsQuarantinedAsACascade() throws Exception {
        quarantine.cascadedRow(RowChange.read("forums_topics", topicRow(), AT),
                LookupFailures.schemaMismatch("forums", null));

        QuarantineRecord q = only();
        assertThat(q).isEqualTo(new QuarantineRecord("forums_topics", "cascade", Map.of("ID", 42L), AT.toString(),
                "could not read forums to translate this row: the Gazelle database no longer matches what Herd "
                        + "reads from forums: Table 'forums' doesn't exist", QuarantineRecord.SCHEMA, null));
    }

    @Test
    void aCascadeWhoseRowsCannotBeReadIsQuarantinedUnderItsWhere() throws Exception {
        quarantine.cascade(new Cascade("forums_posts", Map.of("TopicID", 42L)), UPDATE,
                LookupFailures.schemaMismatch("forums_posts", "Body"));

        QuarantineRecord q = only();
        assertThat(q).isEqualTo(new QuarantineRecord("forums_posts", "cascade", Map.of("TopicID", 42L),
                AT.toString(), "could not read the rows of forums_posts this change of forums_topics names: the "
                        + "Gazelle database no longer matches what Herd reads from forums_posts: Unknown column "
                        + "'Body' in 'SELECT'", QuarantineRecord.SCHEMA, "Body"));
    }

    @Test
    void aRecordKafkaRefusedIsQuarantinedUnderItsRow() throws Exception {
        EncodedRecord record = new EncodedRecord("herd.unit.forum_topic", new byte[3], new byte[7], Map.of(),
                RecordFacts.of(org.herd.translator.NeutralRecord.delete("forum_topic", "unit",
                        Map.of("forum_topic_id", 42L), AT), UPDATE, Map.of("ID", 42L)));
        quarantine.refused(record, new org.apache.kafka.common.errors.RecordTooLargeException("too large"));

        QuarantineRecord q = only();
        assertThat(q).isEqualTo(new QuarantineRecord("forums_topics", "update", Map.of("ID", 42L), AT.toString(),
                "Kafka refused the forum_topic record (10 bytes): too large", QuarantineRecord.KAFKA_REFUSED, null));
    }

    @Test
    void theBatchWaitsForTheQuarantineRecordsAndFailsIfKafkaDidNotTakeOne() throws Exception {
        quarantine.change(UPDATE, new NullPointerException());
        quarantine.awaitSent();
        assertThat(producer.log).containsExactly("send herd.unit._quarantine", "flush");

        ScriptedProducer down = new ScriptedProducer(r -> new TimeoutException("broker unreachable"));
        Quarantine unreachable = quarantine(down);
        unreachable.change(UPDATE, new NullPointerException());
        assertThatThrownBy(unreachable::awaitSent).isInstanceOf(PublishException.class)
                .hasMessageContaining("Kafka did not acknowledge a quarantine record").hasMessageContaining(
                        "broker unreachable");

        // Capture reads the failed batch again; what it left is not this batch's.
        unreachable.beginBatch();
        unreachable.awaitSent();
        assertThat(down.history()).extracting(ProducerRecord::topic).isEmpty();
    }
}
