package org.herd.archive;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads an archive's manifest and entity files as streams, for a mirror loading one. It checks
 * nothing beyond the format: verify an archive ({@link ArchiveVerifier}) before trusting what it
 * reads.
 */
public final class ArchiveReader {

    private ArchiveReader() {
    }

    /** The manifest of the archive in {@code dir}. */
    public static ArchiveManifest manifest(Path dir) throws IOException {
        return ArchiveManifest.decode(Files.readAllBytes(dir.resolve(ArchiveManifest.FILE)));
    }

    /**
     * Hands every record of one entity file to {@code action}, in the file's order.
     *
     * @return how many records were read
     * @throws ArchiveException naming the file and line of a line that is not a record
     */
    public static long forEach(Path dir, ArchiveManifest.EntityEntry entry, Consumer<ArchiveRecord> action)
            throws IOException {
        String file = entry.file().path();
        long line = 0;
        try (InputStream in = open(dir.resolve(file))) {
            byte[] bytes;
            while ((bytes = readLine(in)) != null) {
                line++;
                if (bytes[bytes.length - 1] != '\n') {
                    throw new ArchiveException(file + " line " + line + " has no line feed: the file is cut short");
                }
                ArchiveRecord r;
                try {
                    r = ArchiveRecord.fromLine(Arrays.copyOf(bytes, bytes.length - 1));
                } catch (ArchiveException e) {
                    throw new ArchiveException(file + " line " + line + ": " + e.getMessage());
                }
                action.accept(r);
            }
        }
        return line;
    }

    static InputStream open(Path file) throws IOException {
        return new BufferedInputStream(new ZstdInputStream(Files.newInputStream(file)), 1 << 16);
    }

    /** The next line with its line feed, or what is left before the end; null at the end. */
    static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(1024);
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            if (c == '\n') {
                return b.toByteArray();
            }
        }
        return b.size() == 0 ? null : b.toByteArray();
    }
}
