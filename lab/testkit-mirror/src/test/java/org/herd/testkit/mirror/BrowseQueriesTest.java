package org.herd.testkit.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BrowseQueriesTest {

    private final BrowseQueries queries = new BrowseQueries(List.of("Ocean", "Winter"), List.of("Miles"),
            List.of("jazz", "rock"), List.of(1971, 1999), 180);

    @Test
    void theMixIsTheSameForTheSameSeedAndUsesTheMirrorsWords() {
        List<String> mix = queries.mix(500, 42);
        assertThat(mix).hasSize(500).isEqualTo(queries.mix(500, 42)).isNotEqualTo(queries.mix(500, 43));
        assertThat(mix).allMatch(q -> q.startsWith("action=browse"));
        assertThat(mix).anyMatch(q -> q.contains("searchstr=Ocean")).anyMatch(q -> q.contains("artistname=Miles"))
                .anyMatch(q -> q.contains("searchstr=Winter+Miles")).anyMatch(q -> q.contains("taglist=jazz"))
                .anyMatch(q -> q.matches(".*&year=(1971|1999)-[0-9]{4}.*")).anyMatch(q -> q.contains("&releasetype="))
                .anyMatch(q -> q.contains("&format=")).anyMatch(q -> q.contains("&order_by="))
                .anyMatch(q -> q.equals("action=browse"));
        // Pages only of the unfiltered listing, and none beyond its last: 180 groups make 3 full pages.
        assertThat(mix.stream().filter(q -> q.contains("&page="))).isNotEmpty()
                .allMatch(q -> q.matches("action=browse&page=[23]"));
        assertThat(new BrowseQueries(List.of("Ocean"), List.of("Miles"), List.of(), List.of(), 60).mix(500, 42))
                .noneMatch(q -> q.contains("&page="));
    }

    @Test
    void kindsSearchForTheFirstWords() {
        assertThat(queries.kinds()).containsEntry("one word", "action=browse&searchstr=Ocean")
                .containsEntry("artist name", "action=browse&artistname=Miles")
                .containsEntry("tag and filters", "action=browse&taglist=jazz&format=FLAC&media=CD&haslog=1");
    }

    @Test
    void aMirrorWithoutWordsIsRefused() {
        assertThatThrownBy(() -> new BrowseQueries(List.of(), List.of("Miles"), List.of(), List.of(), 0))
                .hasMessageContaining("no release group or artist name");
    }
}
