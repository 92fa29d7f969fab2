package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.herd.serve.catalogue.TextQuery;
import org.herd.serve.search.Search;
import org.junit.jupiter.api.Test;

class TextQueryTest {

    @Test
    void wordsSplitOnSpacesWithGazellesExclusion() {
        assertThat(TextQuery.words("Pink  Floyd !live - & |")).containsExactly(new TextQuery.Word("pink", false),
                new TextQuery.Word("floyd", false), new TextQuery.Word("live", true));
        assertThat(TextQuery.words("!")).isEmpty();
        assertThat(TextQuery.words("a!b")).containsExactly(new TextQuery.Word("a!b", false));
        assertThat(TextQuery.words(null)).isEmpty();
        assertThat(TextQuery.words("x ".repeat(50))).hasSize(20);
    }

    @Test
    void tagsAreWrittenAsGazelleStoresThem() {
        assertThat(Search.tag(" Hip Hop ")).isEqualTo("hip.hop");
        assertThat(Search.tag("drum_and_bass")).isEqualTo("drum.and.bass");
    }
}
