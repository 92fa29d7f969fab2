package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.herd.testkit.mirror.GeneratedMirror;
import org.junit.jupiter.api.Test;

/**
 * The server reads a mirror and never migrates it: on a database without the migration it needs it
 * refuses to start, naming the migration; on a database that is no mirror at all, saying so.
 */
class MirrorSchemaCheckIT {

    private static Throwable startOn(String database) {
        GeneratedMirror mirror = GeneratedMirror.shared();
        mirror.postgres().createDatabase(database);
        String url = mirror.postgres().jdbcUrl(database);
        Throwable failure = null;
        try (var context = ServeApplication.builder().properties("spring.datasource.url=" + url,
                "spring.datasource.username=" + mirror.postgres().user(),
                "spring.datasource.password=" + mirror.postgres().password(), "herd.serve.port=0").run()) {
            assertThat(context).as("started on " + database).isNull();
        } catch (RuntimeException e) {
            failure = e;
        }
        return failure;
    }

    private static Throwable root(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void aMirrorWithoutTheSearchMigrationIsRefusedNamingIt() {
        GeneratedMirror mirror = GeneratedMirror.shared();
        mirror.postgres().createDatabase("before_search");
        Flyway.configure().dataSource(mirror.postgres().dataSource("before_search")).schemas("herd")
                .defaultSchema("herd").createSchemas(true).target("8").load().migrate();
        Throwable failure = startOn("before_search");
        assertThat(failure).isNotNull();
        assertThat(root(failure)).hasMessageContaining("V11__search.sql").hasMessageContaining("version 8");
        // Nothing was migrated by the attempt.
        assertThat(new org.springframework.jdbc.core.JdbcTemplate(mirror.postgres().dataSource("before_search"))
                .queryForObject("SELECT max(version::int) FROM herd.flyway_schema_history", Integer.class)).isEqualTo(8);
    }

    @Test
    void aDatabaseThatIsNoMirrorIsRefused() {
        Throwable failure = startOn("not_a_mirror");
        assertThat(failure).isNotNull();
        assertThat(root(failure)).hasMessageContaining("holds no Herd mirror");
    }

    @Test
    void theMigrationNamedIsOneOfTheReplicators() {
        // The replicator's migrations are on this test's class path.
        var url = MirrorSchema.class.getResource("/db/migration/" + MirrorSchema.MIGRATION);
        assertThat(url).as(MirrorSchema.MIGRATION + " among the replicator's migrations").isNotNull();
    }
}
