package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herd.translator.GazelleRows.POS;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.Test;

/** torrents_votes → release_group_votes: counts only, deleted with the group. */
class AlbumVotesTranslationTest {

    private final Translator translator = new Translator(new TranslatorSettings("site-1", GazelleVariant.WHATCD));

    private static Map<String, Object> votes(long ups, long total, float score) {
        Map<String, Object> r = new HashMap<>();
        r.put("GroupID", 77);
        // int(10) unsigned: the capture layer hands over a Long.
        r.put("Ups", ups);
        r.put("Total", total);
        r.put("Score", score);
        return r;
    }

    @Test
    void countsAreThePayloadAndTheDerivedScoreIsLeftOut() {
        NeutralRecord r = translator.translate(RowChange.insert("torrents_votes", votes(7, 9, 0.4417f), POS)).get(0);
        assertThat(r.entity()).isEqualTo("release_group_votes");
        assertThat(r.key()).containsExactly(Map.entry("release_group_id", 77L));
        assertThat(r.payload()).containsExactly(Map.entry("up_votes", 7L), Map.entry("total_votes", 9L));
        assertThat(new String(WireFormat.encode(r), StandardCharsets.UTF_8)).doesNotContain("0.44", "score");
    }

    @Test
    void aVoteIsAnUpsertAndAFreshGroupStartsAtZero() {
        assertThat(translator.translate(RowChange.update("torrents_votes", votes(7, 9, 0.44f), votes(8, 10, 0.49f),
                POS))).singleElement().satisfies(r -> assertThat(r.payload()).containsEntry("up_votes", 8L));
        assertThat(translator.translate(RowChange.insert("torrents_votes", votes(0, 1, 0f), POS)).get(0).payload())
                .containsEntry("up_votes", 0L).containsEntry("total_votes", 1L);
    }

    @Test
    void deletingAGroupDeletesItsVotesToo() {
        // InnoDB's ON DELETE CASCADE removes the torrents_votes row without a binlog event.
        List<NeutralRecord> out = translator.translate(RowChange.delete("torrents_group", GazelleRows.group(), POS));
        assertThat(out).extracting(NeutralRecord::entity).containsExactly("release_group", "release_group_votes");
        assertThat(out).allSatisfy(r -> {
            assertThat(r.op()).isEqualTo(Operation.DELETE);
            assertThat(r.position()).isEqualTo(POS);
        });
        assertThat(out.get(1).key()).containsExactly(Map.entry("release_group_id", 77L));
        // Inserts and updates of a group take nothing along.
        assertThat(translator.translate(RowChange.insert("torrents_group", GazelleRows.group(), POS)))
                .extracting(NeutralRecord::entity).containsExactly("release_group");
    }

    @Test
    void whoVotedNeverLeaves() {
        assertThat(translator.translate(RowChange.insert("users_votes",
                Map.of("UserID", 4242, "GroupID", 77, "Type", "Up"), POS))).isEmpty();
    }
}
