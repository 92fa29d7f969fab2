package org.herd.cli;

import java.sql.Connection;
import java.sql.SQLException;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.embedded.EmbeddedStack;
import org.herd.sidecar.config.SourceConnector;

/** An OPS site on MariaDB 11 (embedded), through Debezium's MariaDB connector. */
class OpsMariaDbEndToEndIT extends AbstractOpsEndToEndIT {

    private static final EmbeddedMariaDb MARIADB = EmbeddedStack.shared().mariaDb();

    @Override
    protected OpsDatabase source() {
        return new OpsDatabase() {
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
            public Connection connect(String database) throws SQLException {
                return MARIADB.connect(database);
            }
        };
    }
}
