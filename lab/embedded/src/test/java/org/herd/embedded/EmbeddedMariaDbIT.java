package org.herd.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMariaDbIT {

    @Test
    void keepsDataInAGivenDirAcrossRestartAndReopen(@TempDir Path dir) throws SQLException {
        int port;
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir)) {
            port = db.port();
            db.createDatabase("kept");
            execute(db, "kept", "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))",
                    "INSERT INTO t VALUES (1, 'one')");

            db.restart();

            assertThat(db.port()).isEqualTo(port);
            assertThat(queryString(db, "kept", "SELECT name FROM t WHERE id = 1")).isEqualTo("one");
        }
        try (EmbeddedMariaDb reopened = EmbeddedMariaDb.start(dir)) {
            assertThat(queryString(reopened, "kept", "SELECT name FROM t WHERE id = 1")).isEqualTo("one");
        }
        assertThat(dir.resolve("db")).isDirectory();
    }

    @Test
    void temporaryDataDirIsDeletedOnClose() {
        Path dataDir;
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(null)) {
            dataDir = db.dataDir();
            assertThat(dataDir).isDirectory();
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void exposedAccountCanReadTheBinlog() throws SQLException {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(null)) {
            assertThat(queryString(db, null, "SHOW MASTER STATUS")).startsWith("mysql-bin.");
            assertThat(queryString(db, null, "SELECT @@global.sql_mode")).isEqualTo("NO_ENGINE_SUBSTITUTION");
            assertThat(queryString(db, null, "SELECT @@session.sql_mode")).doesNotContain("STRICT");
            assertThat(queryString(db, null, "SELECT @@binlog_row_image")).isEqualTo("FULL");
            assertThat(queryString(db, null, "SHOW GRANTS")).contains("ALL PRIVILEGES ON *.*", "WITH GRANT OPTION");
        }
    }

    static void execute(EmbeddedMariaDb db, String database, String... sql) throws SQLException {
        try (Connection connection = db.connect(database); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    static String queryString(EmbeddedMariaDb db, String database, String sql) throws SQLException {
        try (Connection connection = db.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from %s", sql).isTrue();
            return rows.getString(1);
        }
    }
}
