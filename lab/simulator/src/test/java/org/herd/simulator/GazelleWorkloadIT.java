package org.herd.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herd.simulator.GazelleDataGeneratorIT.count;
import static org.herd.simulator.GazelleDataGeneratorIT.groupsWithStaleTagList;

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
import org.junit.jupiter.api.Test;

/** The live workload against a real MariaDB holding generated data. */
class GazelleWorkloadIT {

    private static final GazelleCatalogue CATALOGUE = GazelleCatalogue.of(GazelleVariant.WHATCD);
    private final EmbeddedMariaDb mariaDb = EmbeddedMariaDb.shared();

    private Connection loaded(String db, long seed) throws SQLException {
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
            assertThat(kinds.keySet()).contains("newUpload", "editRelease", "voteTag", "addWikiRevision", "newForumPost",
                    "newComment", "voteAlbum");
            // Uploads continued the id space of the loaded data.
            assertThat(count(check, "SELECT MIN(ID) FROM torrents WHERE ID > " + maxTorrent)).isEqualTo(maxTorrent + 1);
            // The workload keeps Gazelle's denormalised copies in step, as the PHP code does.
            assertThat(groupsWithStaleTagList(check)).isZero();
            assertThat(count(check, """
                    SELECT COUNT(*) FROM torrents_group g
                    JOIN (SELECT PageID, MAX(RevisionID) AS r FROM wiki_torrents GROUP BY PageID) m ON m.PageID = g.ID
                    JOIN wiki_torrents w ON w.RevisionID = m.r
                    WHERE NOT (g.RevisionID <=> m.r) OR g.WikiBody <> w.Body OR g.WikiImage <> w.Image""")).isZero();
            assertThat(count(check, "SELECT COUNT(*) FROM artists_group a WHERE NOT EXISTS "
                    + "(SELECT 1 FROM artists_alias aa WHERE aa.ArtistID = a.ArtistID AND aa.Name = a.Name)")).isZero();
            assertThat(count(check, "SELECT COUNT(*) FROM torrents WHERE info_hash = ''")).isZero();
            assertForumCountersHold(check);
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
    void movingTopicsCarriesThemBetweenPublicAndStaffForumsAndKeepsTheCounters() throws SQLException {
        try (Connection c = loaded("moves", 6); Connection check = mariaDb.connect("moves")) {
            GazelleWorkload workload = new GazelleWorkload(c, 13);
            int intoStaff = 0;
            int outOfStaff = 0;
            for (int i = 0; i < 30; i++) {
                Map<String, Long> before = checksums(check);
                assertChanged(check, workload.newForumPost(), before);
                Map<Long, Boolean> staffBefore = staffTopics(check);
                before = checksums(check);
                WorkloadStep move = workload.moveTopic();
                assertChanged(check, move, before);
                long topic = Long.parseLong(move.key());
                boolean staffAfter = staffTopics(check).get(topic);
                assertThat(staffAfter).as("topic %d moved", topic).isNotEqualTo(staffBefore.get(topic));
                intoStaff += staffAfter ? 1 : 0;
                outOfStaff += staffAfter ? 0 : 1;
            }
            assertThat(intoStaff).isPositive();
            assertThat(outOfStaff).isPositive();
            assertForumCountersHold(check);
        }
    }

    /** Every topic, and whether it sits in a forum above the lowest user class. */
    private static Map<Long, Boolean> staffTopics(Connection c) throws SQLException {
        Map<Long, Boolean> staff = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT t.ID, f.MinClassRead FROM forums_topics t JOIN forums f ON f.ID = t.ForumID")) {
            while (rs.next()) {
                staff.put(rs.getLong(1), rs.getInt(2) > ForumsGenerator.USER_CLASS);
            }
        }
        return staff;
    }

    /** The workload keeps the topic and forum counters Gazelle keeps, as the PHP code does. */
    private static void assertForumCountersHold(Connection c) throws SQLException {
        assertThat(count(c, """
                SELECT COUNT(*) FROM forums_topics t
                JOIN (SELECT TopicID, COUNT(*) AS n, MAX(ID) AS last FROM forums_posts GROUP BY TopicID) p ON p.TopicID = t.ID
                WHERE t.NumPosts <> p.n OR t.LastPostID <> p.last""")).isZero();
        assertThat(count(c, """
                SELECT COUNT(*) FROM forums f
                LEFT JOIN (SELECT ForumID, COUNT(*) AS topics, SUM(NumPosts) AS posts FROM forums_topics GROUP BY ForumID) t
                       ON t.ForumID = f.ID
                WHERE f.NumTopics <> COALESCE(t.topics, 0) OR f.NumPosts <> COALESCE(t.posts, 0)""")).isZero();
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
    void collageAndRequestStepsChangeWhatGazelleChanges() throws SQLException {
        try (Connection c = loaded("collages", 6); Connection check = mariaDb.connect("collages")) {
            GazelleWorkload workload = new GazelleWorkload(c, 13);
            long listed = count(check, "SELECT COUNT(*) FROM collages WHERE Deleted = '0'");
            long bounties = count(check, "SELECT SUM(Bounty) FROM requests_votes");
            List<WorkloadStep> steps = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                for (int kind = 0; kind < 2; kind++) {
                    Map<String, Long> before = checksums(check);
                    WorkloadStep step = kind == 0 ? workload.addToCollage() : workload.voteOnRequest();
                    assertChanged(check, step, before);
                    steps.add(step);
                }
            }
            for (int i = 0; i < 3; i++) {
                Map<String, Long> before = checksums(check);
                WorkloadStep step = workload.deleteCollage();
                assertChanged(check, step, before);
                steps.add(step);
            }
            assertThat(steps).extracting(WorkloadStep::table).contains("collages_torrents", "requests_votes", "collages");
            assertThat(count(check, "SELECT COUNT(*) FROM collages WHERE Deleted = '0'")).isEqualTo(listed - 3);
            assertThat(count(check, "SELECT SUM(Bounty) FROM requests_votes")).isGreaterThan(bounties);
            // NumTorrents still counts the entries, and appended entries continue the sort order.
            assertThat(count(check, """
                    SELECT COUNT(*) FROM collages c WHERE c.NumTorrents <>
                        (SELECT COUNT(*) FROM collages_torrents t WHERE t.CollageID = c.ID)
                      + (SELECT COUNT(*) FROM collages_artists a WHERE a.CollageID = c.ID)""")).isZero();
            assertThat(count(check, "SELECT COUNT(*) FROM (SELECT CollageID, Sort FROM collages_torrents "
                    + "GROUP BY CollageID, Sort HAVING COUNT(*) > 1) d")).isZero();
            // Votes went to open requests only, and a request's LastVote is its newest vote.
            for (WorkloadStep vote : steps.stream().filter(s -> s.kind().equals("voteOnRequest")).toList()) {
                String request = vote.key().split(",")[0];
                assertThat(count(check, "SELECT COUNT(*) FROM requests WHERE ID = " + request
                        + " AND TorrentID = 0 AND Visible = '1' AND LastVote IS NOT NULL")).as(vote.toString()).isEqualTo(1);
            }
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
        } else if (step.kind().equals("deleteCollage")) {
            // Deleted outright (personal collages) or flagged.
            assertThat(count(check, "SELECT COUNT(*) FROM collages WHERE ID = " + step.key() + " AND Deleted = '0'"))
                    .as("listed collage of %s", step).isZero();
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
            case "addToCollage" -> List.of("collages");
            case "voteOnRequest" -> List.of("requests", "users_main");
            case "deleteCollage" -> List.of("collages_torrents");
            case "newForumPost" -> List.of("forums_topics", "forums");
            case "moveTopic" -> List.of("forums");
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
