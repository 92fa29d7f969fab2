package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * wiki_torrents → release_group_wiki and wiki_artists → artist_wiki: Gazelle gives both the
 * same layout, with PageID pointing at the group or the artist. OPS spells wiki_artists' summary
 * column in lower case (it was recreated when widened), and the sidecar matches names exactly.
 */
public final class WikiMapping implements TableMapping {

    private final String table;
    private final EntityType entity;
    private final String pageField;
    private final String summaryColumn;

    private WikiMapping(String table, EntityType entity, String pageField, String summaryColumn) {
        this.table = table;
        this.entity = entity;
        this.pageField = pageField;
        this.summaryColumn = summaryColumn;
    }

    public static WikiMapping releaseGroups() {
        return new WikiMapping("wiki_torrents", NeutralSchema.RELEASE_GROUP_WIKI, "release_group_id", "Summary");
    }

    public static WikiMapping artists() {
        return new WikiMapping("wiki_artists", NeutralSchema.ARTIST_WIKI, "artist_id", "Summary");
    }

    /** OPS's wiki_artists, whose summary column is spelled in lower case. */
    public static WikiMapping opsArtists() {
        return new WikiMapping("wiki_artists", NeutralSchema.ARTIST_WIKI, "artist_id", "summary");
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
        return FieldValues.key(entity).put("revision_id", row.requiredLong("RevisionID")).build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("revision_id", KeySource.copy("RevisionID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity)
                .put(pageField, row.requiredLong("PageID"))
                .put("body", row.text("Body"))
                .put("image", row.emptyAsNull("Image"))
                .put("summary", row.emptyAsNull(summaryColumn))
                .put("created_at", row.timestamp("Time"))
                .build();
    }
}
