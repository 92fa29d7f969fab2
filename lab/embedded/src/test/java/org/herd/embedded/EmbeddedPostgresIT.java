package org.herd.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EmbeddedPostgresIT {

    @Test
    void keepsDataInAGivenDirAcrossRestartAndReopen(@TempDir Path dir) throws SQLException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir)) {
            postgres.createDatabase("kept");
            postgres.createDatabase("kept");
            execute(postgres.dataSource("kept"), "CREATE TABLE t (id int PRIMARY KEY, name text)",
                    "INSERT INTO t VALUES (1, 'one')");
            int port = postgres.port();

            postgres.restart();

            assertThat(postgres.port()).isEqualTo(port);
            assertThat(queryString(postgres.dataSource("kept"), "SELECT name FROM t")).isEqualTo("one");
        }
        try (EmbeddedPostgres reopened = EmbeddedPostgres.start(dir)) {
            assertThat(queryString(reopened.dataSource("kept"), "SELECT name FROM t")).isEqualTo("one");
        }
    }

    @Test
    void requiresThePassword() {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(null)) {
            org.postgresql.ds.PGSimpleDataSource wrong = (org.postgresql.ds.PGSimpleDataSource) postgres.dataSource("postgres");
            wrong.setPassword("wrong");
            org.assertj.core.api.Assertions.assertThatThrownBy(wrong::getConnection)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void failureToStartCarriesTheServerOutput(@TempDir Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("pgdata"));
        java.nio.file.Files.writeString(dir.resolve("pgdata/PG_VERSION"), "9\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedPostgres.start(dir))
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageStartingWith("PostgreSQL failed to start on 127.0.0.1:")
                .hasMessageContaining("exited during startup")
                .hasMessageContaining("postgresql.conf");
    }

    /** Root cannot run PostgreSQL itself; both ways around that must work where they are possible. */
    @ParameterizedTest
    @EnumSource(value = EmbeddedPostgres.RunAs.class, names = {"UNSHARE", "SETPRIV"})
    void startsAsRootThroughEachPrivilegeDrop(EmbeddedPostgres.RunAs runAs) throws SQLException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only meaningful as root");
        assumeTrue(runAs != EmbeddedPostgres.RunAs.UNSHARE || EmbeddedPostgres.runAs() == EmbeddedPostgres.RunAs.UNSHARE,
                "user namespaces are not available here");
        Path dataDir;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(null, runAs)) {
            dataDir = postgres.dataDir();
            assertThat(queryString(postgres.dataSource("postgres"), "SELECT current_user")).isEqualTo("postgres");
            postgres.restart();
            assertThat(queryString(postgres.dataSource("postgres"), "SELECT 1")).isEqualTo("1");
        }
        assertThat(dataDir).doesNotExist();
    }

    static void execute(DataSource dataSource, String... sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    static String queryString(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from %s", sql).isTrue();
            return rows.getString(1);
        }
    }
}
