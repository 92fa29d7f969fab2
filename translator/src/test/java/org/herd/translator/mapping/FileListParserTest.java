package org.herd.translator.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.herd.translator.FileEntry;
import org.junit.jupiter.api.Test;

class FileListParserTest {

    private static final String D = "\u00F7";

    private static List<FileEntry> parse(String s) throws FileListParser.MalformedFileList {
        return FileListParser.parse(s);
    }

    @Test
    void readsTheCurrentDelimiter() throws Exception {
        assertThat(parse(".flac s31457280s 01 - Intro.flac " + D + "\n.log s4096s Artist - Album.log " + D))
                .containsExactly(new FileEntry("01 - Intro.flac", 31_457_280L),
                        new FileEntry("Artist - Album.log", 4096L));
    }

    @Test
    void readsTheOldEntityDelimiterAndMixedRows() throws Exception {
        assertThat(parse(".mp3 s5000000s 01 Track.mp3 &divide;\n.jpg s81234s folder.jpg &divide;"))
                .containsExactly(new FileEntry("01 Track.mp3", 5_000_000L), new FileEntry("folder.jpg", 81_234L));
        assertThat(parse(".mp3 s1s a.mp3 &divide;\n.mp3 s2s b.mp3 " + D))
                .extracting(FileEntry::path).containsExactly("a.mp3", "b.mp3");
    }

    @Test
    void readsTheOldestLayout() throws Exception {
        assertThat(parse("01 - Intro.mp3{{{4194304}}}|||cover.jpg{{{51200}}}"))
                .containsExactly(new FileEntry("01 - Intro.mp3", 4_194_304L), new FileEntry("cover.jpg", 51_200L));
        assertThat(parse("only{{{0}}}")).containsExactly(new FileEntry("only", 0L));
        assertThatThrownBy(() -> parse("a.mp3{{{12}}}|||b.mp3{{{x}}}"))
                .hasMessageContaining("entry 2").hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> parse("a.mp3|||b.mp3{{{1}}}"))
                .hasMessageContaining("entry 1").hasMessageContaining("is not NAME{{{SIZE}}}");
    }

    @Test
    void emptyAndBlankListsHaveNoFiles() throws Exception {
        assertThat(parse("")).isEmpty();
        assertThat(parse("\n\n")).isEmpty();
        // A trailing newline or a stray blank line is not an entry.
        assertThat(parse(".flac s1s a.flac " + D + "\n\n.flac s2s b.flac " + D + "\n"))
                .extracting(FileEntry::path).containsExactly("a.flac", "b.flac");
    }

    @Test
    void oddEntriesGazelleWrites() throws Exception {
        // No extension; a leading '.' only; directories; spaces kept; non-BMP-free unicode.
        assertThat(parse(". s10s README " + D)).containsExactly(new FileEntry("README", 10L));
        assertThat(parse(". s5s .nomedia " + D)).containsExactly(new FileEntry(".nomedia", 5L));
        assertThat(parse(".flac s7s CD2/Sub Dir/03 - Ñoño.flac " + D))
                .containsExactly(new FileEntry("CD2/Sub Dir/03 - Ñoño.flac", 7L));
        assertThat(parse(".flac s7s  leading and trailing .flac  " + D))
                .containsExactly(new FileEntry(" leading and trailing .flac ", 7L));
        // The extension is what follows the last '.', trimmed: it may hold spaces.
        assertThat(parse(".tar gz s99s backup.tar gz " + D)).containsExactly(new FileEntry("backup.tar gz", 99L));
        // Without the space Gazelle writes before the delimiter.
        assertThat(parse(".flac s1s a.flac" + D)).containsExactly(new FileEntry("a.flac", 1L));
        // A file of size 0 and an empty name.
        assertThat(parse(". s0s  " + D)).containsExactly(new FileEntry("", 0L));
    }

    @Test
    void aSizeLikeMarkerInTheNameIsResolvedByTheExtension() throws Exception {
        assertThat(parse(".mp3 s12s Live s1s 1999.mp3 " + D)).containsExactly(new FileEntry("Live s1s 1999.mp3", 12L));
        assertThat(parse(". s12s Live s1s 1999 " + D)).containsExactly(new FileEntry("Live s1s 1999", 12L));
    }

    @Test
    void anEntryThatCannotBeToldApartIsRejectedNotGuessed() {
        // Neither reading has the extension Gazelle would derive from its name.
        assertThatThrownBy(() -> parse(". s1s x s2s y.z " + D))
                .isInstanceOf(FileListParser.MalformedFileList.class).hasMessageContaining("ambiguous");
    }

    @Test
    void sizesUpTo2To63Minus1() throws Exception {
        assertThat(parse(".iso s9223372036854775807s huge.iso " + D))
                .containsExactly(new FileEntry("huge.iso", Long.MAX_VALUE));
        assertThat(parse(".iso s9223372036854775806s huge.iso " + D))
                .containsExactly(new FileEntry("huge.iso", Long.MAX_VALUE - 1));
        assertThatThrownBy(() -> parse(".iso s9223372036854775808s huge.iso " + D))
                .hasMessageContaining("9223372036854775808 does not fit in a 64-bit integer");
        assertThatThrownBy(() -> parse("huge.iso{{{99999999999999999999}}}"))
                .hasMessageContaining("does not fit in a 64-bit integer");
    }

    @Test
    void malformedEntriesNameTheEntryItsOffsetAndAnExcerpt() {
        String first = ".flac s1s a.flac " + D + "\n";
        assertThatThrownBy(() -> parse(first + ".flac s2s b.flac"))
                .hasMessage("entry 2 at character " + first.length() + " ('.flac s2s b.flac') does not end with "
                        + "the delimiter " + D + " or &divide;");
        assertThatThrownBy(() -> parse(".flac 12 b.flac " + D))
                .hasMessageContaining("entry 1 at character 0").hasMessageContaining("has no ' s<size>s '");
        assertThatThrownBy(() -> parse(".flac s-2s b.flac " + D)).hasMessageContaining("has no ' s<size>s '");
        assertThatThrownBy(() -> parse("flac s2s b.flac " + D)).hasMessageContaining("does not start with '.'");
        String longName = "x".repeat(200);
        assertThatThrownBy(() -> parse(".flac " + longName + " " + D))
                .hasMessageContaining("('.flac " + "x".repeat(34) + "…')");
    }
}
