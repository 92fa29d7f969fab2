package org.herd.cli;

import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.testkit.MySql8Server;
import org.herd.testkit.SourceServer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mysql.MySQLContainer;

/**
 * An OPS site on MySQL 8 with OPS's server settings (utf8mb4_0900_ai_ci, strict sql_mode),
 * through Debezium's MySQL connector. Needs Docker; skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class OpsMySql8EndToEndIT extends AbstractOpsEndToEndIT {

    @Container
    private static final MySQLContainer MYSQL = MySql8Server.container(GazelleVariant.OPS);

    @Override
    protected SourceServer source() {
        return new MySql8Server(MYSQL, GazelleVariant.OPS);
    }
}
