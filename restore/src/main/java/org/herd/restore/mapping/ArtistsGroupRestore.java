package org.herd.restore.mapping;

import java.util.List;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** artist → artists_group: WhatCD's row carries the name, OPS's the primary alias. */
final class ArtistsGroupRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.ARTIST;
    }

    @Override
    public List<String> tables() {
        return List.of("artists_group");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        var r = context.row("artists_group")
                .set("ArtistID", row.id("artist_id"))
                .number("RevisionID", row.number("revision_id"))
                .flag("VanityHouse", row.flag("vanity_house"));
        if (context.variant() == GazelleVariant.OPS) {
            r.number("PrimaryAlias", row.number("primary_alias_id"));
        } else {
            r.text("Name", row.text("name"));
        }
        context.write(r);
    }
}
