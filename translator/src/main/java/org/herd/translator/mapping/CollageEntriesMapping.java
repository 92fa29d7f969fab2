package org.herd.translator.mapping;

import java.util.List;
import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * collages_torrents → collage_release_group and collages_artists → collage_artist: Gazelle gives
 * both the same layout. An entry leaves only while its collage does; who added it never leaves.
 */
public final class CollageEntriesMapping implements TableMapping {

    static final String RELEASE_GROUPS = "collages_torrents";
    static final String ARTISTS = "collages_artists";

    private final String table;
    private final EntityType entity;
    private final String entryColumn;
    private final String entryField;

    private CollageEntriesMapping(String table, EntityType entity, String entryColumn, String entryField) {
        this.table = table;
        this.entity = entity;
        this.entryColumn = entryColumn;
        this.entryField = entryField;
    }

    public static CollageEntriesMapping releaseGroups() {
        return new CollageEntriesMapping(RELEASE_GROUPS, NeutralSchema.COLLAGE_RELEASE_GROUP, "GroupID",
                "release_group_id");
    }

    public static CollageEntriesMapping artists() {
        return new CollageEntriesMapping(ARTISTS, NeutralSchema.COLLAGE_ARTIST, "ArtistID", "artist_id");
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public EntityType entity() {
        return entity;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity)
                .put("collage_id", row.requiredLong("CollageID"))
                .put(entryField, row.requiredLong(entryColumn))
                .build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return FieldValues.keySources(entity, KeySource.copy("CollageID"), KeySource.copy(entryColumn));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity)
                .put("sort", row.requiredLong("Sort"))
                .put("added_at", row.timestamp("AddedOn"))
                .build();
    }

    @Override
    public List<String> parentColumns() {
        return List.of("CollageID");
    }

    @Override
    public boolean visible(GazelleRow row) {
        return ParentRows.visible(row, "CollageID", CollagesMapping.TABLE, "ID", CollagesMapping::isVisible);
    }
}
