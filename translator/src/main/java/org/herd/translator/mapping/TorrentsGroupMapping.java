package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * torrents_group → release_group. TagList is not read: it is Gazelle's denormalised copy of
 * torrents_tags, which mirrors receive as release_group_tag. OPS has the same columns but
 * ArtistID (dropped in 2021); its ReleaseType codes are the ids of its release_type table, which
 * are WhatCD's codes plus the ones WhatCD never used.
 */
public final class TorrentsGroupMapping implements TableMapping {

    private static final String MUSIC = "music";

    private final boolean hasArtistColumn;

    /** WhatCD's shape. */
    public TorrentsGroupMapping() {
        this(true);
    }

    private TorrentsGroupMapping(boolean hasArtistColumn) {
        this.hasArtistColumn = hasArtistColumn;
    }

    /** OPS's shape: no ArtistID. */
    public static TorrentsGroupMapping ops() {
        return new TorrentsGroupMapping(false);
    }

    @Override
    public String table() {
        return "torrents_group";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.RELEASE_GROUP;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("release_group_id", row.requiredLong("ID")).build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("release_group_id", KeySource.copy("ID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        String category = row.code("CategoryID", CodeList.CATEGORIES);
        // ReleaseType keeps its column default (21) for non-music groups, where it means nothing.
        String releaseType = MUSIC.equals(category) ? row.code("ReleaseType", CodeList.RELEASE_TYPES) : null;
        return FieldValues.payload(entity())
                .put("artist_id", hasArtistColumn ? row.zeroAsNull("ArtistID") : null)
                .put("category", category)
                .put("name", row.text("Name"))
                .put("year", row.zeroAsNull("Year"))
                .put("catalogue_number", row.emptyAsNull("CatalogueNumber"))
                .put("record_label", row.emptyAsNull("RecordLabel"))
                .put("release_type", releaseType)
                .put("added_at", row.timestamp("Time"))
                .put("revision_id", row.zeroAsNull("RevisionID"))
                .put("wiki_body", row.emptyAsNull("WikiBody"))
                .put("wiki_image", row.emptyAsNull("WikiImage"))
                .put("vanity_house", row.flag("VanityHouse"))
                .build();
    }
}
