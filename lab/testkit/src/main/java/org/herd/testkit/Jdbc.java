package org.herd.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.herd.translator.wire.WireFormat;

/** Plain JDBC reads for assertions. */
public final class Jdbc {

    private Jdbc() {
    }

    public static List<Map<String, Object>> query(DataSource db, String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        // The mirror writes LocalDateTime; read it back the same way, free of the JVM's zone.
                        // jsonb holds file lists: read back as the neutral value the record carried.
                        Object v = switch (md.getColumnTypeName(i)) {
                            case "timestamp" -> rs.getObject(i, LocalDateTime.class);
                            case "jsonb" -> rs.getString(i) == null ? null : WireFormat.decodeFileList(rs.getString(i));
                            default -> rs.getObject(i);
                        };
                        row.put(md.getColumnLabel(i), v);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public static void execute(DataSource db, String sql) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
