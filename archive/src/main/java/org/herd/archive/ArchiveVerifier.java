package org.herd.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.herd.trust.Checkpoint;
import org.herd.trust.CheckpointVerification;
import org.herd.trust.EntityDigest;
import org.herd.trust.OriginVerifier;
import org.herd.trust.RecordOp;
import org.herd.trust.RecordStatement;
import org.herd.trust.RecordVerification;
import org.herd.trust.RootUpdate;
import org.herd.trust.RowsDigest;
import org.herd.trust.SignatureHeaders;
import org.herd.trust.SignedRoot;
import org.herd.trust.TrustFormatException;
import org.herd.trust.TrustState;
import org.herd.translator.SourcePosition;

/**
 * Checks an archive directory (docs/archive.md): every file's size and SHA-256 against the
 * manifest, no file the manifest does not name, the trust root chain, the checkpoint's signature
 * and cut, and in every entity file every line: readable, keys strictly ascending, signature valid
 * against the trust root, a live record of that entity at or before the cut; then each entity's
 * count and digest against the checkpoint and the manifest.
 *
 * <p>It goes on after a problem and reports all it finds (up to {@value #LINE_PROBLEMS_PER_ENTITY}
 * line problems per entity, then a count), so that one run says everything that is wrong. Memory
 * does not grow with the archive: entity files are read as streams.
 */
public final class ArchiveVerifier {

    /** Line problems listed per entity; more are counted. */
    static final int LINE_PROBLEMS_PER_ENTITY = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<ArchiveProblem> problems = new ArrayList<>();
    private long omitted;

    private ArchiveVerifier(Path dir) {
        this.dir = dir;
    }

    /**
     * Verifies the archive in {@code dir}.
     *
     * @param pinned the trust root to start from, given out of band; null to start from the
     *               archive's own version 1 (then the verdict says so: it proves the archive
     *               consistent, and authentic only if that root is the origin's)
     */
    public static ArchiveVerdict verify(Path dir, SignedRoot pinned, Instant now) {
        return new ArchiveVerifier(dir).run(pinned, now);
    }

    private ArchiveVerdict run(SignedRoot pinned, Instant now) {
        ArchiveManifest manifest;
        try {
            manifest = ArchiveManifest.decode(Files.readAllBytes(dir.resolve(ArchiveManifest.FILE)));
        } catch (NoSuchFileException e) {
            problem(ArchiveProblem.Kind.MANIFEST, ArchiveManifest.FILE, "not found in " + dir);
            return verdict(null, Map.of(), null);
        } catch (IOException | ArchiveException e) {
            problem(ArchiveProblem.Kind.MANIFEST, ArchiveManifest.FILE, e.getMessage());
            return verdict(null, Map.of(), null);
        }
        Set<String> present = checkFiles(manifest);
        StringBuilder trustNote = new StringBuilder();
        OriginVerifier verifier = trust(manifest, pinned, now, present, trustNote);
        Checkpoint checkpoint = verifier == null ? null : checkpoint(manifest, verifier, present);
        SortedMap<String, Long> records = new TreeMap<>();
        if (verifier != null) {
            Set<String> entities = new TreeSet<>(manifest.entities().keySet());
            if (checkpoint != null) {
                entities.addAll(checkpoint.entities().keySet());
            }
            for (String entity : entities) {
                ArchiveManifest.EntityEntry entry = manifest.entities().get(entity);
                RowsDigest expected = checkpoint == null ? null : checkpoint.entities().get(entity);
                if (entry == null) {
                    problem(ArchiveProblem.Kind.MISSING_ENTITY, "entity " + entity, "the checkpoint lists " + expected.rows()
                            + " rows of it, the manifest names no file for it");
                    continue;
                }
                if (checkpoint != null && expected == null) {
                    problem(ArchiveProblem.Kind.MISSING_ENTITY, "entity " + entity, "the manifest names "
                            + entry.file().path() + ", the checkpoint does not list the entity");
                }
                if (!present.contains(entry.file().path())) {
                    continue; // reported as a missing file
                }
                records.put(entity, entity(entity, entry, expected, manifest, verifier));
            }
        }
        return verdict(manifest.cut(), records, trustNote.toString());
    }

    private ArchiveVerdict verdict(SourcePosition cut, Map<String, Long> records, String trustNote) {
        return new ArchiveVerdict(problems, omitted, cut, new TreeMap<>(records), trustNote);
    }

    /** Sizes and digests of the files the manifest names, and files it does not name; returns those present. */
    private Set<String> checkFiles(ArchiveManifest manifest) {
        Set<String> named = new HashSet<>(Set.of(ArchiveManifest.FILE, ArchiveLayout.README));
        Set<String> present = new HashSet<>();
        for (ArchiveManifest.FileEntry f : manifest.files()) {
            if (!safe(f.path())) {
                problem(ArchiveProblem.Kind.MANIFEST, ArchiveManifest.FILE, "names the file '" + f.path()
                        + "', which is not a relative path inside the archive");
                continue;
            }
            if (!named.add(f.path())) {
                problem(ArchiveProblem.Kind.MANIFEST, ArchiveManifest.FILE, "names the file " + f.path() + " twice");
                continue;
            }
            Path file = dir.resolve(f.path());
            if (!Files.isRegularFile(file)) {
                problem(ArchiveProblem.Kind.MISSING_FILE, f.path(), "named in the manifest, not in the archive");
                continue;
            }
            present.add(f.path());
            try {
                long size = Files.size(file);
                String sha = ArchiveWriter.sha256(file);
                if (size != f.bytes() || !sha.equals(f.sha256())) {
                    problem(ArchiveProblem.Kind.FILE_DIGEST, f.path(), size + " bytes with SHA-256 " + sha
                            + ", the manifest says " + f.bytes() + " bytes with SHA-256 " + f.sha256());
                }
            } catch (IOException e) {
                problem(ArchiveProblem.Kind.UNREADABLE, f.path(), e.getMessage());
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !named.contains(p))
                    .sorted()
                    .forEach(p -> problem(ArchiveProblem.Kind.EXTRA_FILE, p, "not named in the manifest"));
        } catch (IOException e) {
            problem(ArchiveProblem.Kind.UNREADABLE, dir.toString(), "cannot list the directory: " + e.getMessage());
        }
        return present;
    }

    private static boolean safe(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** The verifier of the last root of the chain, starting from {@code pinned} or the archive's first root. */
    private OriginVerifier trust(ArchiveManifest manifest, SignedRoot pinned, Instant now, Set<String> present,
            StringBuilder note) {
        List<SignedRoot> chain = new ArrayList<>();
        for (ArchiveManifest.FileEntry f : manifest.trustRoots()) {
            if (!present.contains(f.path())) {
                break; // reported; the chain stops at the first gap
            }
            try {
                chain.add(SignedRoot.parse(Files.readAllBytes(dir.resolve(f.path()))));
            } catch (IOException | TrustFormatException e) {
                problem(ArchiveProblem.Kind.TRUST_ROOT, f.path(), "cannot be read: " + e.getMessage());
                break;
            }
        }
        RootUpdate update;
        if (pinned != null) {
            update = TrustState.pin(pinned, now);
            note.append("checked against the trust root v").append(pinned.version()).append(" given");
        } else if (!chain.isEmpty()) {
            update = TrustState.pin(chain.get(0), now);
            note.append("checked against the archive's own trust root v1 (give --trust-root to check it against a "
                    + "root obtained from the origin's trustees)");
        } else {
            problem(ArchiveProblem.Kind.TRUST_ROOT, ArchiveLayout.TRUST_DIR, "no trust root can be read");
            return null;
        }
        if (!update.accepted()) {
            problem(ArchiveProblem.Kind.TRUST_ROOT, pinned != null ? "the given trust root" : manifest.trustRoots().get(0)
                    .path(), update.failure().wireName() + ": " + update.detail());
            return null;
        }
        TrustState state = update.state();
        for (int i = 0; i < chain.size(); i++) {
            SignedRoot next = chain.get(i);
            String path = manifest.trustRoots().get(i).path();
            if (next.version() <= state.root().version()) {
                if (next.version() == state.root().version() && !next.sameContent(state.current())) {
                    problem(ArchiveProblem.Kind.TRUST_ROOT, path, "version " + next.version()
                            + " differs from the trusted root of that version");
                    return null;
                }
                continue;
            }
            RootUpdate offered = state.offer(next, now);
            if (!offered.accepted()) {
                problem(ArchiveProblem.Kind.TRUST_ROOT, path, offered.failure().wireName() + ": " + offered.detail());
                return null;
            }
            state = offered.state();
        }
        if (!state.root().origin().equals(manifest.origin())) {
            problem(ArchiveProblem.Kind.TRUST_ROOT, ArchiveManifest.FILE, "the archive is of origin '" + manifest.origin()
                    + "', the trusted root of origin '" + state.root().origin() + "'");
            return null;
        }
        if (state.root().version() < manifest.trustRootVersion()) {
            problem(ArchiveProblem.Kind.TRUST_ROOT, ArchiveManifest.FILE, "trust_root_version is "
                    + manifest.trustRootVersion() + ", the archive's chain reaches version " + state.root().version());
        }
        note.append(", reaching v").append(state.root().version());
        return OriginVerifier.of(state);
    }

    private Checkpoint checkpoint(ArchiveManifest manifest, OriginVerifier verifier, Set<String> present) {
        if (!present.contains(ArchiveLayout.CHECKPOINT) || !present.contains(ArchiveLayout.CHECKPOINT_SIGNATURE)) {
            return null;
        }
        byte[] value;
        SignatureHeaders headers;
        try {
            value = Files.readAllBytes(dir.resolve(ArchiveLayout.CHECKPOINT));
            JsonNode sig = JSON.readTree(Files.readAllBytes(dir.resolve(ArchiveLayout.CHECKPOINT_SIGNATURE)));
            if (sig == null || !sig.path("key_id").isTextual() || !sig.path("sig").isTextual()) {
                problem(ArchiveProblem.Kind.CHECKPOINT, ArchiveLayout.CHECKPOINT_SIGNATURE,
                        "must be an object with the strings key_id and sig");
                return null;
            }
            headers = SignatureHeaders.collect(List.of(
                    Map.entry(SignatureHeaders.KEY_ID, sig.get("key_id").asText().getBytes(StandardCharsets.US_ASCII)),
                    Map.entry(SignatureHeaders.SIGNATURE, Base64.getDecoder().decode(sig.get("sig").asText()))),
                    Map.Entry::getKey, Map.Entry::getValue);
        } catch (IOException | IllegalArgumentException e) {
            problem(ArchiveProblem.Kind.CHECKPOINT, ArchiveLayout.CHECKPOINT_SIGNATURE, "cannot be read: " + e.getMessage());
            return null;
        }
        CheckpointVerification v = verifier.verifyCheckpoint(value, headers);
        if (!v.verified()) {
            problem(ArchiveProblem.Kind.CHECKPOINT, ArchiveLayout.CHECKPOINT, v.reason().wireName() + ": " + v.detail());
            return null;
        }
        Checkpoint c = v.checkpoint();
        if (c.epoch() != manifest.epoch() || !c.position().equals(manifest.position())) {
            problem(ArchiveProblem.Kind.CHECKPOINT, ArchiveLayout.CHECKPOINT, "states position e" + c.epoch() + ":"
                    + c.position() + ", the manifest's cut is " + manifest.cut());
        }
        return c;
    }

    /** Reads one entity file line by line; returns the records read. */
    private long entity(String entity, ArchiveManifest.EntityEntry entry, RowsDigest expected,
            ArchiveManifest manifest, OriginVerifier verifier) {
        String file = entry.file().path();
        EntityDigest digest = new EntityDigest(entity);
        LineProblems lines = new LineProblems(entity);
        long line = 0;
        byte[] previousKey = null;
        SourcePosition cut = manifest.cut();
        boolean complete = false;
        try (InputStream in = ArchiveReader.open(dir.resolve(file))) {
            while (true) {
                byte[] bytes = ArchiveReader.readLine(in);
                if (bytes == null) {
                    complete = true;
                    break;
                }
                line++;
                if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
                    lines.add(ArchiveProblem.Kind.UNREADABLE, line, "has no line feed: " + file + " is cut short");
                    break;
                }
                ArchiveRecord r;
                try {
                    r = ArchiveRecord.fromLine(java.util.Arrays.copyOf(bytes, bytes.length - 1));
                } catch (ArchiveException e) {
                    lines.add(ArchiveProblem.Kind.UNREADABLE, line, e.getMessage());
                    continue;
                }
                String key = new String(r.key(), StandardCharsets.UTF_8);
                if (previousKey != null && ArchiveRecord.compareKeys(previousKey, r.key()) >= 0) {
                    lines.add(ArchiveProblem.Kind.ORDER, line, "key " + key + " is not after the key of line "
                            + (line - 1) + " (" + new String(previousKey, StandardCharsets.UTF_8)
                            + "): lines are sorted by key bytes, each key once");
                }
                previousKey = r.key();
                RecordVerification v = verifier.verifyRecord(r.key(), r.value(), r.headers());
                if (!v.verified()) {
                    lines.add(ArchiveProblem.Kind.SIGNATURE, line, "key " + key + ": " + v.reason().wireName() + ": "
                            + v.detail());
                    continue;
                }
                RecordStatement s = v.statement();
                if (!s.entity().equals(entity)) {
                    lines.add(ArchiveProblem.Kind.WRONG_RECORD, line, "key " + key + " is a record of " + s.entity());
                    continue;
                }
                if (s.op() != RecordOp.UPSERT) {
                    lines.add(ArchiveProblem.Kind.WRONG_RECORD, line, "key " + key
                            + " is a delete; an archive holds live rows only");
                    continue;
                }
                SourcePosition at;
                try {
                    at = new SourcePosition(s.epoch(), s.position().file(), s.position().pos(), s.position().event(),
                            s.position().row(), false, 0);
                    if (at.isAfter(cut)) {
                        lines.add(ArchiveProblem.Kind.WRONG_RECORD, line, "key " + key + " is at " + at
                                + ", after the cut " + cut);
                        continue;
                    }
                } catch (IllegalArgumentException e) {
                    lines.add(ArchiveProblem.Kind.WRONG_RECORD, line, "key " + key + ": " + e.getMessage());
                    continue;
                }
                digest.add(s.rowFingerprint());
            }
        } catch (IOException e) {
            lines.add(ArchiveProblem.Kind.UNREADABLE, line + 1, "the zstd stream of " + file + " breaks off after line "
                    + line + ": " + e.getMessage());
        }
        RowsDigest found = digest.value();
        if (expected != null && !found.equals(expected)) {
            problem(ArchiveProblem.Kind.INCOMPLETE, "entity " + entity, (complete ? "" : "read up to line " + line + ": ")
                    + found.rows() + " valid rows with digest " + found.digest() + ", the checkpoint states "
                    + expected.rows() + " rows with digest " + expected.digest());
        }
        if (entry.records() != found.rows() || !entry.digest().equals(found.digest())) {
            problem(ArchiveProblem.Kind.INCOMPLETE, "entity " + entity, found.rows() + " valid rows with digest "
                    + found.digest() + ", the manifest states " + entry.records() + " with digest " + entry.digest());
        }
        return line;
    }

    /** Line problems of one entity, listed up to the limit, then counted. */
    private final class LineProblems {
        private final String entity;
        private int listed;

        LineProblems(String entity) {
            this.entity = entity;
        }

        void add(ArchiveProblem.Kind kind, long line, String detail) {
            if (listed++ < LINE_PROBLEMS_PER_ENTITY) {
                problem(kind, ArchiveLayout.entity(entity) + " line " + line, detail);
            } else {
                omitted++;
            }
        }
    }

    private void problem(ArchiveProblem.Kind kind, String where, String detail) {
        problems.add(new ArchiveProblem(kind, where, detail));
    }
}
