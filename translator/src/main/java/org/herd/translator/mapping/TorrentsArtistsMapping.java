package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** torrents_artists → release_group_artist; Importance becomes the credit's role. */
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
        String role = row.code("Importance", CodeList.ARTIST_ROLES);
        if (role == null) {
            throw row.fail("Importance", "is NULL but is part of the key");
        }
        return FieldValues.key(entity())
                .put("release_group_id", row.requiredLong("GroupID"))
                .put("artist_id", row.requiredLong("ArtistID"))
                .put("role", role)
                .build();
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity()).put("alias_id", row.requiredLong("AliasID")).build();
    }
}
