package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.herd.simulator.SiteWorkload;
import org.herd.testkit.canary.Canary;
import org.herd.testkit.canary.CanaryPlanter;
import org.herd.testkit.canary.CanaryScan;
import org.herd.testkit.canary.Planting;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.testkit.MirrorConvergence;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.verify.OriginSource;
import org.herd.verify.Verification;
import org.herd.testkit.LeakScan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The privacy promise as a test, for one Gazelle variant: a unique canary in every non-public
 * column of every table the catalogue names (and of every other table of the database), planted
 * before the snapshot and again in live rows while the sidecar streams, reaches none of the
 * places Herd's data goes: no record of any topic the sidecar writes (keys, values, headers;
 * Debezium's offsets and schema history and the quarantine topic included), no row of any table
 * of a mirror database, no file or line of an archive made from the topics, no line the sidecar
 * and the mirror log. Public values planted the same
 * way are found in the same places, proof that the scans read what they are given.
 *
 * <p>Nothing here names a table or a column: the canaries follow from the catalogue at run time,
 * so a table added to it is covered the moment it is, and a subclass per variant is one line.
 * The sidecar reads Gazelle as a user who may read every column, as if an operator granted too
 * much: what keeps private data at the origin here is the capture configuration and the
 * translator, not the grants ({@code GrantsIT} covers those).
 */
abstract class AbstractPrivacyLeakIT {

    private ReplicatedSite site;

    /** The Gazelle variant under test. */
    protected abstract GazelleVariant variant();

    /** Per planting's tag, the staff topic planted and its forum. */
    private final Map<String, long[]> topics = new HashMap<>();

    /**
     * Canaries in the public columns of rows a row filter keeps home: a topic with a post in a staff
     * forum, a deleted collage with an entry, a hidden request, and a comment on each of the two.
     * The catalogue cannot say which rows those are; both variants' community tables have these
     * columns. Called before the snapshot and with each live planting.
     */
    protected List<Canary> plantInHiddenRows(Connection c, int round) throws SQLException {
        List<Canary> canaries = new ArrayList<>();
        String tag = "HIDDEN" + round + "x" + UUID.randomUUID().toString().substring(0, 8);
        try (Statement s = c.createStatement()) {
            // The entry names a group by id, as a planted row may; the variant's foreign keys need not hold.
            s.execute("SET SESSION foreign_key_checks = 0");
        }
        long staffForum = single(c, "SELECT MIN(ID) FROM forums WHERE MinClassRead > 100");
        long topic = insert(c, "INSERT INTO forums_topics (Title, AuthorID, ForumID, LastPostID, LastPostAuthorID, "
                + "CreatedTime) VALUES (?, 1, ?, 0, 1, NOW())", text(canaries, "forums_topics", "Title", tag), staffForum);
        insert(c, "INSERT INTO forums_posts (TopicID, AuthorID, AddedTime, Body) VALUES (?, 1, NOW(), ?)", topic,
                text(canaries, "forums_posts", "Body", tag));
        topics.put(tag, new long[] {topic, staffForum});
        long collage = insert(c, "INSERT INTO collages (Name, Description, UserID, Deleted, CategoryID, updated) "
                + "VALUES (?, ?, 1, '1', 1, NOW())", text(canaries, "collages", "Name", tag),
                text(canaries, "collages", "Description", tag));
        insert(c, "INSERT INTO collages_torrents (CollageID, GroupID, UserID, Sort, AddedOn) "
                + "SELECT ?, MIN(ID), 1, 10, NOW() FROM torrents_group", collage);
        long request = insert(c, "INSERT INTO requests (UserID, TimeAdded, CategoryID, Title, Description, "
                + "CatalogueNumber, Visible) VALUES (1, NOW(), 1, ?, ?, '', '0')",
                text(canaries, "requests", "Title", tag), text(canaries, "requests", "Description", tag));
        for (Object[] page : new Object[][] {{"collages", collage}, {"requests", request}}) {
            insert(c, "INSERT INTO comments (Page, PageID, AuthorID, AddedTime, Body) VALUES (?, ?, 1, NOW(), ?)",
                    page[0], page[1], text(canaries, "comments", "Body", tag + page[0]));
        }
        return canaries;
    }

    /**
     * The workload's moveTopic may take a staff topic into a public forum, publishing it; the
     * canaries of a topic no longer in the staff forum it was planted in are not searched for.
     */
    protected List<Canary> stillHidden(Connection c, List<Canary> hidden) throws SQLException {
        List<Canary> kept = new ArrayList<>();
        for (Canary canary : hidden) {
            String tag = ((String) canary.value()).substring(0, ((String) canary.value()).indexOf('-'));
            long[] topic = topics.get(tag);
            boolean inTopic = canary.table().equals("forums_topics") || canary.table().equals("forums_posts");
            if (!inTopic || single(c, "SELECT ForumID FROM forums_topics WHERE ID = " + topic[0]) == topic[1]) {
                kept.add(canary);
            }
        }
        return kept;
    }

    private static String text(List<Canary> canaries, String table, String column, String tag) {
        String value = tag + "-" + table + "." + column;
        canaries.add(Canary.text("hidden " + value, table, column, value));
        return value;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }

    @BeforeEach
    void site() throws SQLException {
        site = new ReplicatedSite("leak", variant());
    }

    /** Where the archive of the topics is written; JUnit deletes it after the test. */
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path archiveParent;

    @AfterEach
    void stopApps() {
        site.close();
        // Only to stop keeping: the test searched what it kept; an overflow after it is no finding.
        try {
            LogCapture.stopKeeping();
        } catch (IllegalStateException afterTheSearch) {
            // the log of closing apps, kept after the search
        }
    }

    @Test
    void noCanaryLeavesTheOriginInAnyFormWhilePublicValuesPlantedTheSameWayArrive() throws Exception {
        CanaryPlanter planter = new CanaryPlanter(GazelleCatalogue.of(variant()));
        List<Canary> hidden = new ArrayList<>();
        site.generate(23, 0.0005);
        try (Connection c = site.gazelle()) {
            planter.plant(c);
            hidden.addAll(plantInHiddenRows(c, 0));
        }
        LogCapture.startKeeping();
        // The default user policy, pseudonymous: authors leave as keyed hashes, user names never.
        site.startSidecar("herd.sidecar.variant=" + variant());
        site.startMirror("mirror");
        await().atMost(Duration.ofMinutes(3)).until(site.sidecarProgress()::isSnapshotCompleted);

        // Live: Gazelle's own traffic, and fresh canaries in live rows and new rows as it streams.
        int livePlantings = 0;
        try (Connection work = site.gazelle(); Connection plant = site.gazelle()) {
            SiteWorkload workload = SiteWorkload.of(variant(), work, 29);
            for (int step = 1; step <= 120; step++) {
                workload.step();
                if (step % 10 == 0) {
                    workload.noise(5);
                }
                if (step % 40 == 0) {
                    planter.plantInExistingRows(plant);
                    planter.plantInNewRows(plant);
                    livePlantings++;
                    hidden.addAll(plantInHiddenRows(plant, livePlantings));
                }
            }
        }
        assertThat(livePlantings).isEqualTo(3);
        try (Connection c = site.gazelle()) {
            List<Canary> kept = stillHidden(c, hidden);
            System.out.printf("%s: %d canaries in rows a row filter keeps home (%d published meanwhile by the "
                    + "workload, not searched for)%n", variant(), kept.size(), hidden.size() - kept.size());
            assertThat(kept).isNotEmpty();
            hidden.retainAll(kept);
        }
        Verification.Origin publicState = awaitMirrorEqualsOrigin();
        // Stopped before the search: the sidecar has delivered whatever it sent, and the log holds
        // all that both wrote.
        site.close();

        Planting planted = planter.planted();
        List<Canary> canaries = new ArrayList<>(planted.canaries());
        canaries.addAll(hidden);
        List<Canary> controls = planted.controls();
        // The controls the origin's public state still holds (the workload may have changed or
        // deleted some rows since; a row filter or a quarantine may keep others back) must be
        // found wherever public data goes.
        CanaryScan originControls = new CanaryScan(List.of(), controls);
        try (Connection c = site.gazelle(); OriginSource rows = new OriginSource(
                publicState.translator(), publicState.tables(), c, publicState.lookups())) {
            for (EntityType entity : NeutralSchema.entities()) {
                rows.rows(entity, null, (key, payload) -> originControls.scan(entity.name(), key + " " + payload));
            }
        }
        assertThat(originControls.controlsFound()).isNotEmpty();

        System.out.printf("%s: %d canaries in %d tables, %d controls (%d of them in the final public state); "
                + "columns without a canary:%n%s%n", variant(), canaries.size(), planted.tables().size(),
                controls.size(), originControls.controlsFound().size(), planted.unplantable().stream()
                        .map(u -> "  " + u).collect(Collectors.joining("\n")));
        // User names are private under the default user policy: they are among the canaries.
        assertThat(canaries).extracting(Canary::label).anySatisfy(l -> assertThat(l).startsWith("users_main.Username#"));
        Set<String> unplantable = planted.unplantable().stream().map(u -> u.table() + "." + u.column())
                .collect(Collectors.toSet());
        assertThat(planted.tables()).containsAll(GazelleCatalogue.of(variant()).tables().stream()
                .filter(t -> t.columns().stream().anyMatch(c -> !c.isPublic()
                        && !unplantable.contains(t.name() + "." + c.name())))
                .map(t -> t.name()).toList());

        // Kafka: every record of every topic the sidecar writes.
        CanaryScan kafka = new CanaryScan(canaries, controls);
        LeakScan.Scanned topics = LeakScan.topics(site.bootstrap(), site.prefix, kafka);
        assertThat(topics.sources()).contains(site.prefix + "._offsets", site.prefix + "._schema-history",
                TopicNames.quarantineTopic(site.prefix), site.prefix + ".release", site.prefix + ".release_group");
        assertThat(topics.items()).isGreaterThan(1000);
        assertThat(kafka.leaks()).as(kafka.describeLeaks()).isEmpty();
        assertThat(kafka.controlsFound()).containsAll(originControls.controlsFound());

        // An archive made from the topics (docs/archive.md): every file, every line, every record's
        // key and value decoded.
        java.nio.file.Path archiveDir = archive();
        CanaryScan archiveScan = new CanaryScan(canaries, controls);
        LeakScan.Scanned archived = LeakScan.archive(archiveDir, archiveScan);
        assertThat(archived.sources()).contains("manifest.json", "entities/release.jsonl.zst");
        assertThat(archived.items()).isGreaterThan(1000);
        assertThat(archiveScan.leaks()).as(archiveScan.describeLeaks()).isEmpty();
        assertThat(archiveScan.controlsFound()).isNotEmpty();

        // The mirror: every row of every table, bookkeeping and quarantine included.
        CanaryScan database = new CanaryScan(canaries, controls);
        LeakScan.Scanned tables;
        try (Connection c = site.mirrorDb("mirror").getConnection()) {
            tables = LeakScan.postgres(c, database);
        }
        assertThat(tables.sources()).contains("herd.release", "herd.release_group", "herd.quarantine");
        assertThat(tables.items()).isGreaterThan(1000);
        assertThat(database.leaks()).as(database.describeLeaks()).isEmpty();
        assertThat(database.controlsFound()).containsAll(originControls.controlsFound());

        // What the sidecar and the mirror logged meanwhile.
        List<String> log = LogCapture.stopKeeping();
        CanaryScan logScan = new CanaryScan(canaries, List.of());
        for (int i = 0; i < log.size(); i++) {
            logScan.scan("log event " + i, log.get(i));
        }
        assertThat(log).isNotEmpty();
        assertThat(logScan.leaks()).as(logScan.describeLeaks()).isEmpty();
        System.out.printf("%s: scanned %d records of %d topics, %d rows of %d mirror tables, %d log events%n",
                variant(), topics.items(), topics.sources().size(), tables.items(), tables.sources().size(), log.size());
    }

    /** Publishes the test trust root and writes an archive of the topics with the command line. */
    private java.nio.file.Path archive() throws java.io.IOException {
        String root = org.herd.testkit.TestTrust.sidecarProperties(site.origin, 1).stream()
                .filter(p -> p.startsWith("herd.sidecar.trust.root-file=")).map(p -> p.substring(p.indexOf('=') + 1))
                .findFirst().orElseThrow();
        java.nio.file.Path dir = archiveParent.resolve("archive-" + site.origin);
        for (String[] args : new String[][] {
                {"trust", "publish", "--root", root, "--herd.sidecar.origin=" + site.origin,
                        "--herd.sidecar.kafka.bootstrap-servers=" + site.bootstrap()},
                {"archive", "create", "--out", dir.toString(), "--origin", site.origin, "--bootstrap-servers",
                        site.bootstrap(), "--trust-root", root}}) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int exit = Herd.commandLine(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                    new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)).execute(args);
            assertThat(exit).as(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isZero();
        }
        return dir;
    }

    /** Waits until the mirror equals the origin; returns the origin as the comparison read it. */
    private Verification.Origin awaitMirrorEqualsOrigin() throws Exception {
        MirrorConvergence convergence = site.convergence();
        convergence.awaitEqual(site.mirrorDb("mirror")::getConnection, Duration.ofMinutes(3));
        return convergence.origin();
    }
}
