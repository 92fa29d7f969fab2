package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * torrents_artists → release_group_artist; Importance becomes the credit's role. OPS credits
 * rows by alias only (no ArtistID column), so artist_id is null for OPS: the alias names the
 * artist.
 */
public final class TorrentsArtistsMapping implements TableMapping {

    private final boolean hasArtistColumn;

    /** The WhatCD mapping: rows carry ArtistID. */
    public TorrentsArtistsMapping() {
        this(true);
    }

    private TorrentsArtistsMapping(boolean hasArtistColumn) {
        this.hasArtistColumn = hasArtistColumn;
    }

    /** The OPS mapping: rows name the alias only. */
    public static TorrentsArtistsMapping ops() {
        return new TorrentsArtistsMapping(false);
    }

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
        // The same key in both variants: group, credited alias, role.
        return FieldValues.key(entity())
                .put("release_group_id", row.requiredLong("GroupID"))
                .put("alias_id", row.requiredLong("AliasID"))
                .put("role", role)
                .build();
    }

    /** The role is decoded from Importance: a row condition names group and alias (see {@link KeySource.Kind#CODE}). */
    @Override
    public Map<String, KeySource> keySources() {
        return FieldValues.keySources(entity(), KeySource.copy("GroupID"), KeySource.copy("AliasID"),
                KeySource.code("Importance"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("artist_id", hasArtistColumn ? row.requiredLong("ArtistID") : null).build();
    }
}
