package org.herd.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.herd.trust.Checkpoint;
import org.herd.trust.EntityDigest;
import org.herd.trust.RecordStatement;
import org.herd.trust.SignedRoot;
import org.herd.trust.TrustFormatException;

/**
 * Writes an {@link ArchiveContent} as an archive directory (docs/archive.md): the README, the
 * checkpoint and its signature, the trust root chain, one zstd JSON Lines file per entity, and
 * last the manifest with every file's size and SHA-256.
 *
 * <p>Everything written depends only on the content: lines in key order, no creation time, one
 * zstd level. Two mirrors archiving the same checkpoint write the same bytes, so their torrents have
 * the same info hash and their seeders share one swarm.
 */
public final class ArchiveWriter {

    /**
     * zstd level 9: about a fifth of the JSON's size for a catalogue, written at tens of MB/s on one
     * core; higher levels gain a few percent for several times the time.
     */
    public static final int ZSTD_LEVEL = 9;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveWriter() {
    }

    /**
     * Writes {@code content} into {@code dir}, which must not exist or be empty.
     *
     * @return the manifest written
     * @throws ArchiveException when the directory holds files, or the content cannot be archived
     *                          (a checkpoint or root that cannot be read, a record that is not a Herd record)
     */
    public static ArchiveManifest write(Path dir, ArchiveContent content) {
        boolean existed = Files.isDirectory(dir);
        try {
            return writeInto(dir, content);
        } catch (RuntimeException e) {
            // Nothing half-written stays behind: the directory was new or empty.
            removeWritten(dir, existed);
            throw e;
        }
    }

    private static void removeWritten(Path dir, boolean keepDir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!(keepDir && p.equals(dir))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the unfinished archive " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ArchiveManifest writeInto(Path dir, ArchiveContent content) {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.decode(content.checkpointValue());
        } catch (TrustFormatException e) {
            throw new ArchiveException("the checkpoint cannot be read: " + e.getMessage());
        }
        try {
            prepare(dir);
            FileWriter files = new FileWriter(dir);
            files.write(ArchiveLayout.README, ArchiveReadme.text(checkpoint).getBytes(StandardCharsets.UTF_8));
            ArchiveManifest.FileEntry checkpointFile = files.write(ArchiveLayout.CHECKPOINT, content.checkpointValue());
            ObjectNode sig = JSON.createObjectNode();
            sig.put("key_id", content.checkpointKeyId());
            sig.put("sig", Base64.getEncoder().encodeToString(content.checkpointSig()));
            ArchiveManifest.FileEntry sigFile = files.write(ArchiveLayout.CHECKPOINT_SIGNATURE,
                    (JSON.writeValueAsString(sig) + "\n").getBytes(StandardCharsets.UTF_8));
            List<ArchiveManifest.FileEntry> roots = new ArrayList<>();
            int version = 0;
            for (byte[] rootFile : content.rootFiles()) {
                SignedRoot root;
                try {
                    root = SignedRoot.parse(rootFile);
                } catch (TrustFormatException e) {
                    throw new ArchiveException("trust root " + (version + 1) + " cannot be read: " + e.getMessage());
                }
                if (root.version() != version + 1) {
                    throw new ArchiveException("trust root version " + root.version() + " follows version " + version
                            + "; the chain must go up by one from version 1");
                }
                version = root.version();
                roots.add(files.write(ArchiveLayout.trustRoot(version), rootFile));
            }
            if (roots.isEmpty()) {
                throw new ArchiveException("no trust root: an archive carries the chain its records verify against");
            }
            SortedMap<String, ArchiveManifest.EntityEntry> entities = new TreeMap<>();
            for (String entity : content.entities().names()) {
                // One entity's records at a time: they are let go once its file is written.
                entities.put(entity, files.writeEntity(entity, content.entities().records(entity)));
            }
            ArchiveManifest manifest = new ArchiveManifest(ArchiveManifest.FORMAT, checkpoint.origin(), version,
                    checkpoint.epoch(), checkpoint.position(), checkpointFile, sigFile, roots, entities);
            files.write(ArchiveManifest.FILE, manifest.encode());
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the archive " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void prepare(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new ArchiveException(dir + " is a file, not a directory");
            }
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new ArchiveException(dir + " is not empty; an archive is written into an empty or new directory");
                }
            }
        }
        Files.createDirectories(dir.resolve(ArchiveLayout.TRUST_DIR));
        Files.createDirectories(dir.resolve(ArchiveLayout.ENTITIES_DIR));
    }

    /** Writes files and takes their digests as it goes. */
    private static final class FileWriter {
        private final Path dir;

        FileWriter(Path dir) {
            this.dir = dir;
        }

        ArchiveManifest.FileEntry write(String path, byte[] bytes) throws IOException {
            Files.write(dir.resolve(path), bytes);
            return new ArchiveManifest.FileEntry(path, bytes.length, hex(sha256().digest(bytes)));
        }

        ArchiveManifest.EntityEntry writeEntity(String entity, List<ArchiveRecord> records) throws IOException {
            String path = ArchiveLayout.entity(entity);
            MessageDigest sha = sha256();
            EntityDigest digest = new EntityDigest(entity);
            CountingOutputStream counted = new CountingOutputStream(Files.newOutputStream(dir.resolve(path)));
            ZstdOutputStream zstd = new ZstdOutputStream(new DigestOutputStream(counted, sha), ZSTD_LEVEL);
            // The frame's content checksum: a zstd tool finds a damaged file on its own.
            zstd.setChecksum(true);
            try (OutputStream out = new BufferedOutputStream(zstd, 1 << 16)) {
                for (ArchiveRecord r : records) {
                    RecordStatement s;
                    try {
                        s = RecordStatement.read(r.key(), r.value());
                    } catch (TrustFormatException e) {
                        throw new ArchiveException("entity " + entity + ", key " + new String(r.key(),
                                StandardCharsets.UTF_8) + ": not a Herd record: " + e.getMessage());
                    }
                    digest.add(s.rowFingerprint());
                    out.write(r.toLine());
                    out.write('\n');
                }
            }
            long bytes = counted.count;
            return new ArchiveManifest.EntityEntry(new ArchiveManifest.FileEntry(path, bytes, hex(sha.digest())),
                    records.size(), digest.hex());
        }
    }

    /** Counts the bytes that reach the file. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** SHA-256 of a file, hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return hex(sha.digest());
    }
}
