package org.herd.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generated data loaded into a real MariaDB, checked in SQL. */
class GazelleDataGeneratorIT {

    private static final String DB = "gazelle";
    private static EmbeddedMariaDb mariaDb;
    private static GazelleDataGenerator generator;
    private static GeneratedCounts loaded;
    private static final Map<String, Integer> batches = new TreeMap<>();
    private static final Map<String, String> progress = new TreeMap<>();

    @BeforeAll
    static void load() throws SQLException {
        mariaDb = EmbeddedMariaDb.shared();
        mariaDb.createDatabase(DB);
        generator = new GazelleDataGenerator(new GeneratorSettings(7, 0.001));
        try (Connection c = mariaDb.connect(DB)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            long started = System.nanoTime();
            loaded = generator.load(c, (table, written, planned) -> {
                batches.merge(table, 1, Integer::sum);
                progress.put(table, written + "/" + planned);
            });
            System.out.printf("scale 0.001: loaded %d rows in %d ms: %s%n", loaded.total(),
                    (System.nanoTime() - started) / 1_000_000, loaded.rows());
        }
    }

    @Test
    void everyTableHoldsThePlannedRows() throws SQLException {
        assertThat(loaded).isEqualTo(generator.plannedCounts());
        // The listener heard every batch; its last word per table is "all planned rows written".
        generator.plannedCounts().rows().forEach((table, n) -> assertThat(progress.get(table)).isEqualTo(n + "/" + n));
        assertThat(batches.get("torrents_tags")).isEqualTo(5);
        try (Connection c = mariaDb.connect(DB)) {
            for (var e : generator.plannedCounts().rows().entrySet()) {
                assertThat(count(c, "SELECT COUNT(*) FROM `" + e.getKey() + "`")).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void tagListMatchesTorrentsTagsForEveryGroup() throws SQLException {
        try (Connection c = mariaDb.connect(DB)) {
            assertThat(groupsWithStaleTagList(c)).isZero();
            assertThat(count(c, """
                    SELECT COUNT(*) FROM tags t
                    WHERE t.Uses <> (SELECT COUNT(*) FROM torrents_tags tt WHERE tt.TagID = t.ID)""")).isZero();
        }
    }

    @Test
    void groupWikiColumnsCopyTheLatestRevision() throws SQLException {
        try (Connection c = mariaDb.connect(DB)) {
            assertThat(count(c, """
                    SELECT COUNT(*) FROM torrents_group g
                    LEFT JOIN (SELECT PageID, MAX(RevisionID) AS r FROM wiki_torrents GROUP BY PageID) m ON m.PageID = g.ID
                    LEFT JOIN wiki_torrents w ON w.RevisionID = m.r
                    WHERE NOT (g.RevisionID <=> m.r)
                       OR g.WikiBody <> COALESCE(w.Body, '')
                       OR g.WikiImage <> COALESCE(w.Image, '')""")).isZero();
            assertThat(count(c, """
                    SELECT COUNT(*) FROM artists_group a
                    LEFT JOIN (SELECT PageID, MAX(RevisionID) AS r FROM wiki_artists GROUP BY PageID) m ON m.PageID = a.ArtistID
                    WHERE NOT (a.RevisionID <=> m.r)""")).isZero();
        }
    }

    @Test
    void referencesAndKeysHold() throws SQLException {
        try (Connection c = mariaDb.connect(DB)) {
            assertThat(count(c, "SELECT COUNT(DISTINCT info_hash) FROM torrents")).isEqualTo(generator.plannedCounts().of("torrents"));
            assertThat(count(c, "SELECT COUNT(*) FROM torrents WHERE LENGTH(info_hash) <> 20")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents t LEFT JOIN torrents_group g ON g.ID = t.GroupID WHERE g.ID IS NULL")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents_group g WHERE NOT EXISTS (SELECT 1 FROM torrents t WHERE t.GroupID = g.ID)")).isZero();
            assertThat(count(c, """
                    SELECT COUNT(*) FROM torrents_artists ta JOIN artists_alias aa ON aa.AliasID = ta.AliasID
                    WHERE aa.ArtistID <> ta.ArtistID OR aa.Redirect <> 0""")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents_artists ta LEFT JOIN artists_alias aa ON aa.AliasID = ta.AliasID WHERE aa.AliasID IS NULL")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM pm_messages m LEFT JOIN pm_conversations c ON c.ID = m.ConvID WHERE c.ID IS NULL")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents WHERE HasLog = '1' AND (Media <> 'CD' OR Format <> 'FLAC')")).isZero();
            // Zero dates survived the load as zero dates.
            assertThat(count(c, "SELECT COUNT(*) FROM torrents WHERE Time = '0000-00-00 00:00:00'")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents_group WHERE Time = '0000-00-00 00:00:00'")).isPositive();
            // Non-ASCII text arrived intact in utf8mb3 columns.
            assertThat(count(c, "SELECT COUNT(*) FROM artists_group WHERE Name <> CONVERT(Name USING ascii)")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents WHERE FileList LIKE '%&divide;'")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents WHERE FileList LIKE CONCAT('%', _utf8mb3 0xC3B7)")).isPositive();
        }
    }

    @Test
    void collagesAndRequestsLoadAsGazelleStoresThem() throws SQLException {
        try (Connection c = mariaDb.connect(DB)) {
            // Deleted collages keep their entries; personal collages are never merely flagged.
            assertThat(count(c, "SELECT COUNT(*) FROM collages_torrents t JOIN collages c ON c.ID = t.CollageID "
                    + "WHERE c.Deleted = '1'")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM collages WHERE Deleted = '1' AND CategoryID = 0")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM collages_artists a JOIN collages c ON c.ID = a.CollageID "
                    + "WHERE c.CategoryID <> 7")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM collages_torrents t LEFT JOIN torrents_group g ON g.ID = t.GroupID "
                    + "WHERE g.ID IS NULL")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM collages_artists t LEFT JOIN artists_group a ON a.ArtistID = t.ArtistID "
                    + "WHERE a.ArtistID IS NULL")).isZero();
            // Visible is a binary(1) holding the character '0' or '1'.
            assertThat(count(c, "SELECT COUNT(*) FROM requests WHERE Visible = 0x30")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM requests WHERE Visible NOT IN (0x30, 0x31)")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM requests WHERE TorrentID = 0 AND TimeFilled <> '0000-00-00 00:00:00'"))
                    .isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM requests r WHERE NOT EXISTS "
                    + "(SELECT 1 FROM requests_votes v WHERE v.RequestID = r.ID AND v.UserID = r.UserID)")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM requests_artists ra JOIN artists_alias aa ON aa.AliasID = ra.AliasID "
                    + "WHERE aa.ArtistID <> ra.ArtistID OR aa.Redirect <> 0")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM collages_torrents WHERE AddedOn = '0000-00-00 00:00:00'")).isPositive();
        }
    }

    @Test
    void forumCountersAndCommentPagesHold() throws SQLException {
        try (Connection c = mariaDb.connect(DB)) {
            assertThat(count(c, """
                    SELECT COUNT(*) FROM forums_topics t
                    JOIN (SELECT TopicID, COUNT(*) AS n, MAX(ID) AS last FROM forums_posts GROUP BY TopicID) p ON p.TopicID = t.ID
                    JOIN forums_posts lp ON lp.ID = p.last
                    WHERE t.NumPosts <> p.n OR t.LastPostID <> p.last OR t.LastPostAuthorID <> lp.AuthorID
                       OR t.LastPostTime <> lp.AddedTime""")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM forums_topics t WHERE NOT EXISTS "
                    + "(SELECT 1 FROM forums_posts p WHERE p.TopicID = t.ID)")).isZero();
            assertThat(count(c, """
                    SELECT COUNT(*) FROM forums f
                    LEFT JOIN (SELECT ForumID, COUNT(*) AS topics, SUM(NumPosts) AS posts FROM forums_topics GROUP BY ForumID) t
                           ON t.ForumID = f.ID
                    WHERE f.NumTopics <> COALESCE(t.topics, 0) OR f.NumPosts <> COALESCE(t.posts, 0)""")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM forums f JOIN forums_categories c ON c.ID = f.CategoryID")).isEqualTo(16);
            // Staff forums share the tables: told apart by MinClassRead alone, and they have topics.
            assertThat(count(c, "SELECT COUNT(*) FROM forums WHERE MinClassRead > 100")).isEqualTo(2);
            assertThat(count(c, "SELECT COUNT(*) FROM forums_topics t JOIN forums f ON f.ID = t.ForumID "
                    + "WHERE f.MinClassRead > 100")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM forums_topics WHERE CreatedTime = '0000-00-00 00:00:00'")).isPositive();
            assertThat(count(c, """
                    SELECT COUNT(*) FROM comments c
                    LEFT JOIN torrents_group g ON c.Page = 'torrents' AND g.ID = c.PageID
                    LEFT JOIN artists_group a ON c.Page = 'artist' AND a.ArtistID = c.PageID
                    WHERE g.ID IS NULL AND a.ArtistID IS NULL""")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM comments WHERE Page = 'artist'")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM forums_posts WHERE (EditedUserID IS NULL) <> (EditedTime IS NULL)")).isZero();
        }
    }

    @Test
    void votesLogsAndProfilesReferToRowsThatExist() throws SQLException {
        try (Connection c = mariaDb.connect(DB)) {
            // The load switches foreign key checks off; the rows must satisfy them anyway.
            assertThat(count(c, "SELECT COUNT(*) FROM torrents_votes v LEFT JOIN torrents_group g ON g.ID = v.GroupID "
                    + "WHERE g.ID IS NULL")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM users_votes v LEFT JOIN users_main u ON u.ID = v.UserID "
                    + "LEFT JOIN torrents_group g ON g.ID = v.GroupID WHERE u.ID IS NULL OR g.ID IS NULL")).isZero();
            assertThat(count(c, """
                    SELECT COUNT(*) FROM torrents_votes v
                    JOIN (SELECT GroupID, SUM(Type = 'Up') AS ups, COUNT(*) AS total FROM users_votes GROUP BY GroupID) x
                      ON x.GroupID = v.GroupID
                    WHERE x.ups <> v.Ups OR x.total <> v.Total""")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents_logs_new l JOIN torrents t ON t.ID = l.TorrentID "
                    + "WHERE t.HasLog = '1' AND t.LogScore = l.Score")).isEqualTo(count(c, "SELECT COUNT(*) FROM torrents_logs_new"));
            assertThat(count(c, "SELECT COUNT(*) FROM users_info i JOIN users_main u ON u.ID = i.UserID"))
                    .isEqualTo(count(c, "SELECT COUNT(*) FROM users_main"));
            assertThat(count(c, "SELECT COUNT(*) FROM artists_similar s LEFT JOIN artists_group a ON a.ArtistID = s.ArtistID "
                    + "WHERE a.ArtistID IS NULL")).isZero();
            // MyISAM and its server-side defaults took the queue's rows as written.
            assertThat(count(c, "SELECT COUNT(*) FROM sphinx_delta s JOIN torrents t ON t.ID = s.ID AND t.Size = s.Size"))
                    .isEqualTo(generator.plannedCounts().of("sphinx_delta"));
        }
    }

    @Test
    void aLargerScaleLoadsQuickly() throws SQLException {
        mariaDb.createDatabase("gazelle_002");
        GazelleDataGenerator bigger = new GazelleDataGenerator(new GeneratorSettings(7, 0.02));
        try (Connection c = mariaDb.connect("gazelle_002")) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            long started = System.nanoTime();
            GeneratedCounts counts = bigger.load(c, null);
            System.out.printf("scale 0.02: loaded %d rows in %d ms: %s%n", counts.total(),
                    (System.nanoTime() - started) / 1_000_000, counts.rows());
            assertThat(counts).isEqualTo(bigger.plannedCounts());
            assertThat(count(c, "SELECT COUNT(*) FROM torrents")).isEqualTo(50_000);
        }
    }

    /** Groups whose TagList is not their torrents_tags' names, sorted, dots as underscores: Gazelle keeps it so. */
    static long groupsWithStaleTagList(Connection c) throws SQLException {
        return count(c, """
                SELECT COUNT(*) FROM torrents_group g
                LEFT JOIN (SELECT tt.GroupID, REPLACE(GROUP_CONCAT(t.Name ORDER BY t.Name SEPARATOR ' '), '.', '_') AS l
                           FROM torrents_tags tt JOIN tags t ON t.ID = tt.TagID GROUP BY tt.GroupID) x ON x.GroupID = g.ID
                WHERE NOT (g.TagList <=> x.l)""");
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
