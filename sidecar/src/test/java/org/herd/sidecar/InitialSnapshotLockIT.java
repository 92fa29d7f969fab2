package org.herd.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.herd.sidecar.capture.DdlParserWarmUp;
import org.herd.sidecar.config.SecretMasker;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.config.SourceConnector;
import org.herd.sidecar.config.VariantSetting;
import org.herd.sidecar.snapshot.InitialSnapshot;
import org.herd.testkit.SourceServer;
import org.herd.translator.UserPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sidecar's side of the lock of its initial snapshot, on a real MariaDB: what it does when
 * Debezium's engine asks for the lock, never asks, or asks as a user MariaDB refuses the lock to.
 * The engine is played by the test (it is not a server): it asks for the lock and reports the
 * binlog position as Debezium does, from its own connection.
 */
class InitialSnapshotLockIT {

    private static final String NO_RELOAD = "herd_no_reload";
    private static final String NO_RELOAD_PASSWORD = "pw-no-reload-1";

    private SidecarSite site;
    private final List<Integer> published = new ArrayList<>();
    private final List<InitialSnapshot.Position> stored = new ArrayList<>();

    @BeforeEach
    void site() throws SQLException {
        site = new SidecarSite();
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO torrents_group (ID, CategoryID, Name, Year, ReleaseType, TagList, Time, WikiBody, "
                    + "WikiImage) VALUES (1, 1, 'g', 2001, 1, '', '2001-02-03 04:05:06', '', '')");
        }
    }

    @AfterEach
    void close() {
        site.close();
    }

    private InitialSnapshot snapshot(String user, String password) {
        SourceServer.Login login = site.source.login();
        SidecarProperties p = new SidecarProperties("lock", VariantSetting.WHATCD,
                new SidecarProperties.Source(SourceConnector.MARIADB, login.host(), login.port(), site.db, user,
                        password, 7),
                new SidecarProperties.Kafka("k:9092", null, 3, (short) -1, Map.of()),
                new SidecarProperties.Privacy(UserPolicy.NONE, null, false, false), Map.of(), Duration.ofSeconds(1),
                List.of(), SidecarProperties.LostHistoryAction.RESNAPSHOT,
                new SidecarProperties.Trust(null, null, Duration.ofSeconds(5), 1024, true),
                SidecarProperties.InitialSnapshotReader.SIDECAR);
        return new InitialSnapshot(p, Map.of("torrents_group", List.of("ID", "Name")), 1, new SecretMasker(p));
    }

    private Optional<InitialSnapshot.Position> run(InitialSnapshot snapshot, InitialSnapshot.SchemaSnapshot engine)
            throws Exception {
        return snapshot.run(engine, new InitialSnapshot.Sink() {
            private int unacknowledged;

            @Override
            public void row(org.herd.translator.RowChange row) {
                unacknowledged++;
            }

            @Override
            public void acknowledged() {
                published.add(unacknowledged);
                unacknowledged = 0;
            }

            @Override
            public void completed() {
            }
        }, stored::add);
    }

    /** The binlog position as Debezium reads it, on a connection of its own. */
    private InitialSnapshot.Position masterPosition() {
        try (Connection c = site.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            assertThat(rs.next()).as("the binary log is on").isTrue();
            return new InitialSnapshot.Position(rs.getString(1), rs.getLong(2), null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a write waits for the global read lock: it gives up after a second if it does. */
    private boolean writesWait() {
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = 1");
            try {
                s.execute("UPDATE torrents_group SET Year = Year + 1 WHERE ID = 1");
                return false;
            } catch (SQLException e) {
                assertThat(e.getMessage()).as("the write gave up waiting for a lock").containsIgnoringCase("lock");
                return true;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InitialSnapshot.Recorded recorded(InitialSnapshot.Position at) {
        return new InitialSnapshot.Recorded() {
            @Override
            public InitialSnapshot.Position position() {
                return at;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void theSiteWaitsFromTheAskUntilTheDefinitionsAreRecordedAndTheRowsAreReadAtThatPosition() throws Exception {
        List<Boolean> waited = new ArrayList<>();
        Optional<InitialSnapshot.Position> position = run(snapshot(site.source.login().user(),
                site.source.login().password()), lock -> {
                    waited.add(writesWait());
                    lock.take();
                    waited.add(writesWait());
                    return recorded(masterPosition());
                });
        assertThat(waited).as("writes before the ask, while the lock is held").containsExactly(false, true);
        assertThat(writesWait()).as("writes after the definitions are recorded").isFalse();
        assertThat(position).isPresent();
        assertThat(stored).containsExactly(position.get());
        assertThat(published).containsExactly(1);
    }

    @Test
    void definitionsRecordedWithoutAskingForTheLockAreGivenUp() throws Exception {
        InitialSnapshot.Position at = masterPosition();
        assertThatThrownBy(() -> run(snapshot(site.source.login().user(), site.source.login().password()),
                lock -> recorded(at)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without asking for the global read lock");
        assertThat(published).isEmpty();
        assertThat(stored).isEmpty();
    }

    @Test
    void aLockMariaDbRefusesLeavesTheSnapshotToDebezium() throws Exception {
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            for (String host : List.of("%", "localhost", "127.0.0.1")) {
                s.execute("CREATE USER IF NOT EXISTS '" + NO_RELOAD + "'@'" + host + "' IDENTIFIED BY '"
                        + NO_RELOAD_PASSWORD + "'");
                s.execute("GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + NO_RELOAD + "'@'"
                        + host + "'");
            }
        }
        List<RuntimeException> thrown = new ArrayList<>();
        Optional<InitialSnapshot.Position> position = run(snapshot(NO_RELOAD, NO_RELOAD_PASSWORD), lock -> {
            try {
                lock.take();
            } catch (RuntimeException e) {
                // Debezium's snapshot ends on it, and the engine reports that it stopped.
                thrown.add(e);
                throw new IllegalStateException("Debezium's snapshot of the table definitions ended", e);
            }
            return recorded(masterPosition());
        });
        assertThat(thrown).singleElement().satisfies(e -> assertThat(e.getCause()).as("no SQL error for Debezium "
                + "to retry on").isNull());
        assertThat(position).isEmpty();
        assertThat(published).isEmpty();
        assertThat(stored).isEmpty();
        assertThat(writesWait()).isFalse();
    }

    @Test
    void theWarmUpBeforeTheLockParsesEveryTableDefinitionOfTheDatabase() throws Exception {
        int tables;
        List<String> definitions;
        try (Connection c = site.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                        + site.db + "' AND TABLE_TYPE = 'BASE TABLE'")) {
            rs.next();
            tables = rs.getInt(1);
            definitions = DdlParserWarmUp.definitions(c, site.db);
        }
        assertThat(tables).as("Gazelle's tables").isGreaterThan(50);
        assertThat(definitions).hasSize(tables).allSatisfy(d -> assertThat(d).startsWith("CREATE TABLE"));
        assertThat(DdlParserWarmUp.parse(SourceConnector.MARIADB, site.db, definitions)).isEqualTo(tables);
    }
}
