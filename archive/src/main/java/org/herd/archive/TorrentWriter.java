package org.herd.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a BitTorrent metainfo file (BEP 3, multi-file mode) for an archive directory, so that
 * anyone can seed the archive with any client. The torrent's {@code name} is the directory's name;
 * its files are every regular file under it, sorted by path; the pieces are the files end to end in
 * that order.
 *
 * <p>Nothing in {@code info} depends on the machine or the time (no creation date in it, the
 * files in one order), so the same archive gives the same info hash wherever it is made.
 */
public final class TorrentWriter {

    /** Pieces of 16 KiB at least (the size of a BitTorrent block request). */
    static final long MIN_PIECE = 16 * 1024;
    /** Pieces of 16 MiB at most: clients handle larger ones poorly. */
    static final long MAX_PIECE = 16 * 1024 * 1024;
    /** Piece length grows until the torrent has no more than about this many pieces. */
    static final long TARGET_PIECES = 1500;

    private TorrentWriter() {
    }

    /** The piece length for {@code totalBytes}: the smallest power of two from 16 KiB to 16 MiB giving at most ~1,500 pieces. */
    public static long pieceLength(long totalBytes) {
        long piece = MIN_PIECE;
        while (piece < MAX_PIECE && (totalBytes + piece - 1) / piece > TARGET_PIECES) {
            piece *= 2;
        }
        return piece;
    }

    /**
     * Writes the metainfo of {@code dir} to {@code torrent}.
     *
     * @param trackers announce URLs, the first as {@code announce} and all as one tier of
     *                 {@code announce-list} (BEP 12); none gives a trackerless torrent, which
     *                 clients find peers for through the DHT (BEP 5)
     * @param comment  a line for people, or null
     * @return the info hash, hex (SHA-1 of the bencoded {@code info})
     */
    public static String write(Path dir, Path torrent, List<String> trackers, String comment) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = new ArrayList<>(s.filter(Files::isRegularFile).toList());
        }
        files.sort((a, b) -> relative(dir, a).compareTo(relative(dir, b)));
        if (files.isEmpty()) {
            throw new ArchiveException(dir + " holds no file to make a torrent of");
        }
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        long pieceLength = pieceLength(total);
        byte[] pieces = pieces(files, pieceLength);
        List<Object> fileList = new ArrayList<>();
        for (Path f : files) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("length", Files.size(f));
            entry.put("path", List.of((Object[]) relative(dir, f).split("/")));
            fileList.add(entry);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", dir.getFileName().toString());
        info.put("piece length", pieceLength);
        info.put("pieces", pieces);
        info.put("files", fileList);
        Map<String, Object> meta = new LinkedHashMap<>();
        if (!trackers.isEmpty()) {
            meta.put("announce", trackers.get(0));
            meta.put("announce-list", List.of(List.copyOf(trackers)));
        }
        if (comment != null) {
            meta.put("comment", comment);
        }
        meta.put("created by", "herd archive");
        meta.put("info", info);
        Files.write(torrent, Bencode.encode(meta));
        return ArchiveWriter.hex(sha1().digest(Bencode.encode(info)));
    }

    /** SHA-1 of each piece of the files end to end. */
    private static byte[] pieces(List<Path> files, long pieceLength) throws IOException {
        MessageDigest sha1 = sha1();
        java.io.ByteArrayOutputStream hashes = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        long inPiece = 0;
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                int n;
                while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, pieceLength - inPiece))) > 0) {
                    sha1.update(buffer, 0, n);
                    inPiece += n;
                    if (inPiece == pieceLength) {
                        hashes.writeBytes(sha1.digest());
                        inPiece = 0;
                    }
                }
            }
        }
        if (inPiece > 0) {
            hashes.writeBytes(sha1.digest());
        }
        return hashes.toByteArray();
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private static MessageDigest sha1() {
        try {
            // SHA-1 is what BEP 3 pieces and info hashes are; nothing here relies on it for trust.
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
