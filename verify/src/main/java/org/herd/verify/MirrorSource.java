package org.herd.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Collectors;
import org.herd.translator.schema.EntityType;

/**
 * A mirror's live rows of one origin ({@code herd.<entity>} where origin = ? AND NOT deleted),
 * streamed with a cursor: PostgreSQL's driver fetches in batches only inside a transaction, so
 * each read runs in a read-only one of its own.
 */
public final class MirrorSource implements RowSource {

    private final Connection mirror;
    private final String origin;

    public MirrorSource(Connection mirror, String origin) {
        this.mirror = mirror;
        this.origin = origin;
    }

    @Override
    public void rows(EntityType entity, Chunking.Range range, RowSink sink) throws SQLException {
        String sql = "SELECT " + entity.fields().stream().map(f -> "\"" + f.name() + "\"")
                .collect(Collectors.joining(", ")) + " FROM herd.\"" + entity.name()
                + "\" WHERE origin = ? AND NOT deleted"
                + (range == null ? "" : " AND \"" + range.field() + "\" >= ? AND \"" + range.field() + "\" < ?");
        boolean autoCommit = mirror.getAutoCommit();
        mirror.setAutoCommit(false);
        try (PreparedStatement ps = mirror.prepareStatement(sql)) {
            ps.setString(1, origin);
            if (range != null) {
                ps.setLong(2, range.from());
                ps.setLong(3, range.to());
            }
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.row(MirrorReader.fields(rs, entity, true), MirrorReader.fields(rs, entity, false));
                }
            }
        } finally {
            mirror.commit();
            mirror.setAutoCommit(autoCommit);
        }
    }
}
