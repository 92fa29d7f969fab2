package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.simulator.OpsWorkload;
import org.herd.sidecar.config.VariantSetting;
import org.herd.sidecar.source.SourceInspection;
import org.herd.testkit.LeakScan;
import org.herd.testkit.Published;
import org.herd.testkit.SourceServer;
import org.herd.testkit.canary.Canary;
import org.herd.testkit.canary.CanaryScan;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.schema.NeutralSchema;
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
    protected abstract SourceServer source();

    private static final String SECRET = "canary-" + UUID.randomUUID();
    private static final String ADDRESS = "203.0.113.78";
    /** The secrets planted at the origin: each searched for as text, base64 and hex. */
    private static final List<Canary> SECRETS = List.of(
            Canary.text("users_main.Email, PassHash; pm_messages.Body; torrents.FilePath", "users_main", "*", SECRET),
            Canary.text("users_main.auth_key, IRCKey", "users_main", "auth_key", SECRET.substring(0, 32)),
            Canary.text("users_main.IP", "users_main", "IP", ADDRESS));
    /** A public value of the changes below: the scans must find it. */
    private static final Canary CONTROL = Canary.text("torrents_group.Name", "torrents_group", "Name", "Isles");

    private ReplicatedSite site;

    @BeforeEach
    void origin() throws Exception {
        site = new ReplicatedSite("ops", GazelleVariant.OPS, source());
        site.generate(7, 0.0005);
        try (Connection c = site.gazelle(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE users_main SET Email = CONCAT('" + SECRET + "', ID), PassHash = '" + SECRET
                    + "', auth_key = '" + SECRET.substring(0, 32) + "', IRCKey = '" + SECRET.substring(0, 32)
                    + "', IP = '" + ADDRESS + "' ORDER BY ID LIMIT 5");
            s.executeUpdate("UPDATE pm_messages SET Body = CONCAT('" + SECRET + " ', Body) ORDER BY ID LIMIT 5");
            s.executeUpdate("UPDATE torrents SET FilePath = '" + SECRET + "' ORDER BY ID LIMIT 5");
        }
    }

    @AfterEach
    void stopApps() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void anOpsSiteIsDetectedAndItsMirrorEqualsTheOriginThroughOpsStyleChanges() throws Exception {
        // No herd.sidecar.variant: the sidecar detects OPS itself.
        ConfigurableApplicationContext sidecar = site.startSidecar();
        SourceInspection inspection = sidecar.getBean(SourceInspection.class);
        assertThat(inspection.setting()).isEqualTo(VariantSetting.AUTO);
        assertThat(inspection.variant()).isEqualTo(GazelleVariant.OPS);
        assertThat(inspection.detection().evidence()).contains("artists_group.PrimaryAlias");
        site.startMirror("mirror", "herd.mirror.batch-size=200");
        await().atMost(Duration.ofMinutes(3)).until(site.sidecarProgress()::isSnapshotCompleted);
        Verification.Result snapshot = site.awaitMirrorHoldsEveryOriginRow("mirror", Duration.ofMinutes(3));
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
        try (Connection c = site.gazelle()) {
            changes = OpsChanges.play(c);
        }
        site.awaitMirrorHoldsEveryOriginRow("mirror", Duration.ofMinutes(3));
        // Then OPS's traffic at random, with the tracker's and the users' noise.
        try (Connection c = site.gazelle()) {
            OpsWorkload workload = new OpsWorkload(c, 17);
            for (int step = 1; step <= 80; step++) {
                workload.step();
                if (step % 10 == 0) {
                    workload.noise(10);
                }
            }
        }
        site.awaitMirrorHoldsEveryOriginRow("mirror", Duration.ofMinutes(3));

        try (Connection m = site.mirrorDb("mirror").getConnection()) {
            assertThat(MirrorReader.readOne(m, site.origin, NeutralSchema.ARTIST,
                    Map.of("artist_id", changes.artist())))
                    .get().satisfies(a -> {
                        assertThat(a.get("name")).isNull();
                        assertThat(a).containsEntry("primary_alias_id", changes.renamedAlias())
                                .containsEntry("revision_id", changes.biography());
                    });
            assertThat(MirrorReader.readOne(m, site.origin, NeutralSchema.ARTIST_ALIAS,
                    Map.of("alias_id", changes.firstAlias()))).get().satisfies(a -> assertThat(a)
                    .containsEntry("name", OpsChanges.ARTIST_NAME)
                    .containsEntry("redirect_alias_id", changes.renamedAlias()));
            assertThat(MirrorReader.readOne(m, site.origin, NeutralSchema.RELEASE_GROUP,
                    Map.of("release_group_id", changes.group()))).get()
                    .satisfies(g -> assertThat(g).containsEntry("release_type", "dj_mix"));
            assertThat(MirrorReader.readOne(m, site.origin, NeutralSchema.RELEASE_GROUP_ARTIST,
                    credit(changes.group(), changes.firstAlias(), "arranger"))).isPresent();
            assertThat(MirrorReader.readOne(m, site.origin, NeutralSchema.RELEASE_GROUP_ARTIST,
                    credit(changes.group(), changes.mergedAlias(), "arranger"))).isEmpty();
            assertThat(MirrorReader.readOne(m, site.origin, NeutralSchema.RELEASE,
                    Map.of("release_id", changes.softDeleted()))).isEmpty();
            try (Statement s = m.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM herd.quarantine")) {
                rs.next();
                assertThat(rs.getLong(1)).as("quarantined records").isZero();
            }
        }
        // Stopped before Kafka is read: the sidecar has delivered whatever it sent, so what the
        // topics lack now, it never published.
        site.close();
        // The tracker flushed the new torrent's statistics twice into torrents_leech_stats: the
        // release topic holds its upload and nothing else.
        List<NeutralRecord> upload = Published.records(site.bootstrap(), site.prefix + ".release").stream()
                .filter(r -> r.key().get("release_id").equals(changes.torrent())).toList();
        assertThat(upload).singleElement().extracting(NeutralRecord::op).isEqualTo(Operation.UPSERT);
        assertNoSecretInKafkaOrTheMirror();
    }

    private static Map<String, Object> credit(long group, long alias, String role) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("release_group_id", group);
        key.put("alias_id", alias);
        key.put("role", role);
        return key;
    }

    private void assertNoSecretInKafkaOrTheMirror() throws Exception {
        CanaryScan kafka = new CanaryScan(SECRETS, List.of(CONTROL));
        assertThat(LeakScan.topics(site.bootstrap(), site.prefix, kafka).items()).isGreaterThan(1000);
        CanaryScan mirror = new CanaryScan(SECRETS, List.of(CONTROL));
        try (Connection c = site.mirrorDb("mirror").getConnection()) {
            assertThat(LeakScan.postgres(c, mirror).items()).isGreaterThan(1000);
        }
        // The scans read what they should: a public value of the changes is found the same way.
        assertThat(kafka.controlsFound()).containsExactly(CONTROL.label());
        assertThat(mirror.controlsFound()).containsExactly(CONTROL.label());
        assertThat(kafka.leaks()).as(kafka.describeLeaks()).isEmpty();
        assertThat(mirror.leaks()).as(mirror.describeLeaks()).isEmpty();
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
