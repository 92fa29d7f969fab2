package org.herd.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.herd.trust.Checkpoint;

/** The README.txt of an archive: the format for people, with this archive's origin and cut. */
final class ArchiveReadme {

    private ArchiveReadme() {
    }

    static String text(Checkpoint checkpoint) {
        String template;
        try (InputStream in = ArchiveReadme.class.getResourceAsStream("README.txt")) {
            if (in == null) {
                throw new IllegalStateException("README.txt template missing from the archive module");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return template.replace("${origin}", checkpoint.origin())
                .replace("${epoch}", Long.toString(checkpoint.epoch()))
                .replace("${position}", checkpoint.position().toString());
    }
}
