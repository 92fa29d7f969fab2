package org.herd.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * MySQL 8 in a Testcontainers container, configured as a site of one Gazelle variant runs it, and
 * reached through Debezium's MySQL connector. The test class holds the container as a static
 * {@code @Container} field under {@code @Testcontainers(disabledWithoutDocker = true)}, so that it
 * is skipped where no Docker engine runs:
 *
 * <pre>{@code
 * @Container
 * static final MySQLContainer MYSQL = MySql8Server.container(GazelleVariant.OPS);
 * ... new MySql8Server(MYSQL, GazelleVariant.OPS)
 * }</pre>
 *
 * <p>WhatCD ran MySQL with utf8 (utf8mb3) tables under a non-strict sql_mode; OPS runs utf8mb4 with
 * MySQL 8's default collation under a strict one ({@link GazelleSchema#sqlMode}).
 */
public final class MySql8Server implements SourceServer {

    private final MySQLContainer container;
    private final GazelleVariant variant;

    public MySql8Server(MySQLContainer container, GazelleVariant variant) {
        this.container = Objects.requireNonNull(container, "container");
        this.variant = Objects.requireNonNull(variant, "variant");
    }

    /** A MySQL 8 container with the row binlog on and the server settings of {@code variant}'s sites; not started. */
    public static MySQLContainer container(GazelleVariant variant) {
        List<String> command = new ArrayList<>(List.of("--server-id=1", "--log-bin=mysql-bin", "--binlog-format=ROW",
                "--binlog-row-image=FULL", "--sql-mode=" + GazelleSchema.sqlMode(variant)));
        if (variant == GazelleVariant.OPS) {
            command.addAll(List.of("--character-set-server=utf8mb4", "--collation-server=utf8mb4_0900_ai_ci"));
        }
        return new MySQLContainer(DockerImageName.parse("mysql:8.0"))
                .withUsername("root")
                .withPassword("herd-test")
                .withCommand(command.toArray(String[]::new));
    }

    @Override
    public Login login() {
        return new Login(container.getHost(), container.getMappedPort(MySQLContainer.MYSQL_PORT),
                container.getUsername(), container.getPassword());
    }

    @Override
    public String connector() {
        return "MYSQL";
    }

    @Override
    public void createDatabase(String name) throws SQLException {
        String charset = variant == GazelleVariant.OPS ? "utf8mb4 COLLATE utf8mb4_0900_ai_ci" : "utf8mb3";
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET " + charset);
        }
    }

    @Override
    public Connection connect(String database) throws SQLException {
        Login login = login();
        return DriverManager.getConnection("jdbc:mysql://" + login.host() + ":" + login.port() + "/" + database
                + "?allowPublicKeyRetrieval=true&useSSL=false", login.user(), login.password());
    }

    /** The container's server has no TLS set up and hands its key to the client. */
    @Override
    public List<String> sidecarProperties() {
        return List.of("herd.sidecar.debezium[database.ssl.mode]=disabled",
                "herd.sidecar.debezium[database.allowPublicKeyRetrieval]=true");
    }
}
