package org.herd.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.herd.testkit.SidecarArguments;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.testkit.canary.Canary;
import org.herd.testkit.canary.CanaryScan;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.sidecar.config.SourceConnector;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.wire.WireFormat;
import org.herd.kafka.KafkaTopicReader;
import org.herd.testkit.LeakScan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sidecar against a real database with the row binlog and a real Kafka broker: snapshot,
 * then streamed changes; secrets planted in private tables and columns reach no topic; a
 * restart resumes from the offsets kept in Kafka instead of snapshotting again. Written once,
 * run against each database Herd supports (one subclass each).
 */
abstract class AbstractSidecarIT {

    /** The Gazelle database server under test. */
    interface SourceDatabase {
        String host();

        int port();

        String user();

        String password();

        SourceConnector connector();

        void createDatabase(String name) throws Exception;

        Connection connect(String database) throws Exception;

        /** Extra Debezium settings this server needs, as herd.sidecar.debezium[...] properties. */
        default List<String> debeziumProperties() {
            return List.of();
        }
    }

    protected abstract SourceDatabase source();

    private static final String SECRET = "canary-" + UUID.randomUUID();
    private static final byte[] HASH = "CANARY-INFOHASH-0001".getBytes(StandardCharsets.US_ASCII);
    private static final int SECRET_USER_ID = 31_337_421;
    /**
     * The secrets planted below, as canaries: the scan looks for each as text and, for the text and
     * binary ones, as base64 and hex; the user id as a whole number.
     */
    private static final List<Canary> CANARIES = List.of(
            Canary.text("users_main, pm_*: planted secret", "users_main", "*", SECRET),
            Canary.text("users_main.Username", "users_main", "Username", SECRET.substring(7, 19)),
            Canary.binary("torrents.info_hash", "torrents", "info_hash",
                    "CANARY-INFOHASH".getBytes(StandardCharsets.US_ASCII)),
            Canary.integer("users_main.ID, torrents.UserID", "users_main", "ID", SECRET_USER_ID),
            Canary.text("users_main.IP", "users_main", "IP", "10.9.8.7"));
    /** A public value planted the same way: the scan must find it. */
    private static final Canary CONTROL = Canary.text("torrents_group.Name", "torrents_group", "Name", "Geogaddi");

    protected final EmbeddedStack stack = EmbeddedStack.shared();
    protected final String db = "gazelle_" + UUID.randomUUID().toString().substring(0, 8);
    protected final String origin = "it-" + db.substring(8);
    protected final String prefix = "herd." + origin;
    protected ConfigurableApplicationContext sidecar;

    @BeforeEach
    void loadGazelle() throws Exception {
        source().createDatabase(db);
        try (Connection c = source().connect(db)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO artists_group (ArtistID, Name, RevisionID, VanityHouse, LastCommentID) "
                        + "VALUES (1, 'Boards of Canada', NULL, 0, 0)");
                s.execute("INSERT INTO torrents_group (ID, ArtistID, CategoryID, Name, Year, ReleaseType, TagList, "
                        + "Time, WikiBody, WikiImage) VALUES (10, NULL, 1, 'Geogaddi', 2002, 1, 'electronic', "
                        + "'0000-00-00 00:00:00', '', '')");
                s.execute("INSERT INTO users_main (ID, Username, Email, PassHash, Secret, IRCKey, IP, Title, "
                        + "Paranoia, PermissionID, torrent_pass, CustomPermissions, ipcc) VALUES (" + SECRET_USER_ID
                        + ", 'u" + SECRET.substring(7, 19) + "', '" + SECRET + "@mail', '$2y$" + SECRET + "', '"
                        + SECRET.substring(0, 32) + "', 'irc" + SECRET + "', '10.9.8.7', 't" + SECRET + "', 'p"
                        + SECRET + "', 2, 'pk" + SECRET.substring(0, 30) + "', 'cp" + SECRET + "', 'zz')");
                s.execute("INSERT INTO pm_conversations (ID, Subject) VALUES (1, 'subject " + SECRET + "')");
                s.execute("INSERT INTO pm_messages (ID, ConvID, SentDate, SenderID, Body) VALUES (1, 1, NOW(), "
                        + SECRET_USER_ID + ", 'body " + SECRET + "')");
            }
            insertTorrent(c, 100, 10);
        }
    }

    private static void insertTorrent(Connection c, int id, int group) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO torrents (ID, GroupID, UserID, Media, Format, "
                + "Encoding, info_hash, FileCount, FileList, FilePath, Size, Time, Description, Seeders) "
                + "VALUES (?, ?, ?, 'CD', 'FLAC', 'Lossless', ?, 2, '.flac s1s a.flac÷', ?, 1000, NOW(), "
                + "'desc', 5)")) {
            ps.setInt(1, id);
            ps.setInt(2, group);
            ps.setInt(3, SECRET_USER_ID);
            byte[] hash = HASH.clone();
            hash[hash.length - 1] = (byte) ('0' + id % 10);
            ps.setBytes(4, hash);
            ps.setString(5, "path-" + SECRET);
            ps.executeUpdate();
        }
    }

    protected void startSidecar() {
        List<String> properties = new ArrayList<>(List.of(
                "herd.sidecar.origin=" + origin,
                "herd.sidecar.source.connector=" + source().connector(),
                "herd.sidecar.source.host=" + source().host(),
                "herd.sidecar.source.port=" + source().port(),
                "herd.sidecar.source.database=" + db,
                "herd.sidecar.source.user=" + source().user(),
                "herd.sidecar.source.password=" + source().password(),
                "herd.sidecar.source.server-id=" + (1000 + Math.abs(db.hashCode() % 100000)),
                "herd.sidecar.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "herd.sidecar.kafka.partitions=2",
                "herd.sidecar.privacy.pseudonym-key=" + SidecarArguments.EMBEDDED_PSEUDONYM_KEY,
                "herd.sidecar.restart-delay=1s"));
        properties.addAll(org.herd.testkit.TestTrust.sidecarProperties(origin, 1));
        properties.addAll(source().debeziumProperties());
        sidecar = SidecarApplication.builder().properties(properties.toArray(String[]::new)).run();
    }

    @AfterEach
    void stop() {
        if (sidecar != null) {
            sidecar.close();
        }
    }

    protected List<NeutralRecord> records(String entity) {
        return KafkaTopicReader.readAll(stack.kafka().bootstrapServers(), Set.of(prefix + "." + entity)).stream()
                .map(r -> WireFormat.decode(r.value()))
                .collect(Collectors.toList());
    }

    @Test
    void snapshotThenStreamPublishesPublicChangesOnlyAndNoSecretAnywhere() throws Exception {
        startSidecar();
        SidecarProgress progress = sidecar.getBean(SidecarProgress.class);
        await().atMost(Duration.ofMinutes(2)).until(progress::isSnapshotCompleted);
        await().atMost(Duration.ofMinutes(1)).until(() -> records("release").size() == 1);

        NeutralRecord group = records("release_group").get(0);
        assertThat(group.position().snapshot()).isTrue();
        assertThat(group.payload()).containsEntry("name", "Geogaddi").containsEntry("added_at", null);

        try (Connection c = source().connect(db); Statement s = c.createStatement()) {
            insertTorrent(c, 101, 10);
            s.execute("UPDATE torrents SET Description = 'new description' WHERE ID = 100");
            // Ocelot's flush: only tracker columns change, nothing may be published for it.
            s.execute("INSERT INTO torrents (ID, Seeders, Leechers, Snatched, last_action) VALUES (100, 9, 1, 3, "
                    + "NOW()) ON DUPLICATE KEY UPDATE Seeders = VALUES(Seeders), Leechers = VALUES(Leechers), "
                    + "Snatched = VALUES(Snatched), last_action = VALUES(last_action)");
            s.execute("UPDATE users_main SET Email = 'new-" + SECRET + "', LastAccess = NOW() WHERE ID = "
                    + SECRET_USER_ID);
            s.execute("INSERT INTO pm_messages (ID, ConvID, SentDate, SenderID, Body) VALUES (2, 1, NOW(), 1, 'again "
                    + SECRET + "')");
            s.execute("DELETE FROM torrents WHERE ID = 101");
            s.execute("UPDATE artists_group SET Name = 'BoC' WHERE ArtistID = 1");
        }

        await().atMost(Duration.ofMinutes(1)).until(() -> records("artist").size() == 2);
        // Order holds per key (partition), not across the topic: compare in source order.
        List<NeutralRecord> releases = records("release").stream()
                .sorted(java.util.Comparator.comparing(NeutralRecord::position)).toList();
        // snapshot 100, insert 101, update 100, delete 101; the tracker flush adds nothing.
        assertThat(releases).extracting(r -> r.key().get("release_id") + ":" + r.op())
                .containsExactly("100:UPSERT", "101:UPSERT", "100:UPSERT", "101:DELETE");
        assertThat(releases.get(2).payload()).containsEntry("description", "new description");
        assertThat(releases.get(3).op()).isEqualTo(Operation.DELETE);
        assertThat(releases.get(0).position().snapshot()).isTrue();
        assertThat(releases.get(1).position().snapshot()).isFalse();
        assertThat(releases.get(1).position().isAfter(releases.get(0).position())).isTrue();
        assertThat(progress.discarded()).isGreaterThanOrEqualTo(1);

        assertNoSecretInAnyTopic();
    }

    @Test
    void restartResumesFromKafkaOffsetsWithoutSnapshottingAgain() throws Exception {
        startSidecar();
        SidecarProgress first = sidecar.getBean(SidecarProgress.class);
        await().atMost(Duration.ofMinutes(2)).until(first::isSnapshotCompleted);
        await().atMost(Duration.ofMinutes(1)).until(() -> records("release").size() == 1);
        sidecar.close();

        try (Connection c = source().connect(db)) {
            insertTorrent(c, 102, 10);
        }
        startSidecar();
        await().atMost(Duration.ofMinutes(2)).until(() -> records("release").size() >= 2);
        List<NeutralRecord> releases = records("release").stream()
                .sorted(java.util.Comparator.comparing(NeutralRecord::position)).toList();
        assertThat(releases).extracting(r -> r.key().get("release_id")).containsExactly(100L, 102L);
        assertThat(releases.get(1).position().snapshot()).isFalse();
        assertThat(records("release_group")).hasSize(1);
    }

    @Test
    void changesToOneRowInOneTransactionGetIncreasingPositions() throws Exception {
        startSidecar();
        SidecarProgress progress = sidecar.getBean(SidecarProgress.class);
        await().atMost(Duration.ofMinutes(2)).until(progress::isSnapshotCompleted);
        try (Connection c = source().connect(db)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO torrents_group (ID, CategoryID, Name, Year, ReleaseType, TagList, Time, "
                        + "WikiBody, WikiImage) VALUES (11, 1, 'Tomorrow''s Harvest', 2013, 1, '', NOW(), '', '')");
                s.execute("UPDATE torrents_group SET RevisionID = 7 WHERE ID = 11");
                s.execute("UPDATE torrents_group SET Year = 2014 WHERE ID = 11");
            }
            c.commit();
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> records("release_group").size() == 4);
        List<NeutralRecord> group = records("release_group").stream()
                .filter(r -> r.key().get("release_group_id").equals(11L)).toList();
        assertThat(group).hasSize(3);
        assertThat(group.get(1).position().isAfter(group.get(0).position())).as(group.get(1).position() + " after "
                + group.get(0).position()).isTrue();
        assertThat(group.get(2).position().isAfter(group.get(1).position())).as(group.get(2).position() + " after "
                + group.get(1).position()).isTrue();
        assertThat(group.get(2).payload()).containsEntry("year", 2014L).containsEntry("revision_id", 7L);
    }

    private void assertNoSecretInAnyTopic() {
        CanaryScan scan = new CanaryScan(CANARIES, List.of(CONTROL));
        LeakScan.Scanned scanned = LeakScan.topics(stack.kafka().bootstrapServers(), prefix, scan);
        assertThat(scanned.sources()).contains(prefix + "._offsets", prefix + "._schema-history", prefix + ".release");
        assertThat(scanned.items()).isPositive();
        // The scan reads what the records carry: a public value planted the same way is found.
        assertThat(scan.controlsFound()).containsExactly(CONTROL.label());
        assertThat(scan.leaks()).as(scan.describeLeaks()).isEmpty();
    }
}
