package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.junit.jupiter.api.Test;

class FreeTextStageTest {

    private final GazelleCatalogue whatcd = GazelleCatalogue.of(GazelleVariant.WHATCD);

    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    @Test
    void rowsWithNothingToScrubAreTheSameMap() {
        FreeTextStage stage = new FreeTextStage(whatcd, ScrubPolicy.defaults());
        Map<String, Object> tag = row("ID", 1, "Name", "jane@example.com");
        assertThat(stage.hasFreeText("tags")).isFalse();
        assertThat(stage.apply("tags", tag).values()).isSameAs(tag);
        Map<String, Object> clean = row("ID", 1, "Description", "A fine rip", "FileList", "a@b.com.flac");
        FreeTextStage.Result r = stage.apply("torrents", clean);
        assertThat(r.values()).isSameAs(clean);
        assertThat(r.altered()).isEmpty();
        assertThat(r.counts()).isEmpty();
    }

    @Test
    void onlyFreeTextColumnsChangeAndTheInputIsLeftAlone() {
        FreeTextStage stage = new FreeTextStage(whatcd, ScrubPolicy.defaults());
        Map<String, Object> row = row("ID", 1, "Description", "mail jane@example.com", "RemasterTitle", "jane@example.com");
        Map<String, Object> before = new HashMap<>(row);
        FreeTextStage.Result r = stage.apply("torrents", row);
        assertThat(r.values()).containsEntry("Description", "mail [email]").containsEntry("RemasterTitle", "jane@example.com");
        assertThat(r.altered()).containsExactly("Description");
        assertThat(r.counts()).containsExactly(new ScrubCount("torrents", "Description", "email", 1));
        assertThat(row).isEqualTo(before);
        assertThat(r.toString()).doesNotContain("jane", "[email]");
    }

    @Test
    void keepDropNullsAndValuesThatAreNotText() {
        FreeTextStage stage = new FreeTextStage(whatcd, ScrubPolicy.builder().keep("wiki_torrents", "Body")
                .drop("wiki_torrents", "Summary").build());
        Map<String, Object> row = row("RevisionID", 5, "Body", "jane@example.com", "Summary", "jane@example.com");
        FreeTextStage.Result r = stage.apply("wiki_torrents", row);
        assertThat(r.values()).containsEntry("Body", "jane@example.com").containsEntry("Summary", null);
        assertThat(r.altered()).containsExactly("Summary");
        assertThat(r.counts()).containsExactly(new ScrubCount("wiki_torrents", "Summary", "dropped", 1));

        // Null, and a value a mapping will refuse as not text, are left for the mapping to judge.
        byte[] bytes = {1, 2};
        Map<String, Object> odd = row("RevisionID", 5, "Body", null, "Summary", null);
        assertThat(stage.apply("wiki_torrents", odd).values()).isSameAs(odd);
        FreeTextStage scrubAll = new FreeTextStage(whatcd, ScrubPolicy.defaults());
        Map<String, Object> binary = row("ID", 1, "Description", bytes);
        FreeTextStage.Result notText = scrubAll.apply("torrents", binary);
        assertThat(notText.values()).isSameAs(binary);
        assertThat(notText.counts()).isEmpty();
    }
}
