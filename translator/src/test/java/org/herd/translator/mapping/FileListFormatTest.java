package org.herd.translator.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.herd.translator.FileEntry;
import org.junit.jupiter.api.Test;

class FileListFormatTest {

    @Test
    void writesGazellesLayout() {
        assertThat(FileListFormat.format(List.of(new FileEntry("CD1/01 - Intro.flac", 1234),
                new FileEntry("folder.jpg", 5)))).isEqualTo(
                        ".flac s1234s CD1/01 - Intro.flac \u00F7\n.jpg s5s folder.jpg \u00F7");
        assertThat(FileListFormat.format(List.of())).isEmpty();
    }

    @Test
    void whatItWritesReadsBackAsTheSameFilesWhateverTheNames() throws Exception {
        List<String> awkward = List.of("no extension", ".hidden", "trailing space ", "a s12s b.mp3",
                "x.tar.gz", "ext with space. m p 3", "Sigur Rós – ( ).flac", "dots...", "  leading", "÷.txt",
                "&divide;.log", "s1s s2s .cue", "日本語/トラック.flac");
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            List<FileEntry> files = new ArrayList<>();
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                files.add(new FileEntry(awkward.get(random.nextInt(awkward.size())) + (random.nextBoolean() ? "" : i),
                        Math.abs(random.nextLong() % 10_000_000_000L)));
            }
            assertThat(FileListParser.parse(FileListFormat.format(files))).as(files.toString()).isEqualTo(files);
        }
    }

    @Test
    void aNewlineInAPathCannotBeWritten() {
        assertThatThrownBy(() -> FileListFormat.format(List.of(new FileEntry("a\nb", 1))))
                .hasMessageContaining("holds a newline");
    }
}
