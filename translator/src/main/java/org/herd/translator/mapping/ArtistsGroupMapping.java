package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** artists_group → artist, WhatCD's shape: the artist carries its name. */
public final class ArtistsGroupMapping implements TableMapping {

    @Override
    public String table() {
        return "artists_group";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.ARTIST;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("artist_id", row.requiredLong("ArtistID")).build();
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("name", row.text("Name"))
                // WhatCD marks no alias as the primary one; the name is here instead.
                .put("primary_alias_id", null)
                .put("revision_id", row.zeroAsNull("RevisionID"))
                .put("vanity_house", row.flag("VanityHouse"))
                .build();
    }
}
