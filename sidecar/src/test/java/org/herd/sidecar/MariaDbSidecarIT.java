package org.herd.sidecar;

import java.sql.Connection;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.embedded.EmbeddedStack;
import org.herd.sidecar.config.SourceConnector;

/** The sidecar's behaviour against MariaDB 11 (embedded), through Debezium's MariaDB connector. */
class MariaDbSidecarIT extends AbstractSidecarIT {

    private static final EmbeddedMariaDb MARIADB = EmbeddedStack.shared().mariaDb();

    @Override
    protected SourceDatabase source() {
        return new SourceDatabase() {
            @Override
            public String host() {
                return MARIADB.host();
            }

            @Override
            public int port() {
                return MARIADB.port();
            }

            @Override
            public String user() {
                return MARIADB.user();
            }

            @Override
            public String password() {
                return MARIADB.password();
            }

            @Override
            public SourceConnector connector() {
                return SourceConnector.MARIADB;
            }

            @Override
            public void createDatabase(String name) {
                MARIADB.createDatabase(name);
            }

            @Override
            public Connection connect(String database) throws Exception {
                return MARIADB.connect(database);
            }
        };
    }
}
