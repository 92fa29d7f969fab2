package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratorSettings;
import org.herd.simulator.OpsWorkload;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.testkit.SidecarArguments;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.config.SourceConnector;
import org.herd.sidecar.config.VariantSetting;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.sidecar.source.SourceInspection;
import org.herd.testkit.MirrorConvergence;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.Translator;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.herd.verify.MirrorReader;
import org.herd.verify.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An OPS site end to end: OPS's tables loaded with generated data, a sidecar left to detect the
 * variant, a replicator into PostgreSQL. After the snapshot, and again after changes written the
 * way OPS's PHP code and tracker write them (an artist created through its primary alias, a DJ mix
 * with an arranger credit, tracker flushes into torrents_leech_stats, an alias merge, a rename, a
 * soft delete), every entity in the mirror must equal the origin, nothing may be quarantined and
 * no secret planted at the origin may reach Kafka or the mirror. Written once, run per database.
 */
abstract class AbstractOpsEndToEndIT {

    /** The OPS database server under test. */
    interface OpsDatabase {
        String host();

        int port();

        String user();

        String password();

        SourceConnector connector();

        void createDatabase(String name) throws Exception;

        Connection connect(String database) throws SQLException;

        /** Extra sidecar properties this server needs. */
        default List<String> sidecarProperties() {
            return List.of();
        }
    }

    protected abstract OpsDatabase source();

    private static final String SECRET = "canary-" + UUID.randomUUID();
    private static final String ADDRESS = "203.0.113.78";

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String gazelleDb = "ops_e2e_" + id;
    private final String mirrorDb = "mirror_ops_" + id;
    private final String origin = "ops-" + id;
    private ConfigurableApplicationContext sidecar;
    private ConfigurableApplicationContext mirror;

    @BeforeEach
    void origin() throws Exception {
        source().createDatabase(gazelleDb);
        stack.postgres().createDatabase(mirrorDb);
        try (Connection c = source().connect(gazelleDb)) {
            GazelleSchema.load(c, GazelleVariant.OPS);
            new GazelleDataGenerator(new GeneratorSettings(7, 0.0005)).load(c, GazelleVariant.OPS, null);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE users_main SET Email = CONCAT('" + SECRET + "', ID), PassHash = '" + SECRET
                        + "', auth_key = '" + SECRET.substring(0, 32) + "', IRCKey = '" + SECRET.substring(0, 32)
                        + "', IP = '" + ADDRESS + "' ORDER BY ID LIMIT 5");
                s.executeUpdate("UPDATE pm_messages SET Body = CONCAT('" + SECRET + " ', Body) ORDER BY ID LIMIT 5");
                s.executeUpdate("UPDATE torrents SET FilePath = '" + SECRET + "' ORDER BY ID LIMIT 5");
            }
        }
    }

    @AfterEach
    void stopApps() {
        if (mirror != null) {
            mirror.close();
        }
        if (sidecar != null) {
            sidecar.close();
        }
    }

    private ConfigurableApplicationContext startSidecar() {
        // No herd.sidecar.variant: the sidecar detects OPS itself.
        List<String> properties = SidecarArguments.embedded(origin, source().host(), source().port(), gazelleDb,
                source().user(), source().password(), stack.kafka().bootstrapServers());
        properties.add("herd.sidecar.source.connector=" + source().connector());
        properties.add("herd.sidecar.source.server-id=" + (7000 + Math.abs(id.hashCode() % 100000)));
        properties.addAll(source().sidecarProperties());
        return SidecarApplication.builder().properties(properties.toArray(String[]::new)).run();
    }

    private ConfigurableApplicationContext startMirror() {
        return ReplicatorApplication.builder().properties(
                "herd.mirror.origin=" + origin,
                "herd.mirror.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "herd.mirror.kafka.group-id=ops-e2e-" + id,
                // The sidecar publishes unsigned records: the mirror must be told not to verify.
                "herd.mirror.trust.verify=false",
                "herd.mirror.batch-size=200",
                "spring.datasource.url=" + stack.postgres().jdbcUrl(mirrorDb),
                "spring.datasource.username=" + stack.postgres().user(),
                "spring.datasource.password=" + stack.postgres().password()).run();
    }

    private Translator translator() {
        return new Translator(SidecarArguments.embeddedSettings(origin, GazelleVariant.OPS));
    }

    /** The origin as the sidecar publishes it, read with the sidecar's translator settings and lookup. */
    private MirrorConvergence convergence() {
        Translator translator = translator();
        return new MirrorConvergence(Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> source().connect(gazelleDb))),
                () -> source().connect(gazelleDb));
    }

    private Verification.Result awaitMirrorEqualsOrigin() throws Exception {
        Verification.Result result = convergence().awaitEqual(stack.postgres().dataSource(mirrorDb)::getConnection,
                Duration.ofMinutes(3));
        assertThat(result.untranslatable()).isEmpty();
        return result;
    }

    @Test
    void anOpsSiteIsDetectedAndItsMirrorEqualsTheOriginThroughOpsStyleChanges() throws Exception {
        sidecar = startSidecar();
        SourceInspection inspection = sidecar.getBean(SourceInspection.class);
        assertThat(inspection.setting()).isEqualTo(VariantSetting.AUTO);
        assertThat(inspection.variant()).isEqualTo(GazelleVariant.OPS);
        assertThat(inspection.detection().evidence()).contains("artists_group.PrimaryAlias");
        mirror = startMirror();
        await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        Verification.Result snapshot = awaitMirrorEqualsOrigin();
        assertThat(snapshot.entities().get("release").originRows()).isGreaterThan(100);
        assertThat(snapshot.entities().get("artist").originRows()).isGreaterThan(50);
        assertThat(snapshot.entities().get("release_group_artist").originRows()).isGreaterThan(100);
        // OPS's community tables and album votes are compared too, not merely absent on both sides.
        for (String entity : List.of("forum_category", "forum", "forum_topic", "forum_post", "comment", "collage",
                "collage_release_group", "collage_artist", "request", "request_artist", "request_tag",
                "release_group_votes")) {
            assertThat(snapshot.entities().get(entity).originRows()).as(entity).isPositive();
        }

        OpsChanges changes;
        try (Connection c = source().connect(gazelleDb)) {
            changes = OpsChanges.play(c);
        }
        awaitMirrorEqualsOrigin();
        // Then OPS's traffic at random, with the tracker's and the users' noise.
        try (Connection c = source().connect(gazelleDb)) {
            OpsWorkload workload = new OpsWorkload(c, 17);
            for (int step = 1; step <= 80; step++) {
                workload.step();
                if (step % 10 == 0) {
                    workload.trackerFlush(10);
                    workload.userActivity();
                    workload.sendPrivateMessage();
                }
            }
        }
        awaitMirrorEqualsOrigin();

        DataSource mirrorDs = stack.postgres().dataSource(mirrorDb);
        try (Connection m = mirrorDs.getConnection()) {
            assertThat(MirrorReader.readOne(m, origin, NeutralSchema.ARTIST, Map.of("artist_id", changes.artist())))
                    .get().satisfies(a -> {
                        assertThat(a.get("name")).isNull();
                        assertThat(a).containsEntry("primary_alias_id", changes.renamedAlias())
                                .containsEntry("revision_id", changes.biography());
                    });
            assertThat(MirrorReader.readOne(m, origin, NeutralSchema.ARTIST_ALIAS,
                    Map.of("alias_id", changes.firstAlias()))).get().satisfies(a -> assertThat(a)
                    .containsEntry("name", OpsChanges.ARTIST_NAME)
                    .containsEntry("redirect_alias_id", changes.renamedAlias()));
            assertThat(MirrorReader.readOne(m, origin, NeutralSchema.RELEASE_GROUP,
                    Map.of("release_group_id", changes.group()))).get()
                    .satisfies(g -> assertThat(g).containsEntry("release_type", "dj_mix"));
            assertThat(MirrorReader.readOne(m, origin, NeutralSchema.RELEASE_GROUP_ARTIST,
                    credit(changes.group(), changes.firstAlias(), "arranger"))).isPresent();
            assertThat(MirrorReader.readOne(m, origin, NeutralSchema.RELEASE_GROUP_ARTIST,
                    credit(changes.group(), changes.mergedAlias(), "arranger"))).isEmpty();
            assertThat(MirrorReader.readOne(m, origin, NeutralSchema.RELEASE,
                    Map.of("release_id", changes.softDeleted()))).isEmpty();
            try (Statement s = m.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM herd.quarantine")) {
                rs.next();
                assertThat(rs.getLong(1)).as("quarantined records").isZero();
            }
        }
        // The tracker flushed the new torrent's statistics twice into torrents_leech_stats: the
        // release topic holds its upload and nothing else.
        List<NeutralRecord> upload = records("release").stream()
                .filter(r -> r.key().get("release_id").equals(changes.torrent())).toList();
        assertThat(upload).singleElement().extracting(NeutralRecord::op).isEqualTo(Operation.UPSERT);
        assertNoSecretIn(allRecordText(), mirrorText(mirrorDs));
    }

    private static Map<String, Object> credit(long group, long alias, String role) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("release_group_id", group);
        key.put("alias_id", alias);
        key.put("role", role);
        return key;
    }

    private List<ConsumerRecord<byte[], byte[]>> topic(String... topics) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "scan-" + UUID.randomUUID());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics().forEach((topic, infos) -> {
                boolean wanted = topics.length == 0 ? topic.startsWith("herd." + origin + ".")
                        : List.of(topics).contains(topic);
                if (wanted) {
                    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private List<NeutralRecord> records(String entity) {
        return topic("herd." + origin + "." + entity).stream().map(r -> WireFormat.decode(r.value())).toList();
    }

    private List<String> allRecordText() {
        return topic().stream().map(r -> (r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8))
                + (r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8))).toList();
    }

    private static List<String> mirrorText(DataSource mirror) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = mirror.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "herd", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add("herd.\"" + rs.getString("TABLE_NAME") + "\"");
                }
            }
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT t::text FROM " + table
                        + " t")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
            }
        }
        return rows;
    }

    private static void assertNoSecretIn(List<String> kafka, List<String> mirror) {
        assertThat(kafka).hasSizeGreaterThan(1000);
        assertThat(mirror).hasSizeGreaterThan(1000);
        // The scan reads what it should: a public value of the changes is found the same way.
        assertThat(kafka).anyMatch(t -> t.contains("Isles"));
        assertThat(mirror).anyMatch(t -> t.contains("Isles"));
        for (String needle : List.of(SECRET, SECRET.substring(0, 32), ADDRESS)) {
            assertThat(kafka).as("Kafka records containing %s", needle).noneMatch(t -> t.contains(needle));
            assertThat(mirror).as("mirror rows containing %s", needle).noneMatch(t -> t.contains(needle));
        }
    }

    /**
     * Changes written as OPS's PHP code and tracker write them, each in a transaction of its own,
     * under OPS's strict sql_mode.
     */
    record OpsChanges(long artist, long firstAlias, long mergedAlias, long renamedAlias, long biography, long group,
            long torrent, long softDeleted) {

        /** Outside the Basic Multilingual Plane on purpose: OPS stores utf8mb4. */
        static final String ARTIST_NAME = "Bicep \uD83C\uDFA7 \u03A9";

        static OpsChanges play(Connection c) throws Exception {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = '" + GazelleSchema.sqlMode(GazelleVariant.OPS) + "'");
            }
            c.setAutoCommit(false);
            long user = scalar(c, "SELECT MIN(ID) FROM users_main");

            // Manager\Artist::create: the artist with PrimaryAlias 0 (checks relaxed), its alias,
            // then the pointer.
            relax(c, true);
            long artist = insert(c, "INSERT INTO artists_group (PrimaryAlias) VALUES (0)");
            long alias = insert(c, "INSERT INTO artists_alias (ArtistID, Name) VALUES (?, ?)", artist, ARTIST_NAME);
            update(c, "UPDATE artists_group SET PrimaryAlias = ? WHERE ArtistID = ?", alias, artist);
            relax(c, false);
            c.commit();
            long second = insert(c, "INSERT INTO artists_alias (ArtistID, Name, UserID) VALUES (?, 'BICEP', ?)",
                    artist, user);
            c.commit();

            // An upload creating a DJ mix (a release type WhatCD lacked) credited to the artist
            // under both names, the second as arranger; the torrent, its statistics row and a flag.
            long group = insert(c, "INSERT INTO torrents_group (CategoryID, Name, Year, RecordLabel, CatalogueNumber,"
                    + " ReleaseType, Time, WikiBody, WikiImage, VanityHouse) VALUES (1, 'Isles', 2021, 'Ninja Tune',"
                    + " 'ZEN270', 17, NOW(), '[b]Isles[/b]', '', 0)");
            update(c, "INSERT INTO torrents_artists (GroupID, UserID, AliasID, artist_role_id, Importance) VALUES"
                    + " (?, ?, ?, 1, '1'), (?, ?, ?, 8, '8')", group, user, alias, group, user, second);
            byte[] hash = new byte[20];
            new java.util.Random(group).nextBytes(hash);
            long torrent = insert(c, "INSERT INTO torrents (GroupID, UserID, Media, Format, Encoding, info_hash,"
                    + " FileCount, FileList, FilePath, Size, Description) VALUES (?, ?, 'WEB', 'FLAC', 'Lossless', ?,"
                    + " 1, '.flac s1000s 01 - Atlas.flac\u00F7', 'Bicep - Isles', 1000, 'Source: Bandcamp')",
                    group, user, hash);
            update(c, "INSERT INTO torrents_leech_stats (TorrentID) VALUES (?)", torrent);
            update(c, "INSERT INTO torrent_has_attr (TorrentID, TorrentAttrID, UserID) VALUES (?, 3, ?)",
                    torrent, user);
            c.commit();

            // Ocelot's flushes, twice: on OPS they touch only torrents_leech_stats.
            for (int flush = 1; flush <= 2; flush++) {
                update(c, "INSERT INTO torrents_leech_stats (TorrentID, Seeders, Leechers, Snatched, last_action)"
                        + " SELECT ID, ?, 1, ?, NOW() FROM torrents WHERE ID = ? OR ID % 17 = 0 ON DUPLICATE KEY UPDATE"
                        + " Seeders = VALUES(Seeders), Leechers = VALUES(Leechers), Snatched = VALUES(Snatched),"
                        + " last_action = VALUES(last_action)", 3 + flush, 10 * flush, torrent);
                c.commit();
            }

            // Artist::merge: the second name's credits move to the first (a key change), then it
            // redirects to it.
            update(c, "UPDATE IGNORE torrents_artists SET AliasID = ? WHERE AliasID = ?", alias, second);
            update(c, "UPDATE artists_alias SET Redirect = ? WHERE AliasID = ?", alias, second);
            c.commit();

            // Artist::rename: a new alias becomes the primary one; the old name redirects to it.
            long renamed = insert(c, "INSERT INTO artists_alias (ArtistID, Name, UserID) VALUES (?, 'Bicep (UK)', ?)",
                    artist, user);
            update(c, "UPDATE artists_group SET PrimaryAlias = ? WHERE ArtistID = ?", renamed, artist);
            update(c, "UPDATE artists_alias SET Redirect = ? WHERE AliasID = ?", renamed, alias);
            c.commit();

            // A biography, with OPS's lower-case summary column.
            long revision = insert(c, "INSERT INTO wiki_artists (PageID, Body, UserID, summary, Image) VALUES"
                    + " (?, 'From Belfast.', ?, 'First biography', NULL)", artist, user);
            update(c, "UPDATE artists_group SET RevisionID = ? WHERE ArtistID = ?", revision, artist);
            c.commit();

            // Torrent::remove on a flagged torrent: copies into the deleted_ tables, then deletes,
            // with constraint checks relaxed (the statistics row stays behind, as on OPS).
            long doomed = scalar(c, "SELECT MIN(TorrentID) FROM torrent_has_attr WHERE TorrentID <> " + torrent);
            relax(c, true);
            update(c, "INSERT INTO deleted_torrents_leech_stats SELECT * FROM torrents_leech_stats WHERE TorrentID = ?",
                    doomed);
            update(c, "INSERT INTO deleted_torrent_has_attr SELECT * FROM torrent_has_attr WHERE TorrentID = ?",
                    doomed);
            update(c, "DELETE FROM torrent_has_attr WHERE TorrentID = ?", doomed);
            update(c, "INSERT INTO deleted_torrents SELECT * FROM torrents WHERE ID = ?", doomed);
            update(c, "DELETE FROM torrents WHERE ID = ?", doomed);
            relax(c, false);
            c.commit();

            // A tag vote and a release edit.
            update(c, "UPDATE torrents_tags SET PositiveVotes = PositiveVotes + 1 ORDER BY GroupID LIMIT 1");
            update(c, "UPDATE torrents SET Description = 'Re-ripped from the master' ORDER BY ID LIMIT 1");
            c.commit();
            c.setAutoCommit(true);
            return new OpsChanges(artist, alias, second, renamed, revision, group, torrent, doomed);
        }

        private static void relax(Connection c, boolean relaxed) throws Exception {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION foreign_key_checks = " + (relaxed ? 0 : 1));
            }
        }

        private static long insert(Connection c, String sql, Object... args) throws Exception {
            try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                bind(ps, args);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private static void update(Connection c, String sql, Object... args) throws Exception {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                ps.executeUpdate();
            }
        }

        private static long scalar(Connection c, String sql) throws Exception {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private static void bind(PreparedStatement ps, Object[] args) throws Exception {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
        }
    }
}
