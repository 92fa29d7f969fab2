package org.herd.sidecar;

import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.testkit.MySql8Server;
import org.herd.testkit.SourceServer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The sidecar's behaviour against MySQL 8 (the server OPS runs), through Debezium's MySQL
 * connector. Needs Docker; skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class MySql8SidecarIT extends AbstractSidecarIT {

    @Container
    private static final MySQLContainer MYSQL = MySql8Server.container(GazelleVariant.WHATCD);

    @Override
    protected SourceServer source() {
        return new MySql8Server(MYSQL, GazelleVariant.WHATCD);
    }
}
