package org.herd.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.mapping.CodeList;
import org.junit.jupiter.api.Test;

class RowBuilderTest {

    private static RowBuilder row(GazelleVariant variant, String table) {
        return new RestoreContext(GazelleTables.of(variant), UserPlan.empty(), (t, v) -> { }).row(table);
    }

    @Test
    void noneIsNullWhereAllowedElseZeroEmptyOrTheVariantsNever() {
        var whatcd = row(GazelleVariant.WHATCD, "torrents").number("RemasterYear", null).number("TranscodedFrom", null)
                .text("RemasterTitle", null).time("Time", null).build();
        assertThat(whatcd).containsEntry("RemasterYear", null).containsEntry("TranscodedFrom", 0L)
                .containsEntry("RemasterTitle", "").containsEntry("Time", "0000-00-00 00:00:00");
        var ops = row(GazelleVariant.OPS, "torrents").time("Time", null).text("Media", null).build();
        assertThat(ops).containsEntry("Time", "1970-01-01 00:00:00").containsEntry("Media", "");
    }

    @Test
    void columnsThatMustBeNamedGetTheirNoneAndTheRestAreLeftToTheirDefaults() {
        var groups = row(GazelleVariant.WHATCD, "torrents_group").set("ID", 7L).build();
        assertThat(groups).containsOnlyKeys("ID", "TagList", "WikiBody", "WikiImage");
        assertThat(groups).containsEntry("WikiBody", "");
    }

    @Test
    void flagsCodesAndTimesAreWrittenAsTheColumnStoresThem() {
        var torrent = row(GazelleVariant.WHATCD, "torrents").flag("Scene", true)
                .code("FreeTorrent", CodeList.FREELEECH, "neutral")
                .time("Time", LocalDateTime.of(2009, 3, 4, 5, 6, 7, 800)).build();
        assertThat(torrent).containsEntry("Scene", "1").containsEntry("FreeTorrent", "2")
                .containsEntry("Time", "2009-03-04 05:06:07");
        var group = row(GazelleVariant.WHATCD, "torrents_group").flag("VanityHouse", true)
                .code("CategoryID", CodeList.CATEGORIES, "comics").build();
        assertThat(group).containsEntry("VanityHouse", 1L).containsEntry("CategoryID", 7L);
    }

    @Test
    void anUnknownColumnOrNameIsAnError() {
        assertThatThrownBy(() -> row(GazelleVariant.OPS, "torrents").set("TranscodedFrom", 1L))
                .hasMessage("the OPS table torrents has no column TranscodedFrom");
        assertThatThrownBy(() -> row(GazelleVariant.OPS, "torrents").code("FreeTorrent", CodeList.FREELEECH, "free"))
                .hasMessage("'free' is no freeleech state Gazelle knows");
    }
}
