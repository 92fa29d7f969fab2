package org.herd.sidecar.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.OptionalLong;
import org.herd.sidecar.config.SidecarProperties;

/**
 * The source's own estimate of how many rows the captured tables hold
 * (information_schema.TABLES.TABLE_ROWS): what a snapshot's time left is judged by. Reading
 * statistics costs the server nothing a COUNT(*) would.
 */
public final class SourceTableSizes {

    private SourceTableSizes() {
    }

    /** The estimate, or empty when the server would not say (its message is the caller's to log). */
    public static OptionalLong estimate(SidecarProperties properties, Collection<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return OptionalLong.of(0);
        }
        String sql = "SELECT coalesce(sum(TABLE_ROWS), 0) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME IN (" + "?,".repeat(tables.size() - 1) + "?)";
        try (Connection c = SourceJdbc.connect(properties); PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            st.setString(i++, properties.source().database());
            for (String table : tables) {
                st.setString(i++, table);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
