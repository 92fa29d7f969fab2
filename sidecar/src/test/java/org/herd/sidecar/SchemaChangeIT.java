package org.herd.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.herd.testkit.SidecarArguments;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.sidecar.publish.QuarantineRecord;
import org.herd.translator.NeutralRecord;
import org.herd.translator.wire.WireFormat;
import org.herd.kafka.KafkaTopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gazelle's schema changes under a live workload (embedded MariaDB): added, widened, renamed
 * columns, tables created and dropped, a truncate. The sidecar keeps running; what it can no
 * longer map is quarantined naming the column, never published with a field silently empty.
 */
class SchemaChangeIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EmbeddedMariaDb MARIADB = EmbeddedStack.shared().mariaDb();

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String db = "gazelle_" + UUID.randomUUID().toString().substring(0, 8);
    private final String origin = "ddl-" + db.substring(8);
    private final String prefix = "herd." + origin;
    private ConfigurableApplicationContext sidecar;
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final List<Throwable> writerErrors = new CopyOnWriteArrayList<>();
    private final List<Integer> groupsWritten = new CopyOnWriteArrayList<>();
    private Thread writer;

    @AfterEach
    void stop() throws InterruptedException {
        writing.set(false);
        if (writer != null) {
            writer.join(60_000);
        }
        if (sidecar != null) {
            sidecar.close();
        }
    }

    @Test
    void schemaChangesUnderLoadAreReportedAndQuarantinedWhileTheRestFlows() throws Exception {
        MARIADB.createDatabase(db);
        try (Connection c = MARIADB.connect(db); Statement s = c.createStatement()) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            group(s, 10, "Geogaddi");
            s.execute("INSERT INTO torrents (ID, GroupID, UserID, Media, Format, Encoding, info_hash, FileCount, "
                    + "FileList, FilePath, Size, Time, Description) VALUES (100, 10, 1, 'CD', 'FLAC', 'Lossless', "
                    + "'01234567890123456789', 1, '', '', 1000, NOW(), 'first description')");
            s.execute("INSERT INTO tags (ID, Name, TagType, Uses, UserID) VALUES (1, 'electronic', 'genre', 1, 1)");
            s.execute("CREATE TABLE private_notes (ID int PRIMARY KEY, Body text)");
        }
        LogKeeper.clear();
        startSidecar();
        SidecarProgress progress = sidecar.getBean(SidecarProgress.class);
        await().atMost(PATIENCE).until(progress::isSnapshotCompleted);
        startWriter();
        await().atMost(PATIENCE).until(() -> groupsWritten.size() >= 5);

        try (Connection c = MARIADB.connect(db); Statement s = c.createStatement()) {
            // A new column is not captured; the table keeps flowing.
            s.execute("ALTER TABLE torrents ADD COLUMN Bitrate int NOT NULL DEFAULT 0");
            s.execute("UPDATE torrents SET Bitrate = 320, Description = 'after add' WHERE ID = 100");
            await().atMost(PATIENCE).until(() -> releaseDescriptions().contains("after add"));

            // Widened: a longer name and a number beyond INT keep flowing whole.
            s.execute("ALTER TABLE torrents_group MODIFY Name varchar(1000) DEFAULT NULL");
            s.execute("ALTER TABLE tags MODIFY Uses bigint NOT NULL DEFAULT 1");
            String longName = "n".repeat(700);
            group(s, 5000, longName);
            s.execute("UPDATE tags SET Uses = 5000000000 WHERE ID = 1");
            await().atMost(PATIENCE).until(() -> records("release_group").stream()
                    .anyMatch(r -> longName.equals(r.payload().get("name"))));
            await().atMost(PATIENCE).until(() -> records("tag").stream()
                    .anyMatch(r -> Long.valueOf(5_000_000_000L).equals(r.payload().get("uses"))));

            // Renamed: the column Herd reads is gone under its name. The table's changes are
            // quarantined naming it; the other tables keep flowing.
            s.execute("ALTER TABLE torrents RENAME COLUMN Description TO Descr");
            s.execute("UPDATE torrents SET Media = 'Vinyl', Descr = 'renamed' WHERE ID = 100");
            await().atMost(PATIENCE).until(() -> quarantined().stream().anyMatch(q -> "torrents".equals(
                    q.path("table").asText()) && "Description".equals(q.path("column").asText())));
            int groupsAtRename = groupsWritten.size();
            await().atMost(PATIENCE).until(() -> groupsWritten.size() > groupsAtRename + 3);
            // The groups written so far, taken once: the writer goes on, and a target that grows
            // while the topic is read again may stay ahead of a loaded sidecar for good.
            List<Integer> writtenSoFar = List.copyOf(groupsWritten);
            await().atMost(PATIENCE).until(() -> publishedGroupIds().containsAll(writtenSoFar));
            JsonNode renamed = quarantined().stream().filter(q -> "Description".equals(q.path("column").asText()))
                    .findFirst().orElseThrow();
            assertThat(renamed.path("kind").asText()).isEqualTo(QuarantineRecord.MISSING_COLUMN);
            assertThat(renamed.path("key").path("ID").asInt()).isEqualTo(100);
            assertThat(renamed.path("position").asText()).isNotEmpty();
            assertThat(renamed.path("reason").asText()).contains("torrents", "Description");
            // No release went out without its description.
            assertThat(records("release")).noneMatch(r -> "Vinyl".equals(r.payload().get("media")));

            // Renamed back: flowing again.
            s.execute("ALTER TABLE torrents RENAME COLUMN Descr TO Description");
            s.execute("UPDATE torrents SET Media = 'DVD', Description = 'back again' WHERE ID = 100");
            await().atMost(PATIENCE).until(() -> releaseDescriptions().contains("back again"));

            // Tables Herd does not capture come and go unnoticed.
            s.execute("CREATE TABLE herd_unknown (ID int PRIMARY KEY, Secret varchar(20))");
            s.execute("INSERT INTO herd_unknown VALUES (1, 'unknown-secret')");
            s.execute("DROP TABLE herd_unknown");
            s.execute("DROP TABLE private_notes");

            // A truncate of a replicated table is quarantined, named.
            s.execute("TRUNCATE TABLE torrents_tags");
            await().atMost(PATIENCE).until(() -> quarantined().stream().anyMatch(q -> "truncate".equals(
                    q.path("op").asText()) && "torrents_tags".equals(q.path("table").asText())));
        }

        // Everything written after all of it still arrives, and the sidecar never stopped.
        writing.set(false);
        writer.join(60_000);
        assertThat(writerErrors).isEmpty();
        await().atMost(PATIENCE).until(() -> publishedGroupIds().containsAll(List.copyOf(groupsWritten)));
        // Capture never failed and restarted (CaptureEngine says so when it does).
        assertThat(LogKeeper.lines()).noneMatch(l -> l.contains("Capture stopped") || l.contains("Capture engine ended"));
        assertThat(quarantined()).extracting(q -> q.path("kind").asText())
                .containsOnly(QuarantineRecord.MISSING_COLUMN, QuarantineRecord.TRUNCATE);
        assertThat(records("tag").size()).isGreaterThan(groupsWritten.size() / 2);
        // The uncaptured table's value reached no topic of this origin, offsets and history included.
        assertThat(KafkaTopicReader.readAll(stack.kafka().bootstrapServers(), KafkaTopicReader.topicsStartingWith(
                stack.kafka().bootstrapServers(), prefix + ".")).stream()
                .map(r -> (r.key() == null ? "" : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))
                        + (r.value() == null ? "" : new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))))
                .isNotEmpty().noneMatch(v -> v.contains("unknown-secret"));
    }

    private void startWriter() {
        writer = new Thread(() -> {
            AtomicInteger n = new AtomicInteger(100);
            try (Connection c = MARIADB.connect(db); Statement s = c.createStatement()) {
                while (writing.get()) {
                    int i = n.incrementAndGet();
                    group(s, i, "Group " + i);
                    groupsWritten.add(i);
                    s.execute("INSERT INTO tags (ID, Name, TagType, Uses, UserID) VALUES (" + i + ", 'tag" + i
                            + "', 'other', 1, 1)");
                    s.execute("INSERT INTO torrents_tags (TagID, GroupID, PositiveVotes, NegativeVotes, UserID) "
                            + "VALUES (" + i + ", " + i + ", 1, 0, 1)");
                    s.execute("UPDATE tags SET Uses = Uses + 1 WHERE ID = 1");
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                writerErrors.add(e);
            }
        }, "schema-change-writer");
        writer.start();
    }

    private static void group(Statement s, int id, String name) throws Exception {
        try (PreparedStatement ps = s.getConnection().prepareStatement("INSERT INTO torrents_group (ID, ArtistID, "
                + "CategoryID, Name, Year, ReleaseType, TagList, Time, WikiBody, WikiImage) VALUES (?, NULL, 1, ?, "
                + "2002, 1, '', NOW(), '', '')")) {
            ps.setInt(1, id);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    private void startSidecar() {
        List<String> properties = new ArrayList<>(List.of(
                "herd.sidecar.origin=" + origin,
                "herd.sidecar.source.connector=MARIADB",
                "herd.sidecar.source.host=" + MARIADB.host(),
                "herd.sidecar.source.port=" + MARIADB.port(),
                "herd.sidecar.source.database=" + db,
                "herd.sidecar.source.user=" + MARIADB.user(),
                "herd.sidecar.source.password=" + MARIADB.password(),
                "herd.sidecar.source.server-id=" + (2000 + Math.abs(db.hashCode() % 100000)),
                "herd.sidecar.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "herd.sidecar.kafka.partitions=2",
                "herd.sidecar.privacy.pseudonym-key=" + SidecarArguments.EMBEDDED_PSEUDONYM_KEY,
                "herd.sidecar.restart-delay=1s"));
        properties.addAll(org.herd.testkit.TestTrust.sidecarProperties(origin, 1));
        sidecar = SidecarApplication.builder().properties(properties.toArray(String[]::new)).run();
    }

    private List<NeutralRecord> records(String entity) {
        return KafkaTopicReader.readAll(stack.kafka().bootstrapServers(), Set.of(prefix + "." + entity)).stream()
                .map(r -> WireFormat.decode(r.value())).toList();
    }

    private Set<Object> releaseDescriptions() {
        return records("release").stream().map(r -> r.payload().get("description"))
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet());
    }

    private Set<Integer> publishedGroupIds() {
        return records("release_group").stream().map(r -> ((Number) r.key().get("release_group_id")).intValue())
                .collect(java.util.stream.Collectors.toSet());
    }

    private List<JsonNode> quarantined() {
        return KafkaTopicReader.readAll(stack.kafka().bootstrapServers(), Set.of(prefix + "._quarantine")).stream()
                .map(r -> {
                    try {
                        return JSON.readTree(r.value());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
