package org.herd.restore.mapping;

import java.util.List;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.mapping.CodeList;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * release_group_artist → torrents_artists: WhatCD names the artist, OPS only the alias and repeats
 * the role as artist_role_id.
 */
final class TorrentsArtistsRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.RELEASE_GROUP_ARTIST;
    }

    @Override
    public List<String> tables() {
        return List.of("torrents_artists");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        String role = row.text("role");
        var r = context.row("torrents_artists")
                .set("GroupID", row.id("release_group_id"))
                .set("AliasID", row.id("alias_id"))
                .code("Importance", CodeList.ARTIST_ROLES, role)
                .nobody("UserID");
        if (context.variant() == GazelleVariant.OPS) {
            r.code("artist_role_id", CodeList.ARTIST_ROLES, role);
        } else {
            r.set("ArtistID", row.id("artist_id"));
        }
        context.write(r);
    }
}
