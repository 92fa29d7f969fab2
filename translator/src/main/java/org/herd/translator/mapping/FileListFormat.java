package org.herd.translator.mapping;

import java.util.List;
import org.herd.translator.FileEntry;

/**
 * Writes a release's files back into Gazelle's {@code torrents.FileList} layout, the inverse of
 * what {@link TorrentsMapping} reads: one entry per file, joined by a newline, each
 * {@code .EXT sSIZEs NAME ÷}, EXT derived from NAME as Gazelle derives it. Reading the result
 * gives the same files in the same order.
 */
public final class FileListFormat {

    private FileListFormat() {
    }

    /**
     * The FileList value of {@code files}: {@code ''} when there are none (Gazelle's "no list",
     * which reads back as null).
     *
     * @throws IllegalArgumentException when a path holds a newline, which the layout cannot carry
     */
    public static String format(List<FileEntry> files) {
        StringBuilder out = new StringBuilder();
        for (FileEntry f : files) {
            if (f.path().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("file path '" + f.path().replace('\n', ' ')
                        + "' holds a newline, which Gazelle's FileList cannot carry");
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append('.').append(FileListParser.extensionOf(f.path())).append(" s").append(f.sizeBytes())
                    .append("s ").append(f.path()).append(' ').append(FileListParser.DELIMITER);
        }
        return out.toString();
    }
}
