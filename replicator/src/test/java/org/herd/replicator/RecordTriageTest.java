package org.herd.replicator;

import org.herd.testkit.Jdbc;
import org.herd.testkit.TestRecords;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.herd.translator.NeutralRecord;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.Test;

class RecordTriageTest {

    private final RecordTriage triage = new RecordTriage("site", new MirrorTopics("herd.site"));
    private final List<ConsumerRecord<byte[], byte[]>> polled = new ArrayList<>();

    private void add(String topic, int partition, long offset, byte[] key, byte[] value) {
        polled.add(new ConsumerRecord<>(topic, partition, offset, key, value));
    }

    private void add(String topic, int partition, long offset, NeutralRecord r) {
        add(topic, partition, offset, WireFormat.encodeKey(r), WireFormat.encode(r));
    }

    @Test
    void goodRecordsPassWithTheirCoordinates() {
        NeutralRecord artist = TestRecords.artist("site", 1, "A", TestRecords.at(4));
        NeutralRecord tag = TestRecords.upsert("site", NeutralSchema.TAG, 7, 1, TestRecords.at(5));
        add("herd.site.artist", 0, 10, artist);
        add("herd.site.tag", 2, 3, tag);

        MirrorBatch batch = triage.triage(polled);

        assertThat(batch.quarantined()).isEmpty();
        assertThat(batch.records()).extracting(IncomingRecord::record).containsExactly(artist, tag);
        assertThat(batch.records().get(1).where()).isEqualTo("topic herd.site.tag partition 2 offset 3");
    }

    @Test
    void nextOffsetsCoverEveryRecordReadQuarantinedOrNot() {
        add("herd.site.artist", 0, 10, TestRecords.artist("site", 1, "A", TestRecords.at(4)));
        add("herd.site.artist", 0, 11, null, "garbage".getBytes(StandardCharsets.UTF_8));
        add("herd.site.artist", 1, 5, TestRecords.artist("site", 2, "B", TestRecords.at(4)));

        MirrorBatch batch = triage.triage(polled);

        assertThat(batch.nextOffsets()).containsOnly(
                java.util.Map.entry(new TopicPartition("herd.site.artist", 0), 12L),
                java.util.Map.entry(new TopicPartition("herd.site.artist", 1), 6L));
    }

    @Test
    void aNewerFormatIsToldApartFromGarbageAndWrongTopicsAndOriginsAreNamed() {
        NeutralRecord artist = TestRecords.artist("site", 1, "A", TestRecords.at(4));
        byte[] newer = new String(WireFormat.encode(artist), StandardCharsets.UTF_8)
                .replace(WireFormat.FORMAT, "herd/99").getBytes(StandardCharsets.UTF_8);
        add("herd.site.artist", 0, 1, WireFormat.encodeKey(artist), newer);
        add("herd.site.artist", 0, 2, null, "{not json".getBytes(StandardCharsets.UTF_8));
        add("herd.site.tag", 0, 3, artist);
        add("herd.site.artist", 0, 4, TestRecords.artist("elsewhere", 1, "A", TestRecords.at(4)));

        MirrorBatch batch = triage.triage(polled);

        assertThat(batch.records()).isEmpty();
        assertThat(batch.quarantined()).extracting(QuarantinedRecord::kind).containsExactly(
                QuarantinedRecord.UNSUPPORTED_FORMAT, QuarantinedRecord.UNDECODABLE);
        // Records that do not belong to this mirror are refused, not quarantined: no replay can apply them.
        assertThat(batch.rejected()).extracting(RejectedRecord::reason).containsExactly(RejectedRecord.WRONG_TOPIC,
                "wrong_origin");
    }

    @Test
    void garbageIsQuarantinedByteForByteWithItsCoordinates() {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);
        add("herd.site.release", 3, 42, key, value);

        MirrorBatch batch = triage.triage(polled);

        assertThat(batch.records()).isEmpty();
        QuarantinedRecord q = batch.quarantined().get(0);
        assertThat(q.topic()).isEqualTo("herd.site.release");
        assertThat(q.partition()).isEqualTo(3);
        assertThat(q.offset()).isEqualTo(42);
        assertThat(q.key()).isEqualTo(key);
        assertThat(q.value()).isEqualTo(value);
        assertThat(q.reason()).startsWith("undecodable record at topic herd.site.release partition 3 offset 42: ");
    }

    @Test
    void nullValueIsQuarantined() {
        add("herd.site.artist", 0, 1, new byte[] {1}, null);

        assertThat(triage.triage(polled).quarantined()).singleElement()
                .satisfies(q -> assertThat(q.reason()).contains("offset 1").contains("null value"));
    }

    @Test
    void unknownEntityIsQuarantined() {
        String json = new String(WireFormat.encode(TestRecords.artist("site", 1, "A", TestRecords.at(4))),
                StandardCharsets.UTF_8).replace("\"entity\":\"artist\"", "\"entity\":\"playlist\"");
        add("herd.site.artist", 0, 9, null, json.getBytes(StandardCharsets.UTF_8));

        assertThat(triage.triage(polled).quarantined()).singleElement()
                .satisfies(q -> assertThat(q.reason()).contains("offset 9").contains("unknown entity 'playlist'"));
    }

    @Test
    void recordOfAnotherOriginIsRefusedNamingBoth() {
        add("herd.site.artist", 0, 9, TestRecords.artist("other", 1, "A", TestRecords.at(4)));

        assertThat(triage.triage(polled).rejected()).singleElement()
                .satisfies(q -> assertThat(q.detail())
                        .contains("origin 'other'").contains("origin 'site'")
                        .contains("artist {artist_id=1} upsert at mysql-bin.000001:4/0#0")
                        .contains("topic herd.site.artist partition 0 offset 9")
                        .doesNotContain("\"A\""));
    }

    @Test
    void recordOnAnotherEntitysTopicIsRefused() {
        add("herd.site.tag", 0, 9, TestRecords.artist("site", 1, "A", TestRecords.at(4)));

        assertThat(triage.triage(polled).rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectedRecord.WRONG_TOPIC);
            assertThat(r.detail()).contains("entity 'artist' on topic herd.site.tag");
            assertThat(r.entity()).isEqualTo("artist");
            assertThat(r.entityKey()).isEqualTo("{\"artist_id\":1}");
        });
    }

    @Test
    void aRecordThatIsNotVerifiedKeepsWhatArrivedAndTheFingerprintOfIt() {
        NeutralRecord artist = TestRecords.artist("site", 1, "A", TestRecords.at(4));
        add("herd.site.artist", 0, 1, artist);

        IncomingRecord in = triage.triage(polled).records().get(0);

        assertThat(in.signature()).isNull();
        assertThat(in.value()).isEqualTo(WireFormat.encode(artist));
        assertThat(in.fingerprint()).isEqualTo(org.herd.trust.Fingerprints.row(WireFormat.encodeKey(artist), 0,
                new org.herd.trust.BinlogPosition(TestRecords.BINLOG, 4, 0, 0),
                RecordTriage.sha256(WireFormat.encode(artist))));
    }
}
