package org.herd.replicator;

import org.herd.testkit.Jdbc;
import org.herd.testkit.TestRecords;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/** Migrations that change a table holding rows keep what they must and say what they drop. */
class MirrorMigrationIT {

    private static FluentConfiguration flyway(DataSource ds) {
        FluentConfiguration flyway = Flyway.configure().dataSource(ds);
        new MirrorConfiguration().herdMirrorFlywaySchema().customize(flyway);
        return flyway;
    }

    /**
     * V6 re-keys release_group_artist by alias: live credits keep their values under the new key,
     * tombstones (no alias) go, and of two credits of one alias the one applied last stays.
     */
    @Test
    void creditsAreRekeyedByAliasAndArtistsGainPrimaryAlias() {
        String name = "migration_" + ProcessHandle.current().pid();
        ItServers.postgres().createDatabase(name);
        DataSource ds = ItServers.postgres().dataSource(name);
        flyway(ds).target("2").load().migrate();
        Jdbc.execute(ds, "INSERT INTO herd.release_group_artist (origin, release_group_id, artist_id, role, alias_id,"
                + " src_file_seq, src_pos, src_event, src_row, deleted) VALUES"
                + " ('site', 77, 9, 'main', 11, 1, 100, 0, 0, false),"
                + " ('site', 77, 9, 'guest', 12, 1, 100, 0, 0, false),"
                + " ('site', 77, 10, 'main', NULL, 1, 200, 0, 0, true),"
                // One alias credited under two artists in one role: damaged origin data.
                + " ('site', 78, 20, 'main', 30, 1, 100, 0, 0, false),"
                + " ('site', 78, 21, 'main', 30, 1, 150, 0, 0, false)");
        Jdbc.execute(ds, "INSERT INTO herd.artist (origin, artist_id, name, revision_id, vanity_house, src_file_seq,"
                + " src_pos, src_event, src_row) VALUES ('site', 9, 'Aphex Twin', NULL, false, 1, 100, 0, 0)");

        flyway(ds).load().migrate();

        List<Map<String, Object>> credits = Jdbc.query(ds, "SELECT release_group_id, alias_id, role, artist_id"
                + " FROM herd.release_group_artist ORDER BY release_group_id, alias_id");
        assertThat(credits).containsExactly(
                Map.of("release_group_id", 77L, "alias_id", 11L, "role", "main", "artist_id", 9L),
                Map.of("release_group_id", 77L, "alias_id", 12L, "role", "guest", "artist_id", 9L),
                Map.of("release_group_id", 78L, "alias_id", 30L, "role", "main", "artist_id", 21L));
        assertThat(Jdbc.query(ds, "SELECT name, primary_alias_id FROM herd.artist_live WHERE artist_id = 9"))
                .singleElement().satisfies(r -> {
                    assertThat(r).containsEntry("name", "Aphex Twin");
                    assertThat(r.get("primary_alias_id")).isNull();
                });
        assertThat(Jdbc.query(ds, "SELECT count(*) AS n FROM herd.release_group_artist_live").get(0))
                .containsEntry("n", 3L);
    }

    /** V9 gives the rows a mirror holds epoch 0: they came from records without one. */
    @Test
    void rowsHeldBeforeEpochsAreOfEpochZero() {
        String name = "epoch_" + ProcessHandle.current().pid();
        ItServers.postgres().createDatabase(name);
        DataSource ds = ItServers.postgres().dataSource(name);
        flyway(ds).target("8").load().migrate();
        Jdbc.execute(ds, "INSERT INTO herd.tag (origin, tag_id, name, tag_type, uses, src_file_seq, src_pos, src_event,"
                + " src_row) VALUES ('site', 3, 'idm', 'genre', 12, 4, 100, 0, 0)");

        flyway(ds).load().migrate();

        assertThat(Jdbc.query(ds, "SELECT name, src_epoch, src_file_seq, src_pos FROM herd.tag WHERE tag_id = 3"))
                .containsExactly(Map.of("name", "idm", "src_epoch", 0L, "src_file_seq", 4L, "src_pos", 100L));
    }
}
