package org.herd.cli;

import org.herd.testkit.SourceServer;

/** An OPS site on MariaDB 11 (embedded), through Debezium's MariaDB connector. */
class OpsMariaDbEndToEndIT extends AbstractOpsEndToEndIT {

    @Override
    protected SourceServer source() {
        return SourceServer.embedded();
    }
}
