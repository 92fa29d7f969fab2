package org.herd.sidecar.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.RowChange;
import org.herd.translator.SourcePosition;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.Test;

/** Encode: the bytes are WireFormat's, the topic the entity's; what cannot be encoded goes aside. */
class EncodeStageTest {

    private static final SourcePosition AT = new SourcePosition("mysql-bin.000002", 77, 1, 0, false, 1);
    private static final RowChange TAG_CHANGE = RowChange.insert("tags", Map.of("ID", 5, "Name", "ambient",
            "TagType", "genre", "Uses", 2), AT);

    private final RecordingListener listener = new RecordingListener();
    private final EncodeStage encode = new EncodeStage("herd.unit", new Quarantine(ScriptedProducer.acknowledging(),
            "herd.unit", GazelleCatalogue.of(GazelleVariant.WHATCD), new MissingColumns("herd.unit._quarantine"),
            listener));

    private static NeutralRecord tag() {
        return NeutralRecord.upsert("tag", "unit", Map.of("tag_id", 5L), AT,
                Map.of("name", "ambient", "tag_type", "genre", "uses", 2L));
    }

    @Test
    void aRecordIsEncodedAsTheWireFormatHasItForItsEntitysTopic() {
        NeutralRecord record = tag();
        EncodedRecord encoded = encode.encode(new TranslatedRecord(record, TAG_CHANGE)).orElseThrow();

        assertThat(encoded.topic()).isEqualTo("herd.unit.tag");
        assertThat(encoded.key()).isEqualTo(WireFormat.encodeKey(record));
        assertThat(encoded.value()).isEqualTo(WireFormat.encode(record));
        assertThat(WireFormat.decode(encoded.value())).isEqualTo(record);
        assertThat(encoded.headers()).isEmpty();
        assertThat(encoded.facts()).isEqualTo(new RecordFacts("tag", Operation.UPSERT, Map.of("tag_id", 5L), AT, "tags",
                TAG_CHANGE.op(), Map.of("ID", TAG_CHANGE.after().get("ID"))));
        assertThat(encoded.size()).isEqualTo(encoded.key().length + encoded.value().length);
        assertThat(listener.quarantined).isEmpty();
    }

    @Test
    void aDeleteIsEncodedToo() {
        NeutralRecord delete = NeutralRecord.delete("tag", "unit", Map.of("tag_id", 5L), AT);
        EncodedRecord encoded = encode.encode(new TranslatedRecord(delete, RowChange.delete("tags",
                TAG_CHANGE.after(), AT))).orElseThrow();

        assertThat(encoded.value()).isEqualTo(WireFormat.encode(delete));
        assertThat(WireFormat.decode(encoded.value())).isEqualTo(delete);
    }

    @Test
    void aRecordThatCannotBeEncodedIsQuarantinedUnderItsRow() {
        NeutralRecord unknown = NeutralRecord.upsert("no_such_entity", "unit", Map.of("id", 1L), AT, Map.of());

        assertThat(encode.encode(new TranslatedRecord(unknown, TAG_CHANGE))).isEmpty();
        assertThat(listener.quarantined).singleElement().satisfies(q -> {
            assertThat(q.table()).isEqualTo("tags");
            assertThat(q.op()).isEqualTo("insert");
            assertThat(q.key()).isEqualTo(Map.of("ID", 5));
            assertThat(q.position()).isEqualTo(AT.toString());
            assertThat(q.kind()).isEqualTo(QuarantineRecord.DEFECT);
            assertThat(q.reason()).startsWith("could not translate or encode: ").contains("no topic for entity "
                    + "no_such_entity");
        });
    }

    @Test
    void aHeaderAddedAfterEncodingLeavesTheBytesAsTheyAreAndGoesToKafkaWithThem() {
        EncodedRecord encoded = encode.encode(new TranslatedRecord(tag(), TAG_CHANGE)).orElseThrow();
        byte[] signature = "sig".getBytes(StandardCharsets.UTF_8);
        EncodedRecord signed = encoded.withHeader("herd-signature", signature);

        assertThat(signed.key()).isSameAs(encoded.key());
        assertThat(signed.value()).isSameAs(encoded.value());
        assertThat(encoded.headers()).isEmpty();
        assertThat(signed.headers()).containsOnlyKeys("herd-signature");
        assertThat(signed.size()).isEqualTo(encoded.size() + "herd-signature".length() + signature.length);
        ProducerRecord<byte[], byte[]> sent = signed.toProducerRecord();
        assertThat(sent.topic()).isEqualTo("herd.unit.tag");
        assertThat(sent.key()).isSameAs(encoded.key());
        assertThat(sent.value()).isSameAs(encoded.value());
        assertThat(sent.headers().lastHeader("herd-signature").value()).isEqualTo(signature);
        assertThat(encoded.toProducerRecord().headers().toArray()).isEmpty();
    }
}
