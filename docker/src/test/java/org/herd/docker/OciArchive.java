package org.herd.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An image as Jib writes it with {@code <format>OCI</format>}: a tar of the OCI image layout
 * ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/...}) holding one manifest.
 */
final class OciArchive implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    OciArchive(Path file) throws IOException {
        this.tar = new TarFile(file);
        for (TarArchiveEntry entry : tar.getEntries()) {
            entries.put(entry.getName(), entry);
        }
    }

    JsonNode json(String name) throws IOException {
        TarArchiveEntry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalStateException("the archive has no " + name + "; it has " + entries.keySet());
        }
        try (InputStream in = tar.getInputStream(entry)) {
            return JSON.readTree(in);
        }
    }

    JsonNode index() throws IOException {
        return json("index.json");
    }

    JsonNode manifest() throws IOException {
        JsonNode manifests = index().path("manifests");
        if (manifests.size() != 1) {
            throw new IllegalStateException("index.json lists " + manifests.size() + " manifests, expected one");
        }
        return blob(manifests.get(0).path("digest").asText());
    }

    JsonNode config() throws IOException {
        return blob(manifest().path("config").path("digest").asText());
    }

    private JsonNode blob(String digest) throws IOException {
        return json("blobs/" + digest.replace(':', '/'));
    }

    /** The layers, bottom first, each named by the comment of its history entry. */
    List<Layer> layers() throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode history : config().path("history")) {
            if (!history.path("empty_layer").asBoolean(false)) {
                names.add(history.path("comment").asText());
            }
        }
        JsonNode descriptors = manifest().path("layers");
        if (descriptors.size() != names.size()) {
            throw new IllegalStateException("the manifest has " + descriptors.size() + " layers but the history names "
                    + names.size() + ": " + names);
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < descriptors.size(); i++) {
            layers.add(new Layer(names.get(i), "blobs/" + descriptors.get(i).path("digest").asText().replace(':', '/')));
        }
        return layers;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    /** What a visitor sees of each file of a layer; the stream is the file's content. */
    interface FileVisitor {
        void visit(TarArchiveEntry entry, InputStream content) throws IOException;
    }

    final class Layer {
        private final String name;
        private final String blob;

        private Layer(String name, String blob) {
            this.name = name;
            this.blob = blob;
        }

        String name() {
            return name;
        }

        /** The layer as the archive holds it: a gzipped tar. */
        InputStream compressed() throws IOException {
            return tar.getInputStream(entries.get(blob));
        }

        /** Every entry of the layer's tar, in order. */
        void forEach(FileVisitor visitor) throws IOException {
            try (InputStream compressed = compressed();
                    TarArchiveInputStream files = new TarArchiveInputStream(new GZIPInputStream(compressed))) {
                for (TarArchiveEntry entry = files.getNextEntry(); entry != null; entry = files.getNextEntry()) {
                    visitor.visit(entry, files);
                }
            }
        }

        /** The layer's entries by path (without a leading {@code /} or {@code ./}). */
        Map<String, TarArchiveEntry> entries() {
            Map<String, TarArchiveEntry> byPath = new HashMap<>();
            try {
                forEach((entry, content) -> byPath.put(path(entry), entry));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return byPath;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static String path(TarArchiveEntry entry) {
        String name = entry.getName();
        if (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (name.startsWith("/")) {
            name = name.substring(1);
        }
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
}
