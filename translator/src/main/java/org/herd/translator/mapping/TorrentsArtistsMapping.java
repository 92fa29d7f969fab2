package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** torrents_artists → release_group_artist, WhatCD's shape; Importance becomes the credit's role. */
public final class TorrentsArtistsMapping implements TableMapping {

    @Override
    public String table() {
        return "torrents_artists";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.RELEASE_GROUP_ARTIST;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return creditKey(entity(), row);
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity()).put("artist_id", row.requiredLong("ArtistID")).build();
    }

    /** The credit's key, the same in both variants: group, credited alias, role. */
    static Map<String, Object> creditKey(EntityType entity, GazelleRow row) {
        String role = row.code("Importance", CodeList.ARTIST_ROLES);
        if (role == null) {
            throw row.fail("Importance", "is NULL but is part of the key");
        }
        return FieldValues.key(entity)
                .put("release_group_id", row.requiredLong("GroupID"))
                .put("alias_id", row.requiredLong("AliasID"))
                .put("role", role)
                .build();
    }
}
