package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * artists_group → artist. WhatCD's artist carries its name. OPS's has no name column: its name is
 * the artists_alias row PrimaryAlias points at, which mirrors receive as artist_alias, so the
 * record carries that alias's id instead, because a mapping sees one row and never joins.
 */
public final class ArtistsGroupMapping implements TableMapping {

    private final boolean namedByPrimaryAlias;

    /** The WhatCD mapping: the row has the name. */
    public ArtistsGroupMapping() {
        this(false);
    }

    private ArtistsGroupMapping(boolean namedByPrimaryAlias) {
        this.namedByPrimaryAlias = namedByPrimaryAlias;
    }

    /** The OPS mapping: the row points at its name's alias. */
    public static ArtistsGroupMapping ops() {
        return new ArtistsGroupMapping(true);
    }

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
    public Map<String, KeySource> keySources() {
        return Map.of("artist_id", KeySource.copy("ArtistID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("name", namedByPrimaryAlias ? null : row.text("Name"))
                // WhatCD marks no alias as the primary one. OPS inserts a new artist with
                // PrimaryAlias = 0 and sets it once the alias exists.
                .put("primary_alias_id", namedByPrimaryAlias ? row.zeroAsNull("PrimaryAlias") : null)
                .put("revision_id", row.zeroAsNull("RevisionID"))
                .put("vanity_house", row.flag("VanityHouse"))
                .build();
    }
}
