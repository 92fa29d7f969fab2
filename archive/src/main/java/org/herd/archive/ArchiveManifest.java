package org.herd.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.herd.trust.BinlogPosition;
import org.herd.translator.SourcePosition;

/**
 * An archive's {@value #FILE}: what the archive holds and the digests of its files. It is not
 * signed: what makes an archive authentic is the origin's signature on each record and on the
 * checkpoint; the manifest says where to find them and what a complete copy counts.
 *
 * @param format           {@value #FORMAT}
 * @param origin           the origin's id
 * @param trustRootVersion the version of the last trust root in {@code trustRoots}, whose origin
 *                         keys the records and the checkpoint verify against
 * @param epoch            the epoch of the position cut
 * @param position         the position cut: the checkpoint's position; every record is at or before it
 * @param checkpoint       the checkpoint file (its value bytes as published)
 * @param checkpointSignature the checkpoint's signature file
 * @param trustRoots       the trust root chain, version 1 first
 * @param entities         per entity, its file, live records and digest; sorted by name
 */
public record ArchiveManifest(String format, String origin, int trustRootVersion, long epoch, BinlogPosition position,
        FileEntry checkpoint, FileEntry checkpointSignature, List<FileEntry> trustRoots,
        SortedMap<String, EntityEntry> entities) {

    /** The manifest's file name, at the top of the archive. */
    public static final String FILE = "manifest.json";
    /** The format this code writes and reads. */
    public static final String FORMAT = "herd-archive/1";

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One file of the archive.
     *
     * @param path   relative to the archive's directory, with {@code /}
     * @param bytes  its size
     * @param sha256 hex of its SHA-256
     */
    public record FileEntry(String path, long bytes, String sha256) {
        public FileEntry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /**
     * One entity's file.
     *
     * @param file    the zstd-compressed JSON Lines file
     * @param records how many records (live rows) it holds
     * @param digest  the entity digest of those rows (docs/trust.md), 64 hex digits
     */
    public record EntityEntry(FileEntry file, long records, String digest) {
        public EntityEntry {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(digest, "digest");
        }
    }

    public ArchiveManifest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(checkpointSignature, "checkpointSignature");
        trustRoots = List.copyOf(trustRoots);
        entities = Collections.unmodifiableSortedMap(new TreeMap<>(entities));
    }

    /** The cut as a position of the stream, e.g. {@code e1:mysql-bin.000003:4/1#0}. */
    public SourcePosition cut() {
        return new SourcePosition(epoch, position.file(), position.pos(), position.event(), position.row(), false, 0);
    }

    /** Every file the manifest names, checkpoint and roots first. */
    public List<FileEntry> files() {
        List<FileEntry> files = new ArrayList<>();
        files.add(checkpoint);
        files.add(checkpointSignature);
        files.addAll(trustRoots);
        entities.values().forEach(e -> files.add(e.file()));
        return files;
    }

    /** The manifest file's bytes: indented JSON, members in a fixed order, a line feed at the end. */
    public byte[] encode() {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", format);
        m.put("origin", origin);
        m.put("trust_root_version", trustRootVersion);
        ObjectNode p = m.putObject("position");
        p.put("epoch", epoch);
        p.put("file", position.file());
        p.put("pos", position.pos());
        p.put("event", position.event());
        p.put("row", position.row());
        m.set("checkpoint", file(checkpoint));
        m.set("checkpoint_signature", file(checkpointSignature));
        ArrayNode roots = m.putArray("trust_roots");
        trustRoots.forEach(r -> roots.add(file(r)));
        ObjectNode es = m.putObject("entities");
        entities.forEach((name, e) -> {
            ObjectNode n = file(e.file());
            n.put("records", e.records());
            n.put("digest", e.digest());
            es.set(name, n);
        });
        try {
            return (JSON.writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode file(FileEntry f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("file", f.path());
        n.put("bytes", f.bytes());
        n.put("sha256", f.sha256());
        return n;
    }

    /**
     * Reads a manifest.
     *
     * @throws ArchiveException naming the member that is missing or wrong
     */
    public static ArchiveManifest decode(byte[] bytes) {
        JsonNode m;
        try {
            m = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ArchiveException(FILE + " is not valid JSON: " + e.getMessage());
        }
        if (m == null || !m.isObject()) {
            throw new ArchiveException(FILE + " is not a JSON object");
        }
        String format = text(m, "format");
        if (!FORMAT.equals(format)) {
            throw new ArchiveException(FILE + ": format '" + format + "' is not " + FORMAT);
        }
        JsonNode p = object(m, "position");
        BinlogPosition position;
        try {
            position = new BinlogPosition(text(p, "position.file"), number(p, "position.pos"),
                    number(p, "position.event"), (int) number(p, "position.row"));
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(FILE + ": position: " + e.getMessage());
        }
        List<FileEntry> roots = new ArrayList<>();
        JsonNode r = m.get("trust_roots");
        if (r == null || !r.isArray() || r.isEmpty()) {
            throw new ArchiveException(FILE + ": trust_roots must be a non-empty array");
        }
        for (int i = 0; i < r.size(); i++) {
            roots.add(file(r.get(i), "trust_roots[" + i + "]"));
        }
        SortedMap<String, EntityEntry> entities = new TreeMap<>();
        JsonNode es = object(m, "entities");
        es.fields().forEachRemaining(e -> entities.put(e.getKey(), new EntityEntry(
                file(e.getValue(), "entities." + e.getKey()), number(e.getValue(), "entities." + e.getKey() + ".records"),
                text(e.getValue(), "entities." + e.getKey() + ".digest"))));
        return new ArchiveManifest(format, text(m, "origin"), (int) number(m, "trust_root_version"),
                number(p, "position.epoch"), position, file(object(m, "checkpoint"), "checkpoint"),
                file(object(m, "checkpoint_signature"), "checkpoint_signature"), roots, entities);
    }

    private static FileEntry file(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new ArchiveException(FILE + ": " + where + " must be an object");
        }
        return new FileEntry(text(n, where + ".file"), number(n, where + ".bytes"), text(n, where + ".sha256"));
    }

    private static JsonNode object(JsonNode n, String member) {
        JsonNode v = n.get(member);
        if (v == null || !v.isObject()) {
            throw new ArchiveException(FILE + ": " + member + " must be an object");
        }
        return v;
    }

    private static String text(JsonNode n, String where) {
        JsonNode v = n.get(where.substring(where.lastIndexOf('.') + 1));
        if (v == null || !v.isTextual()) {
            throw new ArchiveException(FILE + ": " + where + " must be a string");
        }
        return v.asText();
    }

    private static long number(JsonNode n, String where) {
        JsonNode v = n.get(where.substring(where.lastIndexOf('.') + 1));
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
            throw new ArchiveException(FILE + ": " + where + " must be an integer, 0 or more");
        }
        return v.asLong();
    }
}
