package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** artist_similarity_artist → artists_similar (WhatCD). */
final class ArtistsSimilarRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.ARTIST_SIMILARITY_ARTIST;
    }

    @Override
    public List<String> tables() {
        return List.of("artists_similar");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row("artists_similar")
                .set("ArtistID", row.id("artist_id"))
                .set("SimilarID", row.id("similarity_id")));
    }
}
