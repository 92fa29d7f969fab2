package org.herd.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.herd.testkit.TestTrust;
import org.herd.trust.Ed25519KeyPair;
import org.herd.trust.RecordOp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveVerifierTest {

    @TempDir
    Path tmp;
    Path dir;
    SignedSite site;

    @BeforeEach
    void archive() {
        site = new SignedSite();
        site.publishBatch("artist", 1, 30);
        for (int i = 1; i <= 5; i++) {
            site.publish("tag", i, RecordOp.UPSERT, "tag " + i);
        }
        site.publish("artist", 3, RecordOp.DELETE, null);
        site.publish("tag", 2, RecordOp.UPSERT, "tag two, renamed");
        dir = tmp.resolve("site-1-archive");
        ArchiveWriter.write(dir, site.content());
    }

    private ArchiveVerdict verify() {
        return ArchiveVerifier.verify(dir, TestTrust.root(SignedSite.ORIGIN, 1), Instant.now());
    }

    private Path artists() {
        return dir.resolve(ArchiveLayout.entity("artist"));
    }

    /** Recomputes the manifest's sizes and digests, as a forger would to pass the file check. */
    private void reseal() throws IOException {
        ArchiveManifest m = ArchiveManifest.decode(Files.readAllBytes(dir.resolve(ArchiveManifest.FILE)));
        SortedMap<String, ArchiveManifest.EntityEntry> entities = new TreeMap<>();
        m.entities().forEach((e, entry) -> entities.put(e, new ArchiveManifest.EntityEntry(
                resealed(entry.file()), entry.records(), entry.digest())));
        ArchiveManifest resealed = new ArchiveManifest(m.format(), m.origin(), m.trustRootVersion(), m.epoch(),
                m.position(), resealed(m.checkpoint()), resealed(m.checkpointSignature()),
                m.trustRoots().stream().map(this::resealed).toList(), entities);
        Files.write(dir.resolve(ArchiveManifest.FILE), resealed.encode());
    }

    private ArchiveManifest.FileEntry resealed(ArchiveManifest.FileEntry f) {
        try {
            Path p = dir.resolve(f.path());
            return new ArchiveManifest.FileEntry(f.path(), Files.size(p), ArchiveWriter.sha256(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anUntouchedArchiveIsAuthenticAndComplete() {
        ArchiveVerdict v = verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.ok()).isTrue();
        assertThat(v.records()).containsEntry("artist", 29L).containsEntry("tag", 5L);
        assertThat(v.describe()).startsWith("authentic and complete at position e1:" + SignedSite.FILE + ":");
    }

    @Test
    void theArchiveHoldsLiveRowsOnlyInKeyOrder() throws IOException {
        List<byte[]> lines = SignedSite.lines(artists());
        assertThat(lines).hasSize(29);
        List<String> keys = lines.stream().map(l -> new String(ArchiveRecord.fromLine(l).key(), StandardCharsets.UTF_8))
                .toList();
        assertThat(keys).doesNotContain("{\"artist_id\":3}").isSorted();
    }

    @Test
    void theSameContentIsTheSameBytes() throws IOException {
        Path again = tmp.resolve("again");
        ArchiveWriter.write(again, site.content());
        for (String f : List.of(ArchiveManifest.FILE, ArchiveLayout.entity("artist"), ArchiveLayout.entity("tag"),
                ArchiveLayout.README)) {
            assertThat(Files.readAllBytes(again.resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve(f)));
        }
    }

    @Test
    void aTamperedValueFailsItsSignatureOnItsLine() throws IOException {
        SignedSite.rewrite(artists(), lines -> {
            String line = new String(lines.get(4), StandardCharsets.UTF_8);
            lines.set(4, line.replace("name \\u00e9", "name x").replace("name é", "name x")
                    .getBytes(StandardCharsets.UTF_8));
            return lines;
        });
        reseal();
        ArchiveVerdict v = verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.SIGNATURE);
            assertThat(p.where()).isEqualTo("entities/artist.jsonl.zst line 5");
            assertThat(p.detail()).contains("bad_signature");
        });
        assertThat(v.has(ArchiveProblem.Kind.INCOMPLETE)).isTrue();
    }

    @Test
    void aTruncatedFileIsNamed() throws IOException {
        byte[] bytes = Files.readAllBytes(artists());
        Files.write(artists(), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ArchiveVerdict v = verify();
        assertThat(v.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.FILE_DIGEST);
            assertThat(p.where()).isEqualTo("entities/artist.jsonl.zst");
        });
        reseal();
        v = verify();
        assertThat(v.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.UNREADABLE);
            assertThat(p.where()).startsWith("entities/artist.jsonl.zst line ");
        });
        assertThat(v.problems()).anySatisfy(p -> assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.INCOMPLETE));
    }

    @Test
    void droppedLinesLeaveTheEntityIncompleteAgainstTheCheckpoint() throws IOException {
        SignedSite.rewrite(artists(), lines -> new ArrayList<>(lines.subList(0, 20)));
        reseal();
        ArchiveVerdict v = verify();
        assertThat(v.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.INCOMPLETE);
            assertThat(p.where()).isEqualTo("entity artist");
            assertThat(p.detail()).contains("20 valid rows").contains("the checkpoint states 29 rows");
        });
    }

    @Test
    void reorderedLinesAreNamed() throws IOException {
        SignedSite.rewrite(artists(), lines -> {
            Collections.swap(lines, 6, 7);
            return lines;
        });
        reseal();
        ArchiveVerdict v = verify();
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.ORDER);
            assertThat(p.where()).isEqualTo("entities/artist.jsonl.zst line 8");
        });
    }

    @Test
    void aDuplicatedLineIsNamed() throws IOException {
        SignedSite.rewrite(artists(), lines -> {
            lines.add(3, lines.get(3));
            return lines;
        });
        reseal();
        ArchiveVerdict v = verify();
        assertThat(v.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.ORDER);
            assertThat(p.where()).isEqualTo("entities/artist.jsonl.zst line 5");
        });
        assertThat(v.has(ArchiveProblem.Kind.INCOMPLETE)).isTrue();
    }

    @Test
    void aPaddedFileIsNamed() throws IOException {
        Files.write(artists(), new byte[] {0, 0, 0, 0}, StandardOpenOption.APPEND);
        ArchiveVerdict v = verify();
        assertThat(v.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.FILE_DIGEST);
            assertThat(p.where()).isEqualTo("entities/artist.jsonl.zst");
        });
        reseal();
        assertThat(verify().problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.UNREADABLE);
            assertThat(p.where()).startsWith("entities/artist.jsonl.zst line ");
        });
    }

    @Test
    void aPaddedArchiveDirectoryIsNamed() throws IOException {
        Files.writeString(dir.resolve("entities/extra.jsonl.zst"), "x");
        ArchiveVerdict v = verify();
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.EXTRA_FILE);
            assertThat(p.where()).isEqualTo("entities/extra.jsonl.zst");
        });
    }

    @Test
    void aWrongDigestInTheManifestIsNamed() throws IOException {
        ArchiveManifest m = ArchiveManifest.decode(Files.readAllBytes(dir.resolve(ArchiveManifest.FILE)));
        String right = m.entities().get("tag").file().sha256();
        String wrong = (right.charAt(0) == '0' ? "1" : "0") + right.substring(1);
        Files.writeString(dir.resolve(ArchiveManifest.FILE),
                Files.readString(dir.resolve(ArchiveManifest.FILE)).replace(right, wrong));
        ArchiveVerdict v = verify();
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.FILE_DIGEST);
            assertThat(p.where()).isEqualTo("entities/tag.jsonl.zst");
            assertThat(p.detail()).contains(right).contains(wrong);
        });
        assertThat(v.describe()).startsWith("NOT authentic and complete: 1 problem");
    }

    @Test
    void aForgedRecordIsNamed() throws IOException {
        // A record of the same shape signed by a key the trust root does not list.
        SignedSite forger = new SignedSite(Ed25519KeyPair.fromSeed(new byte[32]));
        SignedSite.Published forged = forger.publish("tag", 6, RecordOp.UPSERT, "forged");
        ArchiveRecord r = ArchiveRecord.of(forged.key(), forged.value(), forged.headers(), "forged");
        Path tags = dir.resolve(ArchiveLayout.entity("tag"));
        SignedSite.rewrite(tags, lines -> {
            lines.add(r.toLine());
            return lines;
        });
        reseal();
        ArchiveVerdict v = verify();
        assertThat(v.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.SIGNATURE);
            assertThat(p.where()).isEqualTo("entities/tag.jsonl.zst line 6");
            assertThat(p.detail()).contains("unknown_key");
        });
    }

    @Test
    void aRecordWithAnotherRecordsSignatureIsNamed() throws IOException {
        SignedSite.rewrite(artists(), lines -> {
            ArchiveRecord a = ArchiveRecord.fromLine(lines.get(0));
            ArchiveRecord b = ArchiveRecord.fromLine(lines.get(1));
            lines.set(1, new ArchiveRecord(b.key(), b.value(), b.keyId(), b.signature(), a.proof()).toLine());
            return lines;
        });
        reseal();
        assertThat(verify().problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.SIGNATURE);
            assertThat(p.where()).isEqualTo("entities/artist.jsonl.zst line 2");
            assertThat(p.detail()).contains("bad_signature");
        });
    }

    @Test
    void aMissingEntityFileIsNamed() throws IOException {
        Files.delete(dir.resolve(ArchiveLayout.entity("tag")));
        ArchiveVerdict v = verify();
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.MISSING_FILE);
            assertThat(p.where()).isEqualTo("entities/tag.jsonl.zst");
        });
    }

    @Test
    void anEntityLeftOutOfTheManifestIsNamed() throws IOException {
        Files.delete(dir.resolve(ArchiveLayout.entity("tag")));
        ArchiveManifest m = ArchiveManifest.decode(Files.readAllBytes(dir.resolve(ArchiveManifest.FILE)));
        SortedMap<String, ArchiveManifest.EntityEntry> entities = new TreeMap<>(m.entities());
        entities.remove("tag");
        Files.write(dir.resolve(ArchiveManifest.FILE), new ArchiveManifest(m.format(), m.origin(), m.trustRootVersion(),
                m.epoch(), m.position(), m.checkpoint(), m.checkpointSignature(), m.trustRoots(), entities).encode());
        assertThat(verify().problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.MISSING_ENTITY);
            assertThat(p.where()).isEqualTo("entity tag");
        });
    }

    @Test
    void aCheckpointAlteredIsRefused() throws IOException {
        Path c = dir.resolve(ArchiveLayout.CHECKPOINT);
        Files.writeString(c, Files.readString(c).replace("\"rows\":5", "\"rows\":6"));
        reseal();
        assertThat(verify().problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.CHECKPOINT);
            assertThat(p.detail()).contains("bad_signature");
        });
    }

    @Test
    void anArchiveOfAnotherOriginsRootIsRefused() {
        ArchiveVerdict v = ArchiveVerifier.verify(dir, TestTrust.root("site-2", 1), Instant.now());
        assertThat(v.problems()).anySatisfy(p -> assertThat(p.kind()).isEqualTo(ArchiveProblem.Kind.TRUST_ROOT));
    }

    @Test
    void withoutAPinnedRootTheVerdictSaysWhichRootItTrusted() {
        ArchiveVerdict v = ArchiveVerifier.verify(dir, null, Instant.now());
        assertThat(v.ok()).isTrue();
        assertThat(v.describe()).contains("the archive's own trust root v1");
    }
}
