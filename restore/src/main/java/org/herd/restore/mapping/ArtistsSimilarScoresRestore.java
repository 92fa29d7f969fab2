package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** artist_similarity → artists_similar_scores (WhatCD). */
final class ArtistsSimilarScoresRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.ARTIST_SIMILARITY;
    }

    @Override
    public List<String> tables() {
        return List.of("artists_similar_scores");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row("artists_similar_scores")
                .set("SimilarID", row.id("similarity_id"))
                .set("Score", row.id("score")));
    }
}
