package org.herd.restore.mapping;

import java.util.List;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.mapping.CodeList;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * release_group → torrents_group. TagList is written empty and recomputed from torrents_tags once
 * every tag is in ({@code Denormalised}); WikiBody and WikiImage are the record's own.
 */
final class TorrentsGroupRestore implements EntityRestore {

    /** ReleaseType's default, which Gazelle leaves in non-music groups. */
    private static final long UNKNOWN_RELEASE_TYPE = 21;

    @Override
    public EntityType entity() {
        return NeutralSchema.RELEASE_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("torrents_group");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        String category = row.text("category");
        var r = context.row("torrents_group")
                .set("ID", row.id("release_group_id"))
                .code("CategoryID", CodeList.CATEGORIES, category)
                .text("Name", row.text("name"))
                .number("Year", row.number("year"))
                .text("CatalogueNumber", row.text("catalogue_number"))
                .text("RecordLabel", row.text("record_label"))
                .set("TagList", "")
                .time("Time", row.time("added_at"))
                .number("RevisionID", row.number("revision_id"))
                .text("WikiBody", row.text("wiki_body"))
                .text("WikiImage", row.text("wiki_image"))
                .flag("VanityHouse", row.flag("vanity_house"));
        if ("music".equals(category)) {
            r.code("ReleaseType", CodeList.RELEASE_TYPES, row.text("release_type"));
        } else {
            r.set("ReleaseType", UNKNOWN_RELEASE_TYPE);
        }
        if (context.variant() == GazelleVariant.WHATCD) {
            r.number("ArtistID", row.number("artist_id"));
        }
        context.write(r);
    }
}
