package org.herd.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.catalogue.Privacy;
import org.herd.restore.mapping.EntityRestores;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.NeutralSchema;

/**
 * Plans the accounts from what a mirror holds of one origin, before any row is written: the
 * references in every field that comes from a user column (authors, owners, requesters, fillers:
 * the catalogue's {@code USER} columns), the {@code user} entity's ids and names, and the most
 * votes one request has. Read with SQL over the mirror's tables, not row by row.
 */
final class MirrorUsers {

    private MirrorUsers() {
    }

    /** The fields of the variant's entities that carry a user reference. */
    static List<UserField> userFields(GazelleVariant variant) {
        GazelleCatalogue catalogue = GazelleCatalogue.of(variant);
        List<UserField> fields = new ArrayList<>();
        for (EntityRestore r : EntityRestores.of(variant)) {
            for (Field f : r.entity().payloadFields()) {
                int dot = f.source().indexOf('.');
                if (dot < 0) {
                    continue;
                }
                String table = f.source().substring(0, dot);
                String column = f.source().substring(dot + 1);
                boolean user = catalogue.table(table).flatMap(t -> t.column(column))
                        .map(c -> c.privacy() == Privacy.USER).orElse(false);
                if (user) {
                    fields.add(new UserField(r.entity(), f.name()));
                }
            }
        }
        return fields;
    }

    /** A field of an entity that carries a user reference. */
    record UserField(EntityType entity, String field) {
    }

    static UserPlan plan(Connection mirror, String origin, GazelleVariant variant) throws SQLException {
        UserPlan.Builder plan = UserPlan.builder();
        for (UserField f : userFields(variant)) {
            query(mirror, "SELECT DISTINCT \"" + f.field() + "\" FROM herd.\"" + f.entity().name()
                    + "\" WHERE origin = ? AND NOT deleted AND \"" + f.field() + "\" IS NOT NULL", origin,
                    rs -> plan.reference(rs.getString(1)));
        }
        EntityType user = NeutralSchema.USER;
        query(mirror, "SELECT user_ref, username FROM herd.\"" + user.name() + "\" WHERE origin = ? AND NOT deleted",
                origin, rs -> plan.publicUser(rs.getString(1), rs.getString(2)));
        query(mirror, "SELECT COALESCE(MAX(vote_count), 0) FROM herd.request WHERE origin = ? AND NOT deleted", origin,
                rs -> plan.votes(rs.getLong(1)));
        return plan.build();
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private static void query(Connection mirror, String sql, String origin, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = mirror.prepareStatement(sql)) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }
}
