package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herd.translator.GazelleRows.PASSKEY;
import static org.herd.translator.GazelleRows.POS;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.Test;

/** torrents_logs_new → release_log. */
class RipLogTranslationTest {

    private final Translator translator = new Translator(new TranslatorSettings("site-1", GazelleVariant.WHATCD));

    @Test
    void theLogItsFindingsAndScoreLeaveButNotWhoAdjustedItOrWhy() {
        NeutralRecord r = translator.translate(RowChange.read("torrents_logs_new", GazelleRows.ripLog(), POS)).get(0);
        assertThat(r.entity()).isEqualTo("release_log");
        assertThat(r.key()).containsExactly(Map.entry("log_id", 5501L));
        assertThat(r.payload())
                .containsEntry("release_id", 1201L)
                .containsEntry("details", "Could not verify gap handling (-10 points)\nRange rip detected (-30 points)")
                .containsEntry("score", 60L)
                .containsEntry("checker_revision", 1L)
                .containsEntry("adjusted", true)
                .containsEntry("not_english", false);
        assertThat((String) r.payload().get("log")).startsWith("Exact Audio Copy V1.0 beta 3");
        String wire = new String(WireFormat.encode(r), StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain(PASSKEY, "4242", "staffer");
    }

    @Test
    void emptyTextsAreNull() {
        Map<String, Object> row = GazelleRows.ripLog();
        row.put("Log", "");
        row.put("Details", "");
        row.put("Adjusted", "0");
        row.put("AdjustedBy", 0);
        row.put("AdjustmentReason", null);
        row.put("Score", 100);
        assertThat(translator.translate(RowChange.read("torrents_logs_new", row, POS)).get(0).payload())
                .containsEntry("log", null).containsEntry("details", null).containsEntry("adjusted", false)
                .containsEntry("score", 100L);
    }

    @Test
    void aBadFlagOrMissingScoreNamesTheColumn() {
        Map<String, Object> row = GazelleRows.ripLog();
        row.put("NotEnglish", "2");
        assertThatThrownBy(() -> translator.translate(RowChange.read("torrents_logs_new", row, POS)))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("torrents_logs_new {LogID=5501} column NotEnglish")
                .hasMessageContaining("'2'");
        Map<String, Object> noScore = GazelleRows.ripLog();
        noScore.put("Score", null);
        assertThatThrownBy(() -> translator.translate(RowChange.read("torrents_logs_new", noScore, POS)))
                .hasMessageContaining("column Score");
    }

    @Test
    void anUpdateOfOnlyTheAdjusterProducesNothing() {
        Map<String, Object> before = GazelleRows.ripLog();
        Map<String, Object> after = GazelleRows.ripLog();
        after.put("AdjustedBy", 777);
        after.put("AdjustmentReason", "another staff note");
        assertThat(translator.translate(RowChange.update("torrents_logs_new", before, after, POS))).isEmpty();
    }
}
