package org.herd.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.herd.trust.RecordOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The torrent of an archive, read by an independent BitTorrent implementation: libtorrent
 * (rasterbar), through Debian's python3-libtorrent, which .ci/run installs. Without it the test is
 * skipped, except where CI=true, where it fails.
 */
class TorrentWriterTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Loads the torrent with libtorrent, checks each file's size and each piece's SHA-1 against the files. */
    private static final String CHECK = """
            import hashlib, os, sys
            import libtorrent as lt
            ti = lt.torrent_info(sys.argv[1])
            base = sys.argv[2]
            fs = ti.files()
            data = b''
            for i in range(fs.num_files()):
                path = os.path.join(base, fs.file_path(i))
                size = os.path.getsize(path)
                if size != fs.file_size(i):
                    sys.exit('size of %s: %d in the torrent, %d on disk' % (fs.file_path(i), fs.file_size(i), size))
                with open(path, 'rb') as f:
                    data += f.read()
            if len(data) != ti.total_size():
                sys.exit('total size %d, files %d' % (ti.total_size(), len(data)))
            for p in range(ti.num_pieces()):
                piece = data[p * ti.piece_length():(p + 1) * ti.piece_length()]
                if hashlib.sha1(piece).digest() != bytes(ti.hash_for_piece(p)):
                    sys.exit('piece %d does not match the files' % p)
            print('name=%s files=%d pieces=%d piece_length=%d info_hash=%s' % (ti.name(), fs.num_files(),
                  ti.num_pieces(), ti.piece_length(), str(ti.info_hashes().v1)))
            """;

    @TempDir
    Path tmp;

    @Test
    void pieceLengthGrowsWithTheArchive() {
        assertThat(TorrentWriter.pieceLength(0)).isEqualTo(16 * 1024);
        assertThat(TorrentWriter.pieceLength(1500L * 16 * 1024)).isEqualTo(16 * 1024);
        assertThat(TorrentWriter.pieceLength(1500L * 16 * 1024 + 1)).isEqualTo(32 * 1024);
        assertThat(TorrentWriter.pieceLength(2L << 30)).isEqualTo(2 * 1024 * 1024);
        assertThat(TorrentWriter.pieceLength(1L << 50)).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void libtorrentReadsTheTorrentAndEveryPieceMatchesTheFiles() throws Exception {
        boolean libtorrent = Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import libtorrent"))
                .exit == 0;
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(libtorrent, "python3-libtorrent is not installed (apt-get install python3-libtorrent)");
        }
        assertThat(libtorrent).as("python3-libtorrent, which .ci/run installs").isTrue();

        SignedSite site = new SignedSite();
        // Enough rows for several pieces of 16 KiB, incompressible enough to need them.
        for (int b = 0; b < 8; b++) {
            site.publishBatch("artist", 1 + b * 500, 500);
        }
        site.publish("tag", 1, RecordOp.UPSERT, "rock");
        Path dir = tmp.resolve("herd-site-1-e1");
        ArchiveWriter.write(dir, site.content());
        Path torrent = tmp.resolve("herd-site-1-e1.torrent");

        String infoHash = TorrentWriter.write(dir, torrent, List.of("udp://tracker.example.org:6969/announce"),
                "test archive");

        Path script = tmp.resolve("check.py");
        Files.writeString(script, CHECK);
        Result r = run(List.of(PYTHON.toString(), script.toString(), torrent.toString(), tmp.toString()));
        assertThat(r.exit).as(r.output).isZero();
        long files;
        try (var s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).count();
        }
        assertThat(r.output).contains("name=herd-site-1-e1 files=" + files + " ")
                .contains("info_hash=" + infoHash);
        assertThat(r.output).doesNotContain("pieces=1 ");

        // The same directory gives the same info hash: seeders of one archive share a swarm.
        assertThat(TorrentWriter.write(dir, tmp.resolve("again.torrent"), List.of(), null)).isEqualTo(infoHash);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Result(-1, out + " (timed out)");
        }
        return new Result(p.exitValue(), out);
    }
}
