package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * release_group_wiki → wiki_torrents and artist_wiki → wiki_artists; who wrote a revision is not
 * known. OPS spells wiki_artists' summary column in lower case.
 */
final class WikiRestore implements EntityRestore {

    private final EntityType entity;
    private final String table;
    private final String pageField;
    private final String summaryColumn;

    private WikiRestore(EntityType entity, String table, String pageField, String summaryColumn) {
        this.entity = entity;
        this.table = table;
        this.pageField = pageField;
        this.summaryColumn = summaryColumn;
    }

    static WikiRestore releaseGroups() {
        return new WikiRestore(NeutralSchema.RELEASE_GROUP_WIKI, "wiki_torrents", "release_group_id", "Summary");
    }

    static WikiRestore artists() {
        return new WikiRestore(NeutralSchema.ARTIST_WIKI, "wiki_artists", "artist_id", "Summary");
    }

    static WikiRestore opsArtists() {
        return new WikiRestore(NeutralSchema.ARTIST_WIKI, "wiki_artists", "artist_id", "summary");
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
                .set("RevisionID", row.id("revision_id"))
                .set("PageID", row.id(pageField))
                .text("Body", row.text("body"))
                .nobody("UserID")
                .text(summaryColumn, row.text("summary"))
                .time("Time", row.time("created_at"))
                .text("Image", row.text("image")));
    }
}
