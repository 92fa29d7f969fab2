package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** artists_similar_scores → artist_similarity; who voted (artists_similar_votes) stays home. */
public final class ArtistsSimilarScoresMapping implements TableMapping {

    @Override
    public String table() {
        return "artists_similar_scores";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.ARTIST_SIMILARITY;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("similarity_id", row.requiredLong("SimilarID")).build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("similarity_id", KeySource.copy("SimilarID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity()).put("score", row.requiredLong("Score")).build();
    }
}
