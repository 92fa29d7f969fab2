package org.herd.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmbeddedStackIT {

    private final EmbeddedStack stack = EmbeddedStack.shared();

    @Test
    void mariaDbWritesARowBinlog() throws SQLException {
        EmbeddedMariaDb mariaDb = stack.mariaDb();

        assertThat(variable(mariaDb, "log_bin")).isEqualTo("ON");
        assertThat(variable(mariaDb, "binlog_format")).isEqualTo("ROW");
    }

    @Test
    void mariaDbCreatesUtf8Databases() throws SQLException {
        EmbeddedMariaDb mariaDb = stack.mariaDb();
        mariaDb.createDatabase("stack_utf8");
        mariaDb.createDatabase("stack_utf8");

        assertThat(EmbeddedMariaDbIT.queryString(mariaDb, null,
                "SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'stack_utf8'"))
                .isEqualTo("utf8mb3");
        EmbeddedMariaDbIT.execute(mariaDb, "stack_utf8",
                "CREATE TABLE IF NOT EXISTS person (id INT PRIMARY KEY, name VARCHAR(40))",
                "REPLACE INTO person VALUES (1, 'Zoë Ångström')");
        assertThat(EmbeddedMariaDbIT.queryString(mariaDb, "stack_utf8", "SELECT name FROM person WHERE id = 1"))
                .isEqualTo("Zoë Ångström");
    }

    @Test
    void kafkaRoundTripsThroughACompactedTopic() throws Exception {
        EmbeddedKafka kafka = stack.kafka();
        kafka.createTopic("stack-compacted", 3, true);

        EmbeddedKafkaIT.send(kafka, "stack-compacted", "key", "value");

        assertThat(EmbeddedKafkaIT.readAll(kafka, "stack-compacted", 1)).containsExactly("key=value");
    }

    @Test
    void kafkaRestartKeepsProducedRecords() throws Exception {
        EmbeddedKafka kafka = stack.kafka();
        kafka.createTopic("stack-restart", 1, false);
        EmbeddedKafkaIT.send(kafka, "stack-restart", "before", "restart");
        String bootstrapServers = kafka.bootstrapServers();

        kafka.restart();

        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServers);
        assertThat(EmbeddedKafkaIT.readAll(kafka, "stack-restart", 1)).containsExactly("before=restart");
    }

    @Test
    void postgresAnswersQueriesAndCreatesDatabases() throws SQLException {
        EmbeddedPostgres postgres = stack.postgres();
        assertThat(EmbeddedPostgresIT.queryString(postgres.dataSource("postgres"), "SELECT 40 + 2")).isEqualTo("42");

        postgres.createDatabase("stack_mirror");

        EmbeddedPostgresIT.execute(postgres.dataSource("stack_mirror"),
                "CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING");
        assertThat(EmbeddedPostgresIT.queryString(postgres.dataSource("stack_mirror"), "SELECT count(*) FROM t"))
                .isEqualTo("1");
        try (Connection connection = java.sql.DriverManager.getConnection(postgres.jdbcUrl("stack_mirror"),
                postgres.user(), postgres.password())) {
            assertThat(connection.getCatalog()).isEqualTo("stack_mirror");
        }
    }

    @Test
    void twoStacksRunSideBySideInOneJvm() throws Exception {
        try (EmbeddedStack other = EmbeddedStack.start(null)) {
            Set<Integer> ports = new HashSet<>(List.of(
                    stack.mariaDb().port(), port(stack.kafka()), stack.postgres().port(),
                    other.mariaDb().port(), port(other.kafka()), other.postgres().port()));
            assertThat(ports).hasSize(6);

            other.mariaDb().createDatabase("only_in_other");
            assertThat(EmbeddedMariaDbIT.queryString(other.mariaDb(), null,
                    "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'only_in_other'")).isEqualTo("1");
            assertThat(EmbeddedMariaDbIT.queryString(stack.mariaDb(), null,
                    "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'only_in_other'")).isEqualTo("0");
            other.kafka().createTopic("other-topic", 1, true);
            EmbeddedKafkaIT.send(other.kafka(), "other-topic", "k", "v");
            assertThat(EmbeddedKafkaIT.readAll(other.kafka(), "other-topic", 1)).containsExactly("k=v");
            assertThat(EmbeddedPostgresIT.queryString(other.postgres().dataSource("postgres"), "SELECT 1")).isEqualTo("1");
        }
    }

    private static int port(EmbeddedKafka kafka) {
        String servers = kafka.bootstrapServers();
        return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
    }

    private static String variable(EmbeddedMariaDb mariaDb, String name) throws SQLException {
        try (Connection connection = mariaDb.connect(null);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name + "'")) {
            assertThat(rows.next()).as("variable %s", name).isTrue();
            return rows.getString(2);
        }
    }
}
