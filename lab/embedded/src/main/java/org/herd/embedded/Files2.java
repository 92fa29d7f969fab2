package org.herd.embedded;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** File system helpers that the JDK lacks. */
final class Files2 {

    private Files2() {
    }

    /** Deletes a directory tree; a missing tree is not an error. Symlinks are removed, not followed. */
    static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                // A server shutting down may still remove its own files while we walk.
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Best-effort variant for close paths, where a leftover temp file must not hide the real outcome. */
    static void deleteQuietly(Path root, org.slf4j.Logger log) {
        try {
            deleteRecursively(root);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete {}: {}", root, e.toString());
        }
    }
}
