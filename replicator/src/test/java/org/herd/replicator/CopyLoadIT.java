package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.herd.embedded.EmbeddedPostgres;
import org.herd.testkit.Jdbc;
import org.herd.testkit.TestRecords;
import org.herd.translator.wire.WireFormat;
import org.herd.translator.NeutralRecord;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.FieldType;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.Test;

/**
 * The first copy's COPY path against a real PostgreSQL: what it writes is what the position-guarded
 * upsert writes, and a key the mirror holds sends the rows through the guard.
 */
class CopyLoadIT {

    private static final String ORIGIN = "site";
    private static final TopicPartition PARTITION = new TopicPartition("herd.site.artist", 0);

    private static int databases;

    private static DataSource mirror() {
        String name = "copy_load_" + ProcessHandle.current().pid() + "_" + (++databases);
        EmbeddedPostgres.shared().createDatabase(name);
        DataSource ds = EmbeddedPostgres.shared().dataSource(name);
        FluentConfiguration flyway = Flyway.configure().dataSource(ds);
        new MirrorConfiguration().herdMirrorFlywaySchema().customize(flyway);
        flyway.load().migrate();
        return ds;
    }

    private static JdbcMirrorStore store(DataSource ds) {
        return new JdbcMirrorStore(ds, MirrorSql.forEntities(NeutralSchema.entities()), "copy-load-it", ORIGIN);
    }

    private static MirrorBatch batch(List<NeutralRecord> records, long nextOffset) {
        List<IncomingRecord> incoming = new ArrayList<>();
        long offset = nextOffset - records.size();
        for (NeutralRecord r : records) {
            incoming.add(incoming(offset++, r));
        }
        return new MirrorBatch(incoming, List.of(), List.of(), Map.of(PARTITION, nextOffset));
    }

    /**
     * A record as it arrived, its value the wire bytes: COPY writes the fingerprint and the value
     * (bytea, escaped) as the upsert does, and the signature as null on a mirror that does not verify.
     */
    private static IncomingRecord incoming(long offset, NeutralRecord r) {
        return IncomingRecord.unverified(PARTITION.topic(), PARTITION.partition(), offset,
                r.key().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), WireFormat.encode(r), r);
    }

    /**
     * Rows of every entity with text that needs COPY's escapes (tab, newline, carriage return,
     * backslash, a literal \N), non-ASCII text, nulls, file lists and timestamps; every tenth a
     * delete, which leaves a tombstone.
     */
    private static List<NeutralRecord> rows(EntityType entity, int n, long firstPos) {
        return rows(entity, n, firstPos, "");
    }

    /** As {@link #rows(EntityType, int, long)}, every text ending with {@code padding}. */
    private static List<NeutralRecord> rows(EntityType entity, int n, long firstPos, String padding) {
        List<NeutralRecord> records = new ArrayList<>();
        for (int id = 1; id <= n; id++) {
            if (id % 10 == 0) {
                records.add(TestRecords.delete(ORIGIN, entity, id, TestRecords.at(firstPos + id)));
                continue;
            }
            Map<String, Object> payload = TestRecords.payload(entity, id);
            for (Field f : entity.payloadFields()) {
                if (f.type() == FieldType.TEXT) {
                    payload.put(f.name(), id % 7 == 0 && f.nullable() ? null
                            : "a\tb\nc\rd\\e \\N ÷ \"q\" " + id + padding);
                }
            }
            records.add(NeutralRecord.upsert(entity.name(), ORIGIN, TestRecords.key(entity, id),
                    TestRecords.at(firstPos + id), payload));
        }
        return records;
    }

    private static List<Map<String, Object>> table(DataSource ds, EntityType entity) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String order = String.join(", ", entity.keyFields().stream().map(f -> MirrorSql.quote(f.name())).toList());
        for (Map<String, Object> row : Jdbc.query(ds, "SELECT * FROM herd." + MirrorSql.quote(entity.name())
                + " ORDER BY origin, " + order)) {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            copy.remove("applied_at");
            // bytea (the record's value and signature) by content: arrays compare by identity.
            copy.replaceAll((column, value) -> value instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : value);
            rows.add(copy);
        }
        return rows;
    }

    @Test
    void aFirstCopyWritesByCopyWhatTheGuardedUpsertWrites() throws Exception {
        DataSource copied = mirror();
        DataSource upserted = mirror();
        JdbcMirrorStore store = store(copied);
        JdbcMirrorStore reference = store(upserted);
        long offset = 0;
        long expectedCopied = 0;
        for (EntityType entity : NeutralSchema.entities()) {
            List<NeutralRecord> records = rows(entity, CopyLoad.MIN_ROWS + 36, 1000);
            offset += records.size();
            BatchResult result = store.apply(batch(records, offset));
            expectedCopied += records.size();
            assertThat(result.applied()).as(entity.name()).hasSize(records.size());
            assertThat(result.notNewer()).isZero();
            assertThat(store.copiedRows()).as("rows written by COPY after " + entity.name()).isEqualTo(expectedCopied);
            try (Connection c = upserted.getConnection()) {
                c.setAutoCommit(false);
                for (int i = 0; i < records.size(); i++) {
                    assertThat(reference.applyRecord(c, incoming(i, records.get(i))).applied()).isTrue();
                }
                c.commit();
            }
            assertThat(table(copied, entity)).as(entity.name()).isEqualTo(table(upserted, entity));
        }
        assertThat(Jdbc.query(copied, "SELECT next_offset FROM herd.consumer_offset").get(0))
                .containsEntry("next_offset", offset);
    }

    @Test
    void aKeyTheMirrorHoldsSendsTheRowsThroughThePositionGuard() {
        DataSource ds = mirror();
        JdbcMirrorStore store = store(ds);
        EntityType artist = NeutralSchema.ARTIST;
        // The mirror holds artist 5 from a newer position than the batch's.
        NeutralRecord held = TestRecords.artist(ORIGIN, 5, "held", TestRecords.at(90_000));
        store.apply(batch(List.of(held), 1));
        assertThat(store.copiedRows()).isZero();

        List<NeutralRecord> older = rows(artist, 100, 1000);
        BatchResult result = store.apply(batch(older, 101));

        assertThat(store.copiedRows()).as("the COPY was rolled back").isZero();
        assertThat(result.applied()).hasSize(99).doesNotContain(older.get(4));
        // The guard keeps the held row; a record older than the row the mirror holds is refused as stale.
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("stale");
            assertThat(r.entityKey()).contains("5");
        });
        assertThat(Jdbc.query(ds, "SELECT name, src_pos FROM herd.artist WHERE artist_id = 5"))
                .containsExactly(Map.of("name", "held", "src_pos", 90_000L));
        assertThat(Jdbc.query(ds, "SELECT count(*) AS n FROM herd.artist").get(0)).containsEntry("n", 100L);

        // From then on the entity's rows go through the upsert, new keys included; a replay changes nothing.
        BatchResult fresh = store.apply(batch(rows(artist, 300, 2000).subList(100, 300), 301));
        assertThat(fresh.applied()).hasSize(200);
        assertThat(store.copiedRows()).isZero();
        BatchResult replay = store.apply(batch(older, 101));
        assertThat(replay.applied()).isEmpty();
        assertThat(replay.notNewer() + replay.rejected().size()).isEqualTo(100);
        assertThat(Jdbc.query(ds, "SELECT count(*) AS n FROM herd.artist").get(0)).containsEntry("n", 300L);
    }

    @Test
    void aReplayedFirstCopyChangesNothing() {
        DataSource ds = mirror();
        List<NeutralRecord> records = rows(NeutralSchema.ARTIST, 100, 1000);
        JdbcMirrorStore first = store(ds);
        first.apply(batch(records, 100));
        assertThat(first.copiedRows()).isEqualTo(100);
        List<Map<String, Object>> before = table(ds, NeutralSchema.ARTIST);

        // A restarted replicator (a new store) reading the same records again, as after a kill.
        JdbcMirrorStore restarted = store(ds);
        BatchResult replay = restarted.apply(batch(records, 100));

        assertThat(restarted.copiedRows()).isZero();
        assertThat(replay.applied()).isEmpty();
        assertThat(replay.notNewer()).isEqualTo(100);
        assertThat(table(ds, NeutralSchema.ARTIST)).isEqualTo(before);
    }

    @Test
    void aBatchOfSeveralPartsIsCopiedAsTheUpsertWritesItAndAHeldKeyInItsLastPartRollsItAllBack() {
        // About 8 KB of text a row: 200 rows are several of the parts COPY sends while it encodes.
        String padding = " ".repeat(8 * 1024);
        List<NeutralRecord> records = rows(NeutralSchema.ARTIST, 200, 1000, padding);
        DataSource copied = mirror();
        JdbcMirrorStore store = store(copied);
        BatchResult result = store.apply(batch(records, 200));
        assertThat(store.copiedRows()).isEqualTo(200);
        assertThat(result.applied()).hasSize(200);
        DataSource upserted = mirror();
        JdbcMirrorStore reference = store(upserted);
        CopyLoadIT.upsertAll(upserted, reference, records);
        assertThat(table(copied, NeutralSchema.ARTIST)).isEqualTo(table(upserted, NeutralSchema.ARTIST));

        // The mirror holds artist 195, newer: the COPY fails after its first parts were sent.
        DataSource held = mirror();
        JdbcMirrorStore guarded = store(held);
        guarded.apply(batch(List.of(TestRecords.artist(ORIGIN, 195, "held", TestRecords.at(90_000))), 1));
        BatchResult through = guarded.apply(batch(records, 201));
        assertThat(guarded.copiedRows()).as("the COPY was rolled back").isZero();
        assertThat(through.applied()).hasSize(199);
        assertThat(through.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo("stale"));
        assertThat(Jdbc.query(held, "SELECT count(*) AS n FROM herd.artist").get(0)).containsEntry("n", 200L);
        assertThat(Jdbc.query(held, "SELECT name FROM herd.artist WHERE artist_id = 195"))
                .containsExactly(Map.of("name", "held"));
        assertThat(Jdbc.query(held, "SELECT length(name) AS n FROM herd.artist WHERE artist_id = 194").get(0))
                .containsEntry("n", (int) ("a\tb\nc\rd\\e \\N ÷ \"q\" 194" + padding).length());
    }

    private static void upsertAll(DataSource ds, JdbcMirrorStore store, List<NeutralRecord> records) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < records.size(); i++) {
                assertThat(store.applyRecord(c, incoming(i, records.get(i))).applied()).isTrue();
            }
            c.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
