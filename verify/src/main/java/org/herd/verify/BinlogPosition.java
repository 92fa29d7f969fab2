package org.herd.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.herd.translator.SourcePosition;

/**
 * The end of the origin's binlog now: where the next transaction will begin. Read with SHOW MASTER
 * STATUS (MariaDB, MySQL before 8.4) or SHOW BINARY LOG STATUS (MySQL 8.4, which removed the
 * former); the sidecar's replication user may run both (REPLICATION CLIENT / BINLOG MONITOR).
 */
public final class BinlogPosition {

    private BinlogPosition() {
    }

    /** The position, with event 0 and row 0; empty when the server has no binlog or refuses. */
    public static Optional<SourcePosition> read(Connection gazelle) {
        for (String sql : new String[] {"SHOW MASTER STATUS", "SHOW BINARY LOG STATUS"}) {
            try (Statement s = gazelle.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                if (rs.next()) {
                    return Optional.of(new SourcePosition(rs.getString("File"), rs.getLong("Position"), 0, 0, false,
                            0));
                }
                return Optional.empty();
            } catch (SQLException | IllegalArgumentException e) {
                // Try the other spelling; neither working means no position.
            }
        }
        return Optional.empty();
    }
}
