package org.herd.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.sidecar.signal.SnapshotSignal;
import org.herd.embedded.EmbeddedStack;
import org.herd.sidecar.config.SourceConnector;
import org.herd.translator.NeutralRecord;
import org.herd.kafka.KafkaTopicReader;
import org.junit.jupiter.api.Test;

/**
 * The sidecar's behaviour against MariaDB 11 (embedded), through Debezium's MariaDB connector; and
 * Gazelle's data quirks as MariaDB stores them under Gazelle's non-strict sql_mode (docs/quirks.md).
 */
class MariaDbSidecarIT extends AbstractSidecarIT {

    private static final EmbeddedMariaDb MARIADB = EmbeddedStack.shared().mariaDb();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected SourceDatabase source() {
        return new SourceDatabase() {
            @Override
            public String host() {
                return MARIADB.host();
            }

            @Override
            public int port() {
                return MARIADB.port();
            }

            @Override
            public String user() {
                return MARIADB.user();
            }

            @Override
            public String password() {
                return MARIADB.password();
            }

            @Override
            public SourceConnector connector() {
                return SourceConnector.MARIADB;
            }

            @Override
            public void createDatabase(String name) {
                MARIADB.createDatabase(name);
            }

            @Override
            public Connection connect(String database) throws Exception {
                return MARIADB.connect(database);
            }
        };
    }

    /**
     * A snapshot signal on the signal topic (no write access to Gazelle) re-reads exactly the rows
     * it names while the stream keeps flowing: the read lands after the row's earlier records, and
     * rows it does not name are not read again.
     */
    @Test
    void signalledSnapshotReadsTheNamedRowsAgainWhileStreaming() throws Exception {
        startSidecar();
        await().atMost(Duration.ofMinutes(2)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        await().atMost(Duration.ofMinutes(1)).until(() -> records("release").size() == 1);
        try (Connection c = MARIADB.connect(db); Statement s = c.createStatement()) {
            s.execute("UPDATE torrents SET Description = 'streamed' WHERE ID = 100");
            // A second row of the table, which the signal does not name.
            s.execute("INSERT INTO torrents (ID, GroupID, UserID, Media, Format, Encoding, info_hash, FileCount, "
                    + "FileList, FilePath, Size, Time, Description) SELECT 101, GroupID, UserID, Media, Format, "
                    + "Encoding, 'CANARY-INFOHASH-0101', FileCount, FileList, FilePath, Size, Time, 'unnamed' "
                    + "FROM torrents WHERE ID = 100");
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> records("release").size() == 3);

        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            SnapshotSignal.of(Map.of("torrents", "ID IN (100)")).send(producer, prefix, origin, db);
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> records("release").stream()
                .filter(r -> r.position().snapshot()).count() == 2);
        // A change streamed after the snapshot's window: whatever the window emitted lies before it.
        try (Connection c = MARIADB.connect(db); Statement s = c.createStatement()) {
            s.execute("UPDATE torrents SET Description = 'after the signal' WHERE ID = 100");
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> records("release").stream()
                .anyMatch(r -> "after the signal".equals(r.payload().get("description"))));
        List<NeutralRecord> releases = records("release").stream()
                .sorted(java.util.Comparator.comparing(NeutralRecord::position)).toList();
        assertThat(releases).extracting(r -> r.key().get("release_id") + (r.position().snapshot() ? " read" : " "
                + r.op())).containsExactly("100 read", "100 UPSERT", "101 UPSERT", "100 read", "100 UPSERT");
        NeutralRecord reread = releases.get(3);
        assertThat(reread.position().isAfter(releases.get(2).position())).isTrue();
        assertThat(reread.payload()).containsEntry("description", "streamed");
    }

    /**
     * Quirky rows written live, each followed by ordinary ones: every quirk is either mapped (with
     * the value MariaDB actually stored) or quarantined with table, key, position and reason, and
     * the rows after them still arrive.
     */
    @Test
    void quirkyRowsAreMappedOrQuarantinedAndTheRowsAfterThemStillArrive() throws Exception {
        try (Connection c = MARIADB.connect(db); Statement s = c.createStatement()) {
            // Read by the snapshot rather than from the binlog: a zero inside a date.
            s.execute("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
            group(s, 19, "1", "1", "'Zero In Date, Snapshot'", "'2009-00-00 00:00:00'");
        }
        startSidecar();
        await().atMost(Duration.ofMinutes(2)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        await().atMost(Duration.ofMinutes(1)).until(() -> records("release").size() == 1);

        String fourMiB = fileList(4 * 1024 * 1024);
        try (Connection c = MARIADB.connect(db); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
            // Zero dates in NOT NULL columns: Debezium streams the epoch for them.
            group(s, 20, "1", "1", "'Zero Date'", "'0000-00-00 00:00:00'");
            s.execute("INSERT INTO wiki_torrents (RevisionID, PageID, Body, UserID, Summary, Time) "
                    + "VALUES (900, 20, 'body', 3, 'zero', '0000-00-00 00:00:00')");
            torrent(c, 101, ".flac s1s a.flac÷", "zero time", "0", "0000-00-00 00:00:00");
            // A zero inside a date, which non-strict servers accept.
            group(s, 23, "1", "1", "'Zero In Date'", "'2009-00-00 00:00:00'");
            // A character outside the BMP in a utf8mb3 column; then one inside it.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO artists_group (ArtistID, Name) VALUES (?, ?)")) {
                ps.setInt(1, 2);
                ps.setString(2, "Sigur Rós \uD83C\uDFB5 Ágætis byrjun");
                ps.executeUpdate();
                ps.setInt(1, 3);
                ps.setString(2, "坂本龍一 — Ryuichi Sakamoto");
                ps.executeUpdate();
            }
            // Latin-1 bytes that are not UTF-8 (0xE9 alone) sent as a utf8 string.
            group(s, 21, "1", "1", "X'436166E92064656C204D6172'", "NOW()");
            // Text Gazelle stored HTML-escaped.
            group(s, 22, "1", "1", "'Simon &amp; Garfunkel &lt;Live&gt; &#39;69'", "NOW()");
            // Unknown code values: a release type and a category outside the code lists, and a
            // FreeTorrent value outside the enum, which the non-strict server stores as ''. A
            // number outside it is taken as the enum's index: '3' is stored as its third value, '2'.
            group(s, 24, "1", "99", "'Unknown Release Type'", "NOW()");
            group(s, 25, "42", "1", "'Unknown Category'", "NOW()");
            torrent(c, 102, ".flac s1s a.flac÷", "bad freeleech", "x", "2016-01-02 03:04:05");
            torrent(c, 106, ".flac s1s a.flac÷", "freeleech by index", "3", "2016-01-02 03:04:05");
            // A multi-megabyte file list; a description longer than a TEXT column holds.
            torrent(c, 103, fourMiB, "d".repeat(70_000), "0", "2016-01-02 03:04:05");
            // A file list just under MEDIUMTEXT's limit: whole in Gazelle, but as the record's list of
            // files (each with its path and size field) larger than what the topics accept.
            torrent(c, 104, fileList(15_000_000), "too large", "0", "2016-01-02 03:04:05");
            // Ordinary rows after all of them.
            group(s, 30, "1", "1", "'After the quirks'", "'2016-05-06 07:08:09'");
            torrent(c, 105, ".flac s7s after.flac÷", "after", "1", "2016-05-06 07:08:09");
            s.execute("INSERT INTO artists_group (ArtistID, Name) VALUES (4, 'Last Artist')");
        }

        await().atMost(Duration.ofMinutes(2)).until(() -> byKey("release", "release_id").containsKey(105L)
                && byKey("release_group", "release_group_id").containsKey(30L)
                && byKey("artist", "artist_id").containsKey(4L));
        Map<Object, NeutralRecord> groups = byKey("release_group", "release_group_id");
        Map<Object, NeutralRecord> releases = byKey("release", "release_id");
        Map<Object, NeutralRecord> artists = byKey("artist", "artist_id");

        assertThat(groups.get(20L).payload()).containsEntry("added_at", null);
        assertThat(groups.get(19L).payload()).containsEntry("added_at", null);
        assertThat(groups.get(23L).payload()).containsEntry("added_at", null);
        assertThat(byKey("release_group_wiki", "revision_id").get(900L).payload()).containsEntry("created_at", null);
        assertThat(releases.get(101L).payload()).containsEntry("uploaded_at", null);
        assertThat(artists.get(2L).payload()).containsEntry("name", "Sigur Rós ? Ágætis byrjun");
        assertThat(artists.get(3L).payload()).containsEntry("name", "坂本龍一 — Ryuichi Sakamoto");
        assertThat(groups.get(21L).payload()).containsEntry("name", "Caf? del Mar");
        assertThat(groups.get(22L).payload()).containsEntry("name", "Simon &amp; Garfunkel &lt;Live&gt; &#39;69");
        List<?> published = (List<?>) releases.get(103L).payload().get("files");
        assertThat(published).as("a 4 MiB file list arrives whole, one entry a file")
                .hasSize(fourMiB.split("\n").length)
                .last().hasToString(new org.herd.translator.FileEntry("Disc " + ((published.size() - 1) / 99 + 1) + "/"
                        + String.format("%02d", (published.size() - 1) % 99 + 1) + " - Track.flac",
                        20_000_000L + published.size() - 1).toString());
        assertThat((String) releases.get(103L).payload().get("description")).hasSize(65_535);
        assertThat(releases.get(106L).payload()).containsEntry("freeleech", "neutral");
        assertThat(groups.get(30L).payload()).containsEntry("name", "After the quirks");
        assertThat(releases.get(105L).payload()).containsEntry("freeleech", "freeleech");
        assertThat(groups).doesNotContainKeys(24L, 25L);
        assertThat(releases).doesNotContainKeys(102L, 104L);
        for (String entity : List.of("release_group", "release", "release_group_wiki", "artist")) {
            for (ConsumerRecord<byte[], byte[]> r : KafkaTopicReader.readAll(stack.kafka().bootstrapServers(),
                    Set.of(prefix + "." + entity))) {
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).as(entity).doesNotContain("1970-01-01");
            }
        }

        Map<String, JsonNode> quarantined = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTopicReader.readAll(stack.kafka().bootstrapServers(),
                Set.of(prefix + "._quarantine"))) {
            JsonNode q = JSON.readTree(r.value());
            quarantined.put(q.get("table").asText() + " " + q.get("key"), q);
        }
        assertThat(quarantined).containsOnlyKeys("torrents_group {\"ID\":24}", "torrents_group {\"ID\":25}",
                "torrents {\"ID\":102}", "torrents {\"ID\":104}");
        assertThat(quarantined.get("torrents_group {\"ID\":24}").get("reason").asText())
                .contains("column ReleaseType", "unknown release type code '99'");
        assertThat(quarantined.get("torrents_group {\"ID\":25}").get("reason").asText())
                .contains("column CategoryID", "unknown category code '42'");
        assertThat(quarantined.get("torrents {\"ID\":102}").get("reason").asText())
                .contains("column FreeTorrent", "unknown freeleech state code ''");
        assertThat(quarantined.get("torrents {\"ID\":104}").get("reason").asText())
                .contains("Kafka refused the release record", "larger than 16777216");
        for (JsonNode q : quarantined.values()) {
            assertThat(q.get("op").asText()).isEqualTo("insert");
            assertThat(q.get("position").asText()).matches("e1:mysql-bin\\.\\d+:\\d+/\\d+#\\d+");
        }
    }

    private Map<Object, NeutralRecord> byKey(String entity, String keyField) {
        Map<Object, NeutralRecord> latest = new HashMap<>();
        records(entity).stream().sorted(java.util.Comparator.comparing(NeutralRecord::position))
                .forEach(r -> latest.put(r.key().get(keyField), r));
        return latest;
    }

    private static void group(Statement s, int id, String category, String releaseType, String nameSql, String timeSql)
            throws Exception {
        s.execute("INSERT INTO torrents_group (ID, CategoryID, Name, Year, ReleaseType, TagList, Time, WikiBody, "
                + "WikiImage) VALUES (" + id + ", " + category + ", " + nameSql + ", 2001, " + releaseType + ", '', "
                + timeSql + ", '', '')");
    }

    private static void torrent(Connection c, int id, String fileList, String description, String freeTorrent,
            String time) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO torrents (ID, GroupID, UserID, Media, Format, "
                + "Encoding, info_hash, FileCount, FileList, Size, FreeTorrent, Time, Description) "
                + "VALUES (?, 10, 1, 'CD', 'FLAC', 'Lossless', ?, 1, ?, 1000, ?, ?, ?)")) {
            ps.setInt(1, id);
            ps.setBytes(2, ("quirk-info-hash-" + id).getBytes(StandardCharsets.US_ASCII));
            ps.setString(3, fileList);
            ps.setString(4, freeTorrent);
            ps.setString(5, time);
            ps.setString(6, description);
            ps.executeUpdate();
        }
    }

    /** A Gazelle file list of about {@code chars} characters: entries joined by newlines. */
    private static String fileList(int chars) {
        List<String> entries = new ArrayList<>();
        for (int i = 0, length = 0; length < chars; i++) {
            String entry = ".flac s" + (20_000_000 + i) + "s Disc " + (i / 99 + 1) + "/" + String.format("%02d", i % 99 + 1)
                    + " - Track.flac÷";
            entries.add(entry);
            length += entry.length() + 1;
        }
        return String.join("\n", entries);
    }
}
