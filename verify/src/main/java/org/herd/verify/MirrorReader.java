package org.herd.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.wire.WireFormat;

/**
 * Reads a mirror's live rows (tombstones excluded) of one origin as neutral field maps: the row of one
 * key, and the fields of a result set's row for {@link MirrorSource}.
 */
public final class MirrorReader {

    private MirrorReader() {
    }

    /** The live payload a mirror holds for one key, or empty when it holds none or a tombstone. */
    public static java.util.Optional<Map<String, Object>> readOne(Connection mirror, String origin, EntityType e,
            Map<String, Object> key) throws SQLException {
        String sql = "SELECT " + e.fields().stream().map(f -> "\"" + f.name() + "\"")
                .collect(Collectors.joining(", ")) + " FROM herd.\"" + e.name() + "\" WHERE origin = ? AND NOT deleted"
                + e.keyFields().stream().map(f -> " AND \"" + f.name() + "\" = ?").collect(Collectors.joining());
        try (PreparedStatement ps = mirror.prepareStatement(sql)) {
            ps.setString(1, origin);
            int i = 2;
            for (Field f : e.keyFields()) {
                ps.setObject(i++, key.get(f.name()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(fields(rs, e, false)) : java.util.Optional.empty();
            }
        }
    }

    static Map<String, Object> fields(ResultSet rs, EntityType e, boolean key) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : key ? e.keyFields() : e.payloadFields()) {
            Object v = switch (f.type()) {
                case INTEGER -> {
                    long l = rs.getLong(f.name());
                    yield rs.wasNull() ? null : l;
                }
                case TEXT -> rs.getString(f.name());
                case BOOLEAN -> {
                    boolean b = rs.getBoolean(f.name());
                    yield rs.wasNull() ? null : b;
                }
                case TIMESTAMP -> rs.getObject(f.name(), LocalDateTime.class);
                // jsonb comes back as PostgreSQL prints it; read it into the value the origin translates to.
                case FILE_LIST -> {
                    String json = rs.getString(f.name());
                    yield json == null ? null : WireFormat.decodeFileList(json);
                }
            };
            values.put(f.name(), v);
        }
        return values;
    }
}
