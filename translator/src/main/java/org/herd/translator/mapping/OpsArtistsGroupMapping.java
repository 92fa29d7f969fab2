package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * artists_group → artist, OPS's shape: no name column. The artist's name is the artists_alias
 * row PrimaryAlias points at, which mirrors receive as artist_alias; the record carries that
 * alias's id instead of a name, because a mapping sees one row and never joins.
 */
public final class OpsArtistsGroupMapping implements TableMapping {

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
                .put("name", null)
                // OPS inserts a new artist with PrimaryAlias = 0 and sets it once the alias exists.
                .put("primary_alias_id", row.zeroAsNull("PrimaryAlias"))
                .put("revision_id", row.zeroAsNull("RevisionID"))
                .put("vanity_house", row.flag("VanityHouse"))
                .build();
    }
}
