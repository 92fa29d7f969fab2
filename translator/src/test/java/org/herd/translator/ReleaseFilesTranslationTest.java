package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herd.translator.GazelleRows.POS;

import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.junit.jupiter.api.Test;

/** torrents.FileList → release.files. */
class ReleaseFilesTranslationTest {

    private final Translator translator = new Translator(new TranslatorSettings("site-1", GazelleVariant.WHATCD));

    private Object files(String fileList) {
        Map<String, Object> row = GazelleRows.torrent();
        row.put("FileList", fileList);
        return translator.translate(RowChange.read("torrents", row, POS)).get(0).payload().get("files");
    }

    @Test
    void bothDelimitersAndTheOldestLayoutBecomeTheSameFiles() {
        List<FileEntry> expected = List.of(new FileEntry("CD1/01 - Intro.flac", 31_457_280L),
                new FileEntry("Artist - Album.log", 4096L));
        assertThat(files(".flac s31457280s CD1/01 - Intro.flac ÷\n.log s4096s Artist - Album.log ÷"))
                .isEqualTo(expected);
        assertThat(files(".flac s31457280s CD1/01 - Intro.flac &divide;\n.log s4096s Artist - Album.log &divide;"))
                .isEqualTo(expected);
        assertThat(files("CD1/01 - Intro.flac{{{31457280}}}|||Artist - Album.log{{{4096}}}")).isEqualTo(expected);
    }

    @Test
    void anEmptyListIsNull() {
        assertThat(files("")).isNull();
        assertThat(files("\n")).isNull();
        assertThat(files(null)).isNull();
    }

    @Test
    void aListThatCannotBeReadIsAnErrorNamingTableKeyColumnExcerptAndPosition() {
        assertThatThrownBy(() -> files(".flac s1s a.flac ÷\n.flac sXs b.flac ÷"))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("torrents {ID=1201} column FileList: entry 2 at character 19 ('.flac sXs b.flac ÷')")
                .hasMessageContaining("mysql-bin.000003:4711")
                .satisfies(e -> assertThat(((TranslationException) e).column()).isEqualTo("FileList"));
        assertThatThrownBy(() -> files(".iso s99999999999999999999s big.iso ÷"))
                .hasMessageContaining("does not fit in a 64-bit integer");
    }

    @Test
    void anUpdateThatOnlyReordersNothingElseStillComparesTheRawColumn() {
        Map<String, Object> before = GazelleRows.torrent();
        Map<String, Object> after = GazelleRows.torrent();
        after.put("FileList", ".flac s31457280s 01 - Intro.flac &divide;\n.log s4096s rip.log &divide;");
        // Same files, other spelling: Gazelle changed the column, so the release is published again.
        assertThat(translator.translate(RowChange.update("torrents", before, after, POS)))
                .singleElement().satisfies(r -> assertThat(r.payload().get("files")).isEqualTo(List.of(
                        new FileEntry("01 - Intro.flac", 31_457_280L), new FileEntry("rip.log", 4096L))));
    }
}
