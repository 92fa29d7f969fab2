package org.herd.cli;

import java.sql.Connection;
import java.sql.SQLException;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.simulator.OpsWorkload;

/** The privacy leak test on the OPS schema, with OPS's own live traffic. */
class OpsPrivacyLeakIT extends AbstractPrivacyLeakIT {

    @Override
    protected GazelleVariant variant() {
        return GazelleVariant.OPS;
    }

    @Override
    protected LiveTraffic liveTraffic(Connection c) throws SQLException {
        OpsWorkload workload = new OpsWorkload(c, 29);
        return new LiveTraffic() {
            @Override
            public void step() throws SQLException {
                workload.step();
            }

            @Override
            public void noise() throws SQLException {
                workload.trackerFlush(5);
                workload.userActivity();
                workload.sendPrivateMessage();
            }
        };
    }
}
