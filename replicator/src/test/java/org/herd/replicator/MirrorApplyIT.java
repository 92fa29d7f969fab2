package org.herd.replicator;

import org.herd.testkit.Jdbc;
import org.herd.testkit.TestRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.translator.FileEntry;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The mirror against real Kafka and PostgreSQL: records produced as the sidecar produces them,
 * rows asserted in the mirror's tables.
 */
class MirrorApplyIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private MirrorHarness mirror;

    @BeforeAll
    static void servers() {
        ItServers.kafka();
        ItServers.postgres();
    }

    private MirrorHarness harness(TestInfo test) {
        mirror = new MirrorHarness(ItServers.kafka(), ItServers.postgres(), test.getTestMethod().orElseThrow()
                .getName().replaceAll("[^A-Za-z0-9]", "").substring(0, 12));
        return mirror;
    }

    @AfterEach
    void closeMirror() {
        if (mirror != null) {
            mirror.close();
        }
    }

    private static SourcePosition at(long pos) {
        return TestRecords.at(pos);
    }

    /** The row a record should leave behind, in the table's column names and JDBC types. */
    private static Map<String, Object> expectedRow(NeutralRecord r) {
        EntityType entity = NeutralSchema.entity(r.entity()).orElseThrow();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("origin", r.origin());
        row.putAll(r.key());
        boolean delete = r.op() == org.herd.translator.Operation.DELETE;
        entity.payloadFields().forEach(f -> row.put(f.name(), delete ? null : r.payload().get(f.name())));
        row.put("src_epoch", r.position().epoch());
        row.put("src_file_seq", r.position().fileSequence());
        row.put("src_pos", r.position().pos());
        row.put("src_event", r.position().event());
        row.put("src_row", r.position().row());
        row.put("deleted", delete);
        return row;
    }

    /** Records the mirror has settled: applied, not newer than their row, or refused (an older version read later). */
    private static long settled(MirrorHarness h) {
        MirrorProgress p = h.progress();
        return p.applied() + p.notNewer() + p.rejected();
    }

    /** The row without applied_at and the record it was written from (compared on their own). */
    private static Map<String, Object> withoutAppliedAt(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.remove("applied_at");
        copy.remove("src_fp");
        copy.remove("src_value");
        copy.remove("src_signature");
        return copy;
    }

    private Map<String, Object> row(EntityType entity, long id) {
        List<Object> key = new ArrayList<>(TestRecords.key(entity, id).values());
        Map<String, Object> row = mirror.rows(entity).get(key);
        return row == null ? null : withoutAppliedAt(row);
    }

    /** The record a row was last written from, as it arrived (a mirror that does not verify: unsigned). */
    private void assertRecordKept(EntityType entity, long id, NeutralRecord r) {
        Map<String, Object> row = mirror.rows(entity).get(new ArrayList<>(TestRecords.key(entity, id).values()));
        assertThat((byte[]) row.get("src_value")).as(r.describe()).isEqualTo(WireFormat.encode(r));
        assertThat(row.get("src_signature")).as(r.describe()).isNull();
        assertThat(row.get("src_fp")).as(r.describe()).isEqualTo(org.herd.trust.Fingerprints.row(
                WireFormat.encodeKey(r), r.position().epoch(), new org.herd.trust.BinlogPosition(r.position().file(),
                        r.position().pos(), r.position().event(), r.position().row()),
                RecordTriage.sha256(WireFormat.encode(r))));
    }

    @Test
    void upsertsOfEveryEntityArriveWithEveryField(TestInfo test) {
        MirrorHarness h = harness(test).withTopics(2);
        List<NeutralRecord> records = new ArrayList<>();
        long pos = 100;
        for (EntityType e : NeutralSchema.entities()) {
            records.add(TestRecords.upsert(h.origin, e, 1, 11, at(pos++)));
            records.add(TestRecords.upsert(h.origin, e, 2, 12, TestRecords.at("mysql-bin.000002", pos++, 3)));
        }
        h.send(records);

        h.startMirror();

        await().atMost(PATIENCE).until(() -> h.progress().applied() == records.size());
        for (int i = 0; i < records.size(); i++) {
            NeutralRecord r = records.get(i);
            EntityType e = NeutralSchema.entity(r.entity()).orElseThrow();
            // Ids 1 and 2 in turn, as sent; a key may be text, so it is not read back from the record.
            assertThat(row(e, i % 2 + 1)).as(r.describe()).isEqualTo(expectedRow(r));
            assertRecordKept(e, i % 2 + 1, r);
        }
        assertThat(h.progress().appliedByEntity()).hasSize(NeutralSchema.entities().size())
                .allSatisfy((entity, count) -> assertThat(count).isEqualTo(2));
        assertThat(h.count("SELECT count(*) FROM herd.artist_live")).isEqualTo(2);
    }

    @Test
    void duplicateAndOlderReplayChangeNothing(TestInfo test) {
        MirrorHarness h = harness(test).withTopics(1);
        NeutralRecord v2 = TestRecords.upsert(h.origin, NeutralSchema.RELEASE, 5, 2, at(200));
        h.send(v2);
        h.startMirror();
        await().atMost(PATIENCE).until(() -> h.progress().applied() == 1);
        Object appliedAt = h.query("SELECT applied_at FROM herd.release").get(0).get("applied_at");

        h.send(v2, TestRecords.upsert(h.origin, NeutralSchema.RELEASE, 5, 1, at(100)),
                TestRecords.upsert(h.origin, NeutralSchema.RELEASE, 5, 3, TestRecords.at("mysql-bin.000001", 200, 0)));

        // The same position again is a duplicate; an older version after the newer one is a replay,
        // refused as stale.
        await().atMost(PATIENCE).until(() -> h.progress().notNewer() + h.progress().rejected() == 3);
        assertThat(h.progress().rejectedByReason()).containsExactly(java.util.Map.entry("stale", 1L));
        assertThat(h.progress().applied()).isEqualTo(1);
        assertThat(row(NeutralSchema.RELEASE, 5)).isEqualTo(expectedRow(v2));
        assertThat(h.query("SELECT applied_at FROM herd.release").get(0).get("applied_at")).isEqualTo(appliedAt);
    }

    @Test
    void rowInABatchIsDecidedByPositionNotArrivalOrder(TestInfo test) {
        MirrorHarness h = harness(test).withTopics(1);
        NeutralRecord newest = TestRecords.upsert(h.origin, NeutralSchema.TAG, 1, 3, TestRecords.at("mysql-bin.000002",
                4, 0));
        // Same binlog offset in an older file, then a later row of the same event: file sequence wins.
        h.send(newest, TestRecords.upsert(h.origin, NeutralSchema.TAG, 1, 1, TestRecords.at("mysql-bin.000001",
                999_999, 7)), TestRecords.upsert(h.origin, NeutralSchema.TAG, 2, 1, TestRecords.at("mysql-bin.000002",
                50, 1)), TestRecords.upsert(h.origin, NeutralSchema.TAG, 2, 2, TestRecords.at("mysql-bin.000002", 50, 2)));
        h.startMirror();

        await().atMost(PATIENCE).until(() -> settled(h) == 4);
        assertThat(row(NeutralSchema.TAG, 1)).isEqualTo(expectedRow(newest));
        assertThat(row(NeutralSchema.TAG, 2)).containsEntry("uses", 2L).containsEntry("src_row", 2);
    }

    @Test
    void changesOfOneTransactionAreOrderedByEventThenRow(TestInfo test) {
        MirrorHarness h = harness(test).withTopics(1);
        // Debezium gives every change of a transaction the transaction's start position; the
        // event index orders them, and only then the row within the event.
        NeutralRecord later = TestRecords.upsert(h.origin, NeutralSchema.TAG, 1, 2,
                TestRecords.at("mysql-bin.000003", 500, 3, 0));
        h.send(later);
        h.startMirror();
        await().atMost(PATIENCE).until(() -> h.progress().applied() == 1);

        // Applied in a later batch, so the database's guard decides, not the batch's own ordering.
        h.send(TestRecords.upsert(h.origin, NeutralSchema.TAG, 1, 1, TestRecords.at("mysql-bin.000003", 500, 2, 9)));
        await().atMost(PATIENCE).until(() -> h.progress().rejectedByReason().getOrDefault("stale", 0L) == 1);
        assertThat(row(NeutralSchema.TAG, 1)).isEqualTo(expectedRow(later));

        NeutralRecord delete = TestRecords.delete(h.origin, NeutralSchema.TAG, 1, TestRecords.at("mysql-bin.000003",
                500, 3, 1));
        h.send(delete);
        await().atMost(PATIENCE).until(() -> h.progress().deletes() == 1);
        assertThat(row(NeutralSchema.TAG, 1)).isEqualTo(expectedRow(delete)).containsEntry("src_event", 3L);
    }

    @Test
    void aHigherEpochOrdersAfterEveryPositionOfALowerOne(TestInfo test) {
        MirrorHarness h = harness(test).withTopics(1);
        NeutralRecord before = TestRecords.upsert(h.origin, NeutralSchema.TAG, 1, 1,
                new SourcePosition(1, "mysql-bin.000950", 900_000, 4, 0, false, 0));
        h.send(before);
        h.startMirror();
        await().atMost(PATIENCE).until(() -> h.progress().applied() == 1);

        // A successor origin on another server: binlog names start again, under a higher epoch.
        NeutralRecord successor = TestRecords.upsert(h.origin, NeutralSchema.TAG, 1, 2,
                new SourcePosition(2, "mariadb-bin.000001", 4, 0, 0, true, 0));
        h.send(successor);
        await().atMost(PATIENCE).until(() -> h.progress().applied() == 2);
        assertThat(row(NeutralSchema.TAG, 1)).isEqualTo(expectedRow(successor)).containsEntry("src_epoch", 2L);

        // The predecessor's later changes, replayed, and an unsigned record change nothing.
        h.send(TestRecords.upsert(h.origin, NeutralSchema.TAG, 1, 3,
                        new SourcePosition(1, "mysql-bin.000951", 4, 1, 0, false, 0)),
                TestRecords.upsert(h.origin, NeutralSchema.TAG, 1, 4, TestRecords.at("mysql-bin.000999", 4, 0)));
        await().atMost(PATIENCE).until(() -> h.progress().rejectedByReason().getOrDefault("stale", 0L) == 2);
        assertThat(row(NeutralSchema.TAG, 1)).isEqualTo(expectedRow(successor));
    }

    @Test
    void deleteSurvivesAnOlderReplayAndANewerUpsertRevives(TestInfo test) {
        MirrorHarness h = harness(test).withTopics(1);
        EntityType group = NeutralSchema.RELEASE_GROUP;
        h.send(TestRecords.upsert(h.origin, group, 9, 1, at(100)));
        h.startMirror();
        await().atMost(PATIENCE).until(() -> h.progress().applied() == 1);

        NeutralRecord delete = TestRecords.delete(h.origin, group, 9, at(200));
        h.send(delete);
        await().atMost(PATIENCE).until(() -> h.progress().deletes() == 1);
        assertThat(row(group, 9)).isEqualTo(expectedRow(delete));
        assertThat(h.count("SELECT count(*) FROM herd.release_group_live")).isZero();

        h.send(TestRecords.upsert(h.origin, group, 9, 1, at(100)), TestRecords.upsert(h.origin, group, 9, 4, at(150)),
                delete);
        await().atMost(PATIENCE).until(() -> h.progress().notNewer() + h.progress().rejected() == 3);
        assertThat(row(group, 9)).isEqualTo(expectedRow(delete));

        NeutralRecord revived = TestRecords.upsert(h.origin, group, 9, 5, at(300));
        h.send(revived);
        await().atMost(PATIENCE).until(() -> h.progress().applied() == 3);
        assertThat(row(group, 9)).isEqualTo(expectedRow(revived));
        assertThat(h.count("SELECT count(*) FROM herd.release_group_live")).isOne();
    }

    @Test
    void deleteOfARowNeverSeenLeavesATombstoneThatGuardsIt(TestInfo test) {
        MirrorHarness h = harness(test).withTopics(1);
        // A late mirror may read the delete before (compaction removed) or without the upsert.
        NeutralRecord delete = TestRecords.delete(h.origin, NeutralSchema.ARTIST_ALIAS, 3, at(500));
        h.send(delete, TestRecords.upsert(h.origin, NeutralSchema.ARTIST_ALIAS, 3, 1, at(400)));
        h.startMirror();

        await().atMost(PATIENCE).until(() -> settled(h) == 2);
        assertThat(row(NeutralSchema.ARTIST_ALIAS, 3)).isEqualTo(expectedRow(delete));
    }

    @Test
    void badRecordsAreQuarantinedOrRefusedAndTheStreamGoesOn(TestInfo test) {
        MirrorHarness h = harness(test).withTopics(1);
        String artistTopic = h.topic("artist");
        byte[] garbage = {(byte) 0xff, 0x00, 'x'};
        byte[] unknownEntity = new String(WireFormat.encode(TestRecords.artist(h.origin, 1, "A", at(10))),
                StandardCharsets.UTF_8).replace("\"entity\":\"artist\"", "\"entity\":\"playlist\"")
                .getBytes(StandardCharsets.UTF_8);
        NeutralRecord foreign = TestRecords.artist("elsewhere", 2, "B", at(11));
        // PostgreSQL text cannot hold NUL; JSON can. The record is rejected by the database alone.
        NeutralRecord nul = TestRecords.artist(h.origin, 3, "zq\u0000xv", at(12));
        NeutralRecord good = TestRecords.artist(h.origin, 4, "D", at(13));
        h.sendRaw(artistTopic, "k".getBytes(StandardCharsets.UTF_8), garbage);
        // Compacted topics refuse records without a key.
        h.sendRaw(artistTopic, "{\"playlist_id\":1}".getBytes(StandardCharsets.UTF_8), unknownEntity);
        h.send(foreign, nul, good);
        h.startMirror();

        await().atMost(PATIENCE).until(() -> h.progress().applied() == 1 && h.progress().quarantined() == 3
                && h.progress().rejected() == 1);
        assertThat(row(NeutralSchema.ARTIST, 4)).isEqualTo(expectedRow(good));
        // Another origin's record does not belong to this mirror: refused, not quarantined.
        assertThat(h.query("SELECT \"offset\", reason, detail FROM herd.reject")).singleElement().satisfies(r -> {
            assertThat(r.get("offset")).isEqualTo(2L);
            assertThat(r.get("reason")).isEqualTo("wrong_origin");
            assertThat((String) r.get("detail")).contains("origin 'elsewhere'");
        });
        List<Map<String, Object>> q = h.query(
                "SELECT topic, \"partition\", \"offset\", record_key, record_value, reason FROM herd.quarantine"
                        + " ORDER BY \"offset\"");
        assertThat(q).extracting(r -> r.get("offset")).containsExactly(0L, 1L, 3L);
        assertThat(q).allSatisfy(r -> {
            assertThat(r.get("topic")).isEqualTo(artistTopic);
            assertThat((String) r.get("reason")).contains("topic " + artistTopic + " partition 0 offset " + r.get("offset"));
        });
        assertThat((byte[]) q.get(0).get("record_value")).isEqualTo(garbage);
        assertThat((String) q.get(0).get("reason")).startsWith("undecodable record");
        assertThat((byte[]) q.get(1).get("record_value")).isEqualTo(unknownEntity);
        assertThat((String) q.get(1).get("reason")).contains("unknown entity 'playlist'");
        assertThat((String) q.get(2).get("reason")).contains("PostgreSQL rejected artist {artist_id=3} upsert at "
                + "mysql-bin.000001:12/0#0").contains("SQLSTATE 22").doesNotContain("zq");
        assertThat(h.count("SELECT count(*) FROM herd.artist")).isOne();
    }

    @Test
    void fileListsAreStoredAsJsonbAndOneJsonbCannotHoldIsQuarantined(TestInfo test) {
        MirrorHarness h = harness(test).withTopics(1);
        Map<String, Object> payload = TestRecords.payload(NeutralSchema.RELEASE, 5);
        payload.put("files", List.of(new FileEntry("CD1/01 - Ñoño \"live\" ÷.flac", 31_457_280L),
                new FileEntry("huge.iso", Long.MAX_VALUE), new FileEntry("", 0L)));
        NeutralRecord good = NeutralRecord.upsert("release", h.origin, TestRecords.key(NeutralSchema.RELEASE, 1),
                at(10), payload);
        // jsonb, like text, cannot hold NUL: the batch falls back to one statement per record.
        Map<String, Object> nulPayload = TestRecords.payload(NeutralSchema.RELEASE, 6);
        nulPayload.put("files", List.of(new FileEntry("a\u0000b.flac", 1L)));
        NeutralRecord nul = NeutralRecord.upsert("release", h.origin, TestRecords.key(NeutralSchema.RELEASE, 2),
                at(11), nulPayload);
        Map<String, Object> emptyPayload = TestRecords.payload(NeutralSchema.RELEASE, 7);
        emptyPayload.put("files", List.of());
        NeutralRecord empty = NeutralRecord.upsert("release", h.origin, TestRecords.key(NeutralSchema.RELEASE, 3),
                at(12), emptyPayload);
        h.send(good, nul, empty);
        h.startMirror();

        await().atMost(PATIENCE).until(() -> h.progress().applied() == 2 && h.progress().quarantined() == 1);
        assertThat(row(NeutralSchema.RELEASE, 1)).isEqualTo(expectedRow(good));
        assertThat(row(NeutralSchema.RELEASE, 3)).isEqualTo(expectedRow(empty));
        assertThat(row(NeutralSchema.RELEASE, 2)).isNull();
        assertThat(h.query("SELECT jsonb_array_length(files) AS n, files->1->>'size_bytes' AS s,"
                + " files->0->>'path' AS p FROM herd.release_live WHERE release_id = 1").get(0))
                .containsEntry("n", 3).containsEntry("s", "9223372036854775807")
                .containsEntry("p", "CD1/01 - Ñoño \"live\" ÷.flac");
        assertThat((String) h.query("SELECT reason FROM herd.quarantine").get(0).get("reason"))
                .contains("PostgreSQL rejected release {release_id=2}").doesNotContain("a\u0000b");

        // A later version of the row goes through the statement for many rows.
        Map<String, Object> newer = new LinkedHashMap<>(payload);
        newer.put("files", List.of(new FileEntry("01.flac", 1L)));
        NeutralRecord update = NeutralRecord.upsert("release", h.origin, TestRecords.key(NeutralSchema.RELEASE, 1),
                at(20), newer);
        h.send(update);
        await().atMost(PATIENCE).until(() -> h.progress().applied() == 3);
        assertThat(row(NeutralSchema.RELEASE, 1)).isEqualTo(expectedRow(update));
    }

    @Test
    void topicCreatedAfterStartUpIsFollowed(TestInfo test) {
        MirrorHarness h = harness(test);
        h.kafka.createTopic(h.topic("artist"), 1, true);
        h.send(TestRecords.artist(h.origin, 1, "A", at(10)));
        h.startMirror();
        await().atMost(PATIENCE).until(() -> h.progress().applied() == 1);

        h.kafka.createTopic(h.topic("artist_wiki"), 2, true);
        NeutralRecord wiki = TestRecords.upsert(h.origin, NeutralSchema.ARTIST_WIKI, 7, 1, at(20));
        h.send(wiki);

        await().atMost(PATIENCE).until(() -> h.progress().applied() == 2);
        assertThat(row(NeutralSchema.ARTIST_WIKI, 7)).isEqualTo(expectedRow(wiki));
    }
}
