package org.herd.restore;

import static org.assertj.core.api.Assertions.assertThat;

import org.herd.gazelle.catalogue.ColumnDef;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.catalogue.TableDef;
import org.junit.jupiter.api.Test;

class GazelleTablesTest {

    @Test
    void everyColumnOfEveryCataloguedTableIsReadFromTheDdl() {
        for (GazelleVariant variant : GazelleVariant.values()) {
            GazelleTables tables = GazelleTables.of(variant);
            for (TableDef t : GazelleCatalogue.of(variant).tables()) {
                assertThat(tables.columns(t.name()).keySet()).as(variant + " " + t.name())
                        .containsExactlyElementsOf(t.columns().stream().map(ColumnDef::name).toList());
            }
        }
    }

    @Test
    void nullabilityDefaultsAndTypesAreTheDeclarations() {
        GazelleTables whatcd = GazelleTables.of(GazelleVariant.WHATCD);
        assertThat(whatcd.columns("torrents").get("info_hash"))
                .isEqualTo(new ColumnSpec("info_hash", "blob", java.util.List.of(), false, false));
        assertThat(whatcd.columns("torrents").get("info_hash").required()).isTrue();
        assertThat(whatcd.columns("collages").get("updated").required()).isTrue();
        assertThat(whatcd.columns("torrents").get("Time").required()).isFalse();
        assertThat(whatcd.columns("torrents").get("Remastered").enumValues()).containsExactly("0", "1");
        assertThat(whatcd.columns("artists_group").get("ArtistID").required()).isFalse();
        assertThat(whatcd.columns("torrents").get("Description").nullable()).isTrue();
        // A COMMENT clause is not a default.
        var grouping = whatcd.columns("users_info").get("TorrentGrouping");
        assertThat(grouping.required()).isTrue();
        assertThat(grouping.enumValues()).containsExactly("0", "1", "2");

        GazelleTables ops = GazelleTables.of(GazelleVariant.OPS);
        assertThat(ops.columns("users_main").get("profile_info").required()).isFalse();
        assertThat(ops.columns("torrents_group").get("Time").isDateTime()).isTrue();
        assertThat(ops.columns("requests").get("TimeAdded").required()).isTrue();
        assertThat(ops.columns("requests").get("Visible").isBinary()).isTrue();
    }
}
