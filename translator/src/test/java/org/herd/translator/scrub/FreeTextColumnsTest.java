package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.ColumnDef;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.catalogue.Privacy;
import org.herd.gazelle.catalogue.TableDef;
import org.herd.gazelle.catalogue.TextKind;
import org.junit.jupiter.api.Test;

/** Which public columns each catalogue marks as free text, the ones the translator scrubs. */
class FreeTextColumnsTest {

    private static List<String> freeText(GazelleVariant variant) {
        List<String> names = new ArrayList<>();
        GazelleCatalogue.of(variant).freeTextColumns().forEach((table, columns) ->
                columns.forEach(c -> names.add(table + "." + c.name() + " " + c.textKind())));
        return names;
    }

    @Test
    void whatcdFreeTextIsDescriptionsBodiesSummariesAndTheRipLog() {
        assertThat(freeText(GazelleVariant.WHATCD)).containsExactlyInAnyOrder(
                "torrents_group.WikiBody PROSE",
                "torrents.Description PROSE",
                "wiki_torrents.Body PROSE", "wiki_torrents.Summary PROSE",
                "wiki_artists.Body PROSE", "wiki_artists.Summary PROSE",
                "torrents_logs_new.Log RIP_LOG", "torrents_logs_new.Details PROSE",
                "collages.Description PROSE",
                "requests.Description PROSE",
                "forums.Description PROSE",
                "forums_posts.Body PROSE",
                "comments.Body PROSE");
    }

    @Test
    void opsFreeTextIsTheSameColumnsWhereOpsHasThemAndNoRipLogTable() {
        assertThat(freeText(GazelleVariant.OPS)).containsExactlyInAnyOrder(
                "torrents_group.WikiBody PROSE",
                "torrents.Description PROSE",
                "wiki_torrents.Body PROSE", "wiki_torrents.Summary PROSE",
                // OPS spells wiki_artists' summary in lower case.
                "wiki_artists.Body PROSE", "wiki_artists.summary PROSE",
                "collages.Description PROSE",
                "requests.Description PROSE",
                "forums.Description PROSE",
                "forums_posts.Body PROSE",
                "comments.Body PROSE");
    }

    @Test
    void namesTitlesTagsFileListsAndImageLinksAreNotFreeText() {
        for (GazelleVariant variant : GazelleVariant.values()) {
            GazelleCatalogue catalogue = GazelleCatalogue.of(variant);
            for (String column : List.of("torrents_group.Name", "torrents.FileList", "torrents.RemasterTitle",
                    "tags.Name", "collages.Name", "collages.TagList", "requests.Title", "forums_topics.Title",
                    "artists_alias.Name", "torrents_group.WikiImage", "requests.Image", "wiki_torrents.Image")) {
                String[] tc = column.split("\\.");
                ColumnDef c = catalogue.table(tc[0]).flatMap(t -> t.column(tc[1])).orElseThrow();
                assertThat(c.textKind()).as("%s %s", variant, column).isEqualTo(TextKind.NONE);
            }
        }
    }

    @Test
    void onlyPublicNonKeyColumnsCanBeFreeText() {
        for (GazelleVariant variant : GazelleVariant.values()) {
            for (Map.Entry<String, List<ColumnDef>> e : GazelleCatalogue.of(variant).freeTextColumns().entrySet()) {
                TableDef t = GazelleCatalogue.of(variant).table(e.getKey()).orElseThrow();
                assertThat(e.getValue()).allSatisfy(c -> {
                    assertThat(c.privacy()).isEqualTo(Privacy.PUBLIC);
                    assertThat(t.primaryKey()).doesNotContain(c.name());
                });
            }
        }
        assertThatThrownBy(() -> new ColumnDef("Body", Privacy.PRIVATE, "private message", TextKind.PROSE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column Body is PRIVATE");
        assertThatThrownBy(() -> new TableDef("notes", List.of("Body"), List.of(ColumnDef.prose("Body")), "notes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key column Body cannot be free text");
    }
}
