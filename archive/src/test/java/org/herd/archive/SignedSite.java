package org.herd.archive;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.herd.testkit.TestTrust;
import org.herd.trust.BinlogPosition;
import org.herd.trust.Checkpoint;
import org.herd.trust.DigestIndex;
import org.herd.trust.Ed25519KeyPair;
import org.herd.trust.OriginSigner;
import org.herd.trust.RecordOp;
import org.herd.trust.RecordStatement;
import org.herd.trust.SignatureHeaders;
import org.herd.trust.SignedCheckpoint;
import org.herd.trust.SignedRecord;
import org.herd.trust.Signer;

/**
 * A small signed origin for archive tests: records of two entities signed with the test kit's
 * origin key of epoch 1, and a checkpoint of them.
 */
final class SignedSite {

    static final String ORIGIN = "site-1";
    static final String FILE = "mysql-bin.000002";

    final OriginSigner signer;
    private final Map<String, DigestIndex> indexes = new TreeMap<>();
    private final Map<String, Map<String, ArchiveRecord>> live = new TreeMap<>();
    private long pos = 100;

    SignedSite() {
        this(TestTrust.originKey(1));
    }

    SignedSite(Ed25519KeyPair key) {
        this.signer = new OriginSigner(new Signer(key), ORIGIN, 1);
        for (String e : List.of("artist", "tag")) {
            indexes.put(e, new DigestIndex(e));
            live.put(e, new TreeMap<>());
        }
    }

    static byte[] key(String entity, long id) {
        return ("{\"" + entity + "_id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** A value of the wire format at the next position. */
    byte[] value(String entity, long id, RecordOp op, String name) {
        pos += 10;
        String payload = op == RecordOp.UPSERT ? ",\"payload\":{\"name\":\"" + name + "\"}" : "";
        return ("{\"format\":\"herd/1\",\"entity\":\"" + entity + "\",\"origin\":\"" + ORIGIN + "\",\"op\":\""
                + (op == RecordOp.UPSERT ? "upsert" : "delete") + "\",\"key\":" + new String(key(entity, id),
                StandardCharsets.UTF_8) + ",\"position\":{\"epoch\":1,\"file\":\"" + FILE + "\",\"pos\":" + pos
                + ",\"event\":0,\"row\":0,\"snapshot\":false,\"ts_ms\":0}" + payload + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Signs one record in a batch of its own, applies it to the site's state and returns it. */
    Published publish(String entity, long id, RecordOp op, String name) {
        byte[] key = key(entity, id);
        byte[] value = value(entity, id, op, name);
        SignedRecord signed = signer.signRecord(entity, key, op, new BinlogPosition(FILE, pos, 0, 0), value);
        return apply(entity, key, value, signed);
    }

    /** Signs several upserts as one batch (one Merkle tree). */
    List<Published> publishBatch(String entity, long firstId, int count) {
        List<RecordStatement> statements = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] value = value(entity, firstId + i, RecordOp.UPSERT, "name \u00e9 \\\"" + (firstId + i) + "\\\"\\n");
            values.add(value);
            statements.add(signer.statement(entity, key(entity, firstId + i), RecordOp.UPSERT,
                    new BinlogPosition(FILE, pos, 0, 0), value));
        }
        List<SignedRecord> signed = signer.signBatch(statements);
        List<Published> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(apply(entity, key(entity, firstId + i), values.get(i), signed.get(i)));
        }
        return out;
    }

    private Published apply(String entity, byte[] key, byte[] value, SignedRecord signed) {
        indexes.get(entity).apply(signed.statement());
        Map<String, List<byte[]>> headers = headers(signed.headers());
        String k = new String(key, StandardCharsets.UTF_8);
        if (signed.statement().op() == RecordOp.UPSERT) {
            live.get(entity).put(k, ArchiveRecord.of(key, value, headers, "test"));
        } else {
            live.get(entity).remove(k);
        }
        return new Published(entity, key, value, headers);
    }

    static Map<String, List<byte[]>> headers(SignatureHeaders h) {
        Map<String, List<byte[]>> headers = new TreeMap<>();
        h.forEach((name, v) -> headers.computeIfAbsent(name, n -> new ArrayList<>()).add(v));
        return headers;
    }

    /** A record as a topic holds it. */
    record Published(String entity, byte[] key, byte[] value, Map<String, List<byte[]>> headers) {
    }

    /** A signed checkpoint of the state now. */
    SignedCheckpoint checkpoint() {
        return signer.signCheckpoint(Checkpoint.of(ORIGIN, 1, new BinlogPosition(FILE, pos, 0, 0), true,
                1_700_000_000_000L, indexes.values()));
    }

    /** The archive content of the state now. */
    ArchiveContent content() {
        SignedCheckpoint c = checkpoint();
        Map<String, List<ArchiveRecord>> entities = new TreeMap<>();
        live.forEach((e, rows) -> entities.put(e, new ArrayList<>(rows.values())));
        return new ArchiveContent(List.of(TestTrust.root(ORIGIN, 1).toFileBytes()), c.value(),
                new String(c.headers().keyIdValue(), StandardCharsets.US_ASCII), c.headers().signatureValue(),
                new TreeMap<>(entities));
    }

    /** The lines of an entity file, decompressed, each without its line feed. */
    static List<byte[]> lines(Path file) throws IOException {
        byte[] all;
        try (InputStream in = new ZstdInputStream(Files.newInputStream(file))) {
            all = in.readAllBytes();
        }
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lines.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    /** Rewrites an entity file with its lines changed by {@code change}. */
    static void rewrite(Path file, UnaryOperator<List<byte[]>> change) throws IOException {
        List<byte[]> lines = change.apply(new ArrayList<>(lines(file)));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = new ZstdOutputStream(b, 3)) {
            for (byte[] line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
        Files.write(file, b.toByteArray());
    }
}
