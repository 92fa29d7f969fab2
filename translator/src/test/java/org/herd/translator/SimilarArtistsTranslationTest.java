package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herd.translator.GazelleRows.POS;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.junit.jupiter.api.Test;

/** artists_similar_scores → artist_similarity, artists_similar → artist_similarity_artist. */
class SimilarArtistsTranslationTest {

    private final Translator translator = new Translator(new TranslatorSettings("site-1", GazelleVariant.WHATCD));

    @Test
    void aSimilarityIsItsScoreAndItsTwoArtists() {
        NeutralRecord score = translator.translate(RowChange.insert("artists_similar_scores",
                Map.of("SimilarID", 310, "Score", 200), POS)).get(0);
        assertThat(score.entity()).isEqualTo("artist_similarity");
        assertThat(score.key()).containsExactly(Map.entry("similarity_id", 310L));
        assertThat(score.payload()).containsExactly(Map.entry("score", 200L));

        for (int artist : new int[] {9, 4711}) {
            NeutralRecord member = translator.translate(RowChange.insert("artists_similar",
                    Map.of("ArtistID", artist, "SimilarID", 310), POS)).get(0);
            assertThat(member.entity()).isEqualTo("artist_similarity_artist");
            assertThat(member.key()).containsExactly(Map.entry("similarity_id", 310L),
                    Map.entry("artist_id", (long) artist));
            assertThat(member.payload()).isEmpty();
        }
    }

    @Test
    void votesMoveTheScoreAndASimilarityFallingToZeroIsDeleted() {
        Map<String, Object> before = Map.of("SimilarID", 310, "Score", 100);
        Map<String, Object> after = Map.of("SimilarID", 310, "Score", 0);
        assertThat(translator.translate(RowChange.update("artists_similar_scores", before, after, POS)))
                .singleElement().satisfies(r -> assertThat(r.payload()).containsEntry("score", 0L));
        List<NeutralRecord> deletes = translator.translate(RowChange.delete("artists_similar",
                Map.of("ArtistID", 9, "SimilarID", 310), POS));
        assertThat(deletes).singleElement().satisfies(r -> {
            assertThat(r.op()).isEqualTo(Operation.DELETE);
            assertThat(r.key()).containsEntry("artist_id", 9L);
        });
    }

    @Test
    void whoVotedNeverLeaves() {
        assertThat(translator.translate(RowChange.insert("artists_similar_votes",
                Map.of("SimilarID", 310, "UserID", 4242, "Way", "up"), POS))).isEmpty();
    }

    @Test
    void columnDefaultsAreKeptAndANullKeyIsAnError() {
        // DEFAULT '0' on both key columns: a row written without them is still a row of the origin.
        assertThat(translator.translate(RowChange.read("artists_similar", Map.of("ArtistID", 0, "SimilarID", 0), POS))
                .get(0).key()).containsEntry("artist_id", 0L).containsEntry("similarity_id", 0L);
        Map<String, Object> broken = new HashMap<>();
        broken.put("SimilarID", null);
        broken.put("Score", 200);
        assertThatThrownBy(() -> translator.translate(RowChange.read("artists_similar_scores", broken, POS)))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("artists_similar_scores").hasMessageContaining("column SimilarID");
    }
}
