package org.herd.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.sidecar.config.SourceConnector;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * An OPS site on MySQL 8 with OPS's server settings (utf8mb4_0900_ai_ci, strict sql_mode),
 * through Debezium's MySQL connector. Needs Docker; skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class OpsMySql8EndToEndIT extends AbstractOpsEndToEndIT {

    @Container
    private static final MySQLContainer MYSQL = new MySQLContainer(DockerImageName.parse("mysql:8.0"))
            .withUsername("root")
            .withPassword("herd-test")
            .withCommand("--server-id=1", "--log-bin=mysql-bin", "--binlog-format=ROW", "--binlog-row-image=FULL",
                    "--character-set-server=utf8mb4", "--collation-server=utf8mb4_0900_ai_ci",
                    "--sql-mode=" + GazelleSchema.sqlMode(GazelleVariant.OPS));

    @Override
    protected OpsDatabase source() {
        return new OpsDatabase() {
            @Override
            public String host() {
                return MYSQL.getHost();
            }

            @Override
            public int port() {
                return MYSQL.getMappedPort(MySQLContainer.MYSQL_PORT);
            }

            @Override
            public String user() {
                return MYSQL.getUsername();
            }

            @Override
            public String password() {
                return MYSQL.getPassword();
            }

            @Override
            public SourceConnector connector() {
                return SourceConnector.MYSQL;
            }

            @Override
            public void createDatabase(String name) throws Exception {
                try (Connection c = connect(""); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4"
                            + " COLLATE utf8mb4_0900_ai_ci");
                }
            }

            @Override
            public Connection connect(String database) throws SQLException {
                return DriverManager.getConnection("jdbc:mysql://" + host() + ":" + port() + "/" + database
                        + "?allowPublicKeyRetrieval=true&useSSL=false", user(), password());
            }

            @Override
            public List<String> sidecarProperties() {
                return List.of("herd.sidecar.debezium[database.ssl.mode]=disabled",
                        "herd.sidecar.debezium[database.allowPublicKeyRetrieval]=true");
            }
        };
    }
}
