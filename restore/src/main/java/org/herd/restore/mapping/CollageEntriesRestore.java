package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * collage_release_group → collages_torrents and collage_artist → collages_artists; who added an
 * entry is not known.
 */
final class CollageEntriesRestore implements EntityRestore {

    private final EntityType entity;
    private final String table;
    private final String entryColumn;
    private final String entryField;

    private CollageEntriesRestore(EntityType entity, String table, String entryColumn, String entryField) {
        this.entity = entity;
        this.table = table;
        this.entryColumn = entryColumn;
        this.entryField = entryField;
    }

    static CollageEntriesRestore releaseGroups() {
        return new CollageEntriesRestore(NeutralSchema.COLLAGE_RELEASE_GROUP, "collages_torrents", "GroupID",
                "release_group_id");
    }

    static CollageEntriesRestore artists() {
        return new CollageEntriesRestore(NeutralSchema.COLLAGE_ARTIST, "collages_artists", "ArtistID", "artist_id");
    }

    @Override
    public EntityType entity() {
        return entity;
    }

    @Override
    public List<String> tables() {
        return List.of(table);
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row(table)
                .set("CollageID", row.id("collage_id"))
                .set(entryColumn, row.id(entryField))
                .nobody("UserID")
                .set("Sort", row.id("sort"))
                .time("AddedOn", row.time("added_at")));
    }
}
