package org.herd.gazelle.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herd.gazelle.generate.GazelleDataGeneratorIT.count;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.catalogue.TableDef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live workload against a real MariaDB holding generated data. */
class GazelleWorkloadIT {

    private static final GazelleCatalogue CATALOGUE = GazelleCatalogue.of(GazelleVariant.WHATCD);
    private static EmbeddedMariaDb mariaDb;

    @BeforeAll
    static void start() {
        mariaDb = EmbeddedMariaDb.start(null);
    }

    @AfterAll
    static void stop() {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    private static Connection loaded(String db, long seed) throws SQLException {
        mariaDb.createDatabase(db);
        Connection c = mariaDb.connect(db);
        GazelleSchema.load(c, GazelleVariant.WHATCD);
        new GazelleDataGenerator(new GeneratorSettings(seed, 0.001)).load(c, null);
        return c;
    }

    @Test
    void twoHundredStepsEachChangeTheRowTheyName() throws SQLException {
        try (Connection c = loaded("steps", 3); Connection check = mariaDb.connect("steps")) {
            long maxTorrent = count(check, "SELECT MAX(ID) FROM torrents");
            GazelleWorkload workload = new GazelleWorkload(c, 11);
            Map<String, Integer> kinds = new TreeMap<>();
            long started = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                Map<String, Long> before = checksums(check);
                WorkloadStep step = workload.step();
                kinds.merge(step.kind(), 1, Integer::sum);
                assertChanged(check, step, before);
            }
            System.out.printf("200 workload steps in %d ms: %s%n", (System.nanoTime() - started) / 1_000_000, kinds);
            assertThat(kinds.keySet()).contains("newUpload", "editRelease", "voteTag", "addWikiRevision", "voteAlbum");
            // Uploads continued the id space of the loaded data.
            assertThat(count(check, "SELECT MIN(ID) FROM torrents WHERE ID > " + maxTorrent)).isEqualTo(maxTorrent + 1);
            // The workload keeps Gazelle's denormalised copies in step, as the PHP code does.
            assertThat(count(check, """
                    SELECT COUNT(*) FROM torrents_group g
                    LEFT JOIN (SELECT tt.GroupID, REPLACE(GROUP_CONCAT(t.Name ORDER BY t.Name SEPARATOR ' '), '.', '_') AS l
                               FROM torrents_tags tt JOIN tags t ON t.ID = tt.TagID GROUP BY tt.GroupID) x ON x.GroupID = g.ID
                    WHERE NOT (g.TagList <=> x.l)""")).isZero();
            assertThat(count(check, """
                    SELECT COUNT(*) FROM torrents_group g
                    JOIN (SELECT PageID, MAX(RevisionID) AS r FROM wiki_torrents GROUP BY PageID) m ON m.PageID = g.ID
                    JOIN wiki_torrents w ON w.RevisionID = m.r
                    WHERE NOT (g.RevisionID <=> m.r) OR g.WikiBody <> w.Body OR g.WikiImage <> w.Image""")).isZero();
            assertThat(count(check, "SELECT COUNT(*) FROM artists_group a WHERE NOT EXISTS "
                    + "(SELECT 1 FROM artists_alias aa WHERE aa.ArtistID = a.ArtistID AND aa.Name = a.Name)")).isZero();
            assertThat(count(check, "SELECT COUNT(*) FROM torrents WHERE info_hash = ''")).isZero();
            // Album votes stay the counts of who voted, and every group of a new or edited torrent
            // is queued for the search index.
            assertThat(count(check, """
                    SELECT COUNT(*) FROM torrents_votes v
                    LEFT JOIN (SELECT GroupID, SUM(Type = 'Up') AS ups, COUNT(*) AS total FROM users_votes GROUP BY GroupID) x
                      ON x.GroupID = v.GroupID
                    WHERE NOT (x.ups <=> v.Ups AND x.total <=> v.Total)""")).isZero();
            assertThat(count(check, "SELECT COUNT(*) FROM torrents WHERE ID > " + maxTorrent
                    + " AND ID NOT IN (SELECT ID FROM sphinx_delta)")).isZero();
        }
    }

    @Test
    void noiseStepsChangeOnlyWhatTheySay() throws SQLException {
        try (Connection c = loaded("noise", 4); Connection check = mariaDb.connect("noise")) {
            GazelleWorkload workload = new GazelleWorkload(c, 12);
            List<WorkloadStep> steps = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                // Deletes first, so that a later flush meets a torrent the site no longer has.
                Map<String, Long> before = checksums(check);
                WorkloadStep delete = workload.deleteTorrent();
                assertChanged(check, delete, before);
                steps.add(delete);
            }
            for (int i = 0; i < 30; i++) {
                for (int kind = 0; kind < 5; kind++) {
                    Map<String, Long> before = checksums(check);
                    WorkloadStep step = switch (kind) {
                        case 0 -> workload.trackerFlush(50);
                        case 1 -> workload.userActivity();
                        case 2 -> workload.sendPrivateMessage();
                        case 3 -> workload.renameArtist();
                        default -> workload.newUpload();
                    };
                    assertChanged(check, step, before);
                    steps.add(step);
                }
            }
            assertThat(steps).extracting(WorkloadStep::kind).contains("trackerFlush", "userActivity", "sendPrivateMessage");
            // Some flush named a torrent deleted before it: the upsert made a ghost row, which the
            // flush's own clean-up removed again.
            List<String> deleted = steps.stream().filter(s -> s.kind().equals("deleteTorrent")).map(WorkloadStep::key).toList();
            assertThat(steps.stream().filter(s -> s.kind().equals("trackerFlush"))
                    .anyMatch(s -> List.of(s.key().split(",")).stream().anyMatch(deleted::contains))).isTrue();
            assertThat(count(check, "SELECT COUNT(*) FROM torrents WHERE info_hash = ''")).isZero();
        }
    }

    @Test
    void sameSeedOnSameDataMakesTheSameChanges() throws SQLException {
        List<WorkloadStep> first;
        List<WorkloadStep> second;
        try (Connection c = loaded("same_a", 5)) {
            first = new GazelleWorkload(c, 99).run(40);
        }
        try (Connection c = loaded("same_b", 5)) {
            second = new GazelleWorkload(c, 99).run(40);
        }
        assertThat(second).isEqualTo(first);
        try (Connection a = mariaDb.connect("same_a"); Connection b = mariaDb.connect("same_b")) {
            assertThat(checksums(b)).isEqualTo(checksums(a));
        }
    }

    /**
     * The step's table changed, and no table the step does not name changed unless the step kind
     * is one that Gazelle makes touch several tables at once.
     */
    private static void assertChanged(Connection check, WorkloadStep step, Map<String, Long> before) throws SQLException {
        Map<String, Long> after = checksums(check);
        assertThat(after.get(step.table())).as("checksum of %s after %s", step.table(), step).isNotEqualTo(before.get(step.table()));
        boolean present = exists(check, step);
        if (step.kind().equals("deleteTorrent")) {
            assertThat(present).as("row of %s", step).isFalse();
        } else {
            assertThat(present).as("row of %s", step).isTrue();
        }
        List<String> others = new ArrayList<>();
        for (String table : after.keySet()) {
            if (!table.equals(step.table()) && !after.get(table).equals(before.get(table))) {
                others.add(table);
            }
        }
        List<String> allowed = switch (step.kind()) {
            case "newUpload" -> List.of("torrents_group", "torrents_artists", "torrents_tags", "tags", "wiki_torrents",
                    "artists_group", "artists_alias", "sphinx_delta");
            case "editRelease" -> List.of("sphinx_delta");
            // The group's votes go by the foreign keys' cascade.
            case "deleteTorrent" -> List.of("torrents_group", "torrents_artists", "torrents_tags", "wiki_torrents",
                    "sphinx_delta", "torrents_votes", "users_votes");
            case "voteAlbum" -> List.of("users_votes");
            case "renameArtist" -> List.of("artists_alias");
            case "addWikiRevision" -> List.of("torrents_group");
            case "sendPrivateMessage" -> List.of("pm_conversations");
            default -> List.of();
        };
        assertThat(others).as("other tables changed by %s", step).isSubsetOf(allowed);
    }

    private static boolean exists(Connection c, WorkloadStep step) throws SQLException {
        TableDef table = CATALOGUE.table(step.table()).orElseThrow();
        if (step.kind().equals("trackerFlush")) {
            return true; // many rows; the checksum says it changed
        }
        String[] values = step.key().split(",");
        List<String> key = table.primaryKey();
        assertThat(values).as("key of %s", step).hasSize(key.size());
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM `" + table.name() + "` WHERE ");
        for (int i = 0; i < key.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append('`').append(key.get(i)).append("` = ?");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.length; i++) {
                ps.setLong(i + 1, Long.parseLong(values[i]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    static Map<String, Long> checksums(Connection c) throws SQLException {
        Map<String, Long> sums = new TreeMap<>();
        try (Statement st = c.createStatement()) {
            for (TableDef t : CATALOGUE.tables()) {
                try (ResultSet rs = st.executeQuery("CHECKSUM TABLE `" + t.name() + "`")) {
                    rs.next();
                    sums.put(t.name(), rs.getLong(2));
                }
            }
        }
        return sums;
    }
}
