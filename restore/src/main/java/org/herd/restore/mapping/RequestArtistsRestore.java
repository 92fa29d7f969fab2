package org.herd.restore.mapping;

import java.util.List;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.mapping.CodeList;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** request_artist → requests_artists: WhatCD names the artist, OPS repeats the role as artist_role_id. */
final class RequestArtistsRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.REQUEST_ARTIST;
    }

    @Override
    public List<String> tables() {
        return List.of("requests_artists");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        String role = row.text("role");
        var r = context.row("requests_artists")
                .set("RequestID", row.id("request_id"))
                .set("AliasID", row.id("alias_id"));
        if (context.variant() == GazelleVariant.OPS) {
            if (role == null) {
                throw row.fail("role", "is null, which OPS's requests_artists.Importance cannot hold");
            }
            r.code("Importance", CodeList.ARTIST_ROLES, role)
                    .code("artist_role_id", CodeList.ARTIST_ROLES, role)
                    .nobody("UserID");
        } else {
            r.set("ArtistID", row.id("artist_id")).code("Importance", CodeList.ARTIST_ROLES, role);
        }
        context.write(r);
    }
}
