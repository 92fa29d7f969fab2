package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * artists_similar → artist_similarity_artist. Gazelle writes two rows per similarity, one per
 * artist, sharing the SimilarID of the artists_similar_scores row; both columns are the key.
 */
public final class ArtistsSimilarMapping implements TableMapping {

    @Override
    public String table() {
        return "artists_similar";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.ARTIST_SIMILARITY_ARTIST;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity())
                .put("similarity_id", row.requiredLong("SimilarID"))
                .put("artist_id", row.requiredLong("ArtistID"))
                .build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return FieldValues.keySources(entity(), KeySource.copy("SimilarID"), KeySource.copy("ArtistID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity()).build();
    }
}
