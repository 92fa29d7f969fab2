package org.herd.embedded;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server binaries unpacked once per machine, user and version under the system temp dir.
 * Unpacking goes to a private staging dir that is renamed into place when complete, so JVMs
 * starting servers concurrently never execute a half-written binary.
 */
final class BinaryCache {

    private static final Logger LOG = LoggerFactory.getLogger(BinaryCache.class);
    private static final String COMPLETE_MARKER = ".herd-complete";

    @FunctionalInterface
    interface Unpacker {
        void unpackInto(Path dir) throws IOException;
    }

    private BinaryCache() {
    }

    /** Returns {@code <tmp>/<name>-<user>}, unpacking into it first if needed. */
    static Path get(String server, String name, Unpacker unpacker) {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), name + "-" + System.getProperty("user.name"));
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            return target;
        }
        long started = System.nanoTime();
        Path staging = null;
        try {
            staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".unpacking-");
            // Servers may run as an unprivileged user (PostgreSQL started by root), which must
            // still be able to read and execute the binaries.
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            unpacker.unpackInto(staging);
            Files.createFile(staging.resolve(COMPLETE_MARKER));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("Unpacked {} binaries to {} in {} ms", server, target, (System.nanoTime() - started) / 1_000_000);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException raced) {
                // Another JVM got there first; its copy is just as good.
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    throw new EmbeddedServerException(server + ": binaries dir " + target
                            + " exists but is incomplete; delete it and retry", raced);
                }
            }
            return target;
        } catch (IOException e) {
            throw new EmbeddedServerException(server + ": could not unpack its binaries to " + target + ": " + e, e);
        } finally {
            if (staging != null) {
                Files2.deleteQuietly(staging, LOG);
            }
        }
    }
}
