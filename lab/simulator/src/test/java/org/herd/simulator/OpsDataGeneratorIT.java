package org.herd.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herd.simulator.GazelleDataGeneratorIT.count;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.source.SourceSchema;
import org.herd.gazelle.source.VariantDetector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generated data loaded into the OPS tables of a real MariaDB, under OPS's strict sql_mode. */
class OpsDataGeneratorIT {

    private static final String DB = "gazelle_ops";
    private static EmbeddedMariaDb mariaDb;
    private static GazelleDataGenerator generator;
    private static GeneratedCounts loaded;

    @BeforeAll
    static void load() throws SQLException {
        mariaDb = EmbeddedMariaDb.shared();
        mariaDb.createDatabase(DB);
        generator = new GazelleDataGenerator(new GeneratorSettings(7, 0.001));
        try (Connection c = mariaDb.connect(DB)) {
            GazelleSchema.load(c, GazelleVariant.OPS);
            loaded = generator.load(c, GazelleVariant.OPS, null);
        }
    }

    @Test
    void everyOpsTableHoldsThePlannedRows() throws SQLException {
        GeneratedCounts planned = OpsRowAdapter.plannedCounts(generator.plannedCounts());
        assertThat(loaded).isEqualTo(planned);
        try (Connection c = mariaDb.connect(DB)) {
            for (var e : planned.rows().entrySet()) {
                assertThat(count(c, "SELECT COUNT(*) FROM `" + e.getKey() + "`")).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(count(c, "SELECT @@SESSION.foreign_key_checks")).isEqualTo(1);
        }
    }

    @Test
    void theRowsHoldOpsForeignKeysAndNoZeroDates() throws SQLException {
        try (Connection c = mariaDb.connect(DB)) {
            assertThat(count(c, "SELECT COUNT(*) FROM artists_group g LEFT JOIN artists_alias a "
                    + "ON a.AliasID = g.PrimaryAlias AND a.ArtistID = g.ArtistID WHERE a.AliasID IS NULL")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents_artists t LEFT JOIN artists_alias a "
                    + "ON a.AliasID = t.AliasID WHERE a.AliasID IS NULL")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents t LEFT JOIN torrents_group g ON g.ID = t.GroupID "
                    + "WHERE g.ID IS NULL")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents t LEFT JOIN torrents_leech_stats s "
                    + "ON s.TorrentID = t.ID WHERE s.TorrentID IS NULL")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents_group g LEFT JOIN release_type r "
                    + "ON r.ID = g.ReleaseType WHERE g.CategoryID = 1 AND r.ID IS NULL")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents_artists WHERE artist_role_id <> Importance + 0"))
                    .isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents_artists WHERE Importance = '8'")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents WHERE YEAR(Time) < 2007")).isZero();
        }
    }

    @Test
    void theLoadedDatabaseIsDetectedAsOps() throws SQLException {
        try (Connection c = mariaDb.connect(DB)) {
            assertThat(VariantDetector.detect(SourceSchema.read(c, DB)).variant()).isEqualTo(GazelleVariant.OPS);
        }
    }

    @Test
    void theOpsWorkloadRunsUnderStrictModeAndKeepsOpsInvariants() throws SQLException {
        // A database of its own: the other tests check the loaded rows as generated.
        String db = "gazelle_ops_work";
        mariaDb.createDatabase(db);
        long torrentsBefore;
        try (Connection c = mariaDb.connect(db)) {
            GazelleSchema.load(c, GazelleVariant.OPS);
            generator.load(c, GazelleVariant.OPS, null);
            torrentsBefore = count(c, "SELECT COUNT(*) FROM torrents");
            OpsWorkload workload = new OpsWorkload(c, 3);
            List<WorkloadStep> steps = workload.run(150);
            workload.noise(20);
            assertThat(steps).extracting(WorkloadStep::kind).contains("newArtist", "newUpload", "softDeleteTorrent",
                    "renameArtist", "mergeAlias");
        }
        try (Connection c = mariaDb.connect(db)) {
            assertThat(count(c, "SELECT COUNT(*) FROM artists_group g LEFT JOIN artists_alias a "
                    + "ON a.AliasID = g.PrimaryAlias AND a.ArtistID = g.ArtistID WHERE a.AliasID IS NULL")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM artists_group g JOIN artists_alias a "
                    + "ON a.AliasID = g.PrimaryAlias WHERE a.Redirect <> 0")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents t LEFT JOIN torrents_leech_stats s "
                    + "ON s.TorrentID = t.ID WHERE s.TorrentID IS NULL")).isZero();
            long deleted = count(c, "SELECT COUNT(*) FROM deleted_torrents");
            assertThat(deleted).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM deleted_torrents d JOIN torrents t ON t.ID = d.ID")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM torrents")).isGreaterThan(torrentsBefore - deleted);
            assertThat(count(c, "SELECT COUNT(*) FROM torrents_artists WHERE artist_role_id <> Importance + 0"))
                    .isZero();
        }
    }
}
