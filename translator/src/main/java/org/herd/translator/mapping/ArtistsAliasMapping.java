package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** artists_alias → artist_alias. */
public final class ArtistsAliasMapping implements TableMapping {

    @Override
    public String table() {
        return "artists_alias";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.ARTIST_ALIAS;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("alias_id", row.requiredLong("AliasID")).build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("alias_id", KeySource.copy("AliasID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("artist_id", row.requiredLong("ArtistID"))
                .put("name", row.text("Name"))
                // Gazelle writes Redirect = 0 for an alias that is a name in its own right.
                .put("redirect_alias_id", row.zeroAsNull("Redirect"))
                .build();
    }
}
