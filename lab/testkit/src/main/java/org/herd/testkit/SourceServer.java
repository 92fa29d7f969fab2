package org.herd.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.herd.embedded.EmbeddedMariaDb;

/**
 * A Gazelle database server under test, as a test and a sidecar reach it: the embedded MariaDB, or
 * MySQL 8 in a container ({@link MySql8Server}). A test written once against this interface runs
 * per server, one subclass each.
 */
public interface SourceServer {

    /** Where the server listens and the account tests and sidecars use on it. */
    record Login(String host, int port, String user, String password) {
        @Override
        public String toString() {
            return user + "@" + host + ":" + port;
        }
    }

    /** Read when needed: a container's address is known once it has started. */
    Login login();

    /** The sidecar's connector for this server ({@code herd.sidecar.source.connector}): MARIADB or MYSQL. */
    String connector();

    /** Creates an empty database with the character set the server's Gazelle sites use, unless it exists. */
    void createDatabase(String name) throws SQLException;

    Connection connect(String database) throws SQLException;

    /** Sidecar properties this server needs beyond its login and connector. */
    default List<String> sidecarProperties() {
        return List.of();
    }

    /** The JVM's shared embedded MariaDB ({@link EmbeddedMariaDb#shared()}). */
    static SourceServer embedded() {
        return of(EmbeddedMariaDb.shared());
    }

    /** An embedded MariaDB, through Debezium's MariaDB connector. */
    static SourceServer of(EmbeddedMariaDb mariaDb) {
        return new SourceServer() {
            @Override
            public Login login() {
                return new Login(mariaDb.host(), mariaDb.port(), mariaDb.user(), mariaDb.password());
            }

            @Override
            public String connector() {
                return "MARIADB";
            }

            @Override
            public void createDatabase(String name) {
                mariaDb.createDatabase(name);
            }

            @Override
            public Connection connect(String database) throws SQLException {
                return mariaDb.connect(database);
            }
        };
    }
}
