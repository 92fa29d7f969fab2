package org.herd.translator;

import java.util.Objects;

/**
 * One file of a release, as Gazelle lists it: its path inside the release's folder (with
 * '/' between directories, as the torrent names it) and its size. The value of a
 * {@link org.herd.translator.schema.FieldType#FILE_LIST} field is a list of these.
 *
 * @param path      path relative to the release's folder, exactly as the origin stores it
 * @param sizeBytes size in bytes, never negative
 */
public record FileEntry(String path, long sizeBytes) {

    public FileEntry {
        Objects.requireNonNull(path, "path");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("file " + path + " has a negative size " + sizeBytes);
        }
    }
}
