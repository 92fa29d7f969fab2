package org.herd.sidecar.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.herd.sidecar.config.SidecarProperties.LostHistoryAction;

/**
 * A stored binlog position the server no longer has: the binlog files between it and the oldest
 * one left were purged while the sidecar was away, and with them every change they held.
 *
 * @param stored    the position Debezium would resume from
 * @param server    host:port of the Gazelle database
 * @param oldest    the oldest binlog file the server still has
 */
public record LostHistory(StoredOffset stored, String server, String oldest) {

    /**
     * Compares the stored position with {@code SHOW BINARY LOGS}: the history is lost when the
     * stored file is no longer listed. (GTIDs name the same events; once the file holding them is
     * gone they are gone too, so the file is what decides.)
     */
    public static Optional<LostHistory> check(StoredOffset stored, Connection source, String server)
            throws SQLException {
        List<String> files = new ArrayList<>();
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return check(stored, files, server);
    }

    static Optional<LostHistory> check(StoredOffset stored, List<String> binlogFiles, String server) {
        if (binlogFiles.isEmpty() || binlogFiles.contains(stored.file())) {
            return Optional.empty();
        }
        return Optional.of(new LostHistory(stored, server, binlogFiles.get(0)));
    }

    /** The one line an operator reads about it. */
    public String message(LostHistoryAction action) {
        String what = "Lost history: the stored position " + stored + " is no longer on " + server
                + " (oldest binlog " + oldest + "); ";
        return switch (action) {
            case RESNAPSHOT -> what + "re-snapshotting every replicated table (herd.sidecar.on-lost-history="
                    + action + "). Rows deleted while the history was lost are not in a snapshot: mirrors keep "
                    + "them until `herd verify --repair` publishes their deletes.";
            case STOP -> what + "not starting (herd.sidecar.on-lost-history=" + action + "). Set "
                    + "herd.sidecar.on-lost-history=RESNAPSHOT to snapshot every replicated table again; rows "
                    + "deleted meanwhile then need `herd verify --repair`.";
        };
    }
}
