package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * torrents_artists → release_group_artist, OPS's shape: keyed by (GroupID, Importance, AliasID)
 * with no ArtistID, and Importance may be '8' (arranger). artist_role_id repeats Importance and is
 * not read. Re-crediting a group to another alias changes the key: a delete and an upsert.
 */
public final class OpsTorrentsArtistsMapping implements TableMapping {

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
        return TorrentsArtistsMapping.creditKey(entity(), row);
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity()).put("artist_id", null).build();
    }
}
