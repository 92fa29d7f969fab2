package org.herd.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A checkpoint: the origin's signed statement that, up to {@code position}, the live rows of
 * each entity it lists are {@code rows} rows with digest {@code digest} (see
 * {@link EntityDigest}). A mirror whose own digests match a checkpoint it has reached holds a
 * complete and unaltered copy; one that closes a snapshot ({@code snapshotComplete}) says the
 * whole catalogue has been published since the snapshot began. One that supersedes earlier epochs
 * ({@code supersedesEarlierEpochs}) says that the rows it states are all of its epoch: the first
 * snapshot under this epoch's key has published every row the origin holds, and a row whose latest
 * record is of an earlier epoch is one the origin no longer holds (see docs/trust.md, Succession).
 *
 * <p>Encoded as canonical JSON ({@link CanonicalJson}), for example:
 * <pre>
 * {"entities":{"tag":{"digest":"…64 hex…","rows":2}},"epoch":1,"issued_at_ms":1700000000000,
 *  "origin":"site-1","position":{"event":0,"file":"mysql-bin.000002","pos":4,"row":0},
 *  "snapshot_complete":true,"spec":1,"type":"herd-checkpoint"}
 * </pre>
 * (one line, no spaces). It is signed with the origin key over {@code "herd-checkpoint/1" 0x00}
 * followed by those bytes, and the signature travels in the {@code herd-key-id} and
 * {@code herd-sig} headers, without the {@code herd-proof} of a record ({@link SignatureHeaders}).
 *
 * @param origin           the origin's id
 * @param epoch            epoch of the origin key that signs it
 * @param position         the highest position published when the checkpoint was taken
 * @param snapshotComplete whether it closes a snapshot
 * @param issuedAtMs       when it was issued, epoch milliseconds
 * @param entities         per entity, its live rows and digest, sorted by entity name
 * @param supersedesEarlierEpochs whether rows of earlier epochs are retired (written only when true)
 */
public record Checkpoint(String origin, long epoch, BinlogPosition position, boolean snapshotComplete,
        long issuedAtMs, SortedMap<String, RowsDigest> entities, boolean supersedesEarlierEpochs) {

    /** Domain tag of checkpoint signatures. */
    public static final String DOMAIN = "herd-checkpoint/1";
    /** The {@code type} member of every checkpoint. */
    public static final String TYPE = "herd-checkpoint";
    /** The {@code spec} member this code writes and reads. */
    public static final int SPEC = 1;
    /** The member saying the checkpoint supersedes earlier epochs; absent means false. */
    static final String SUPERSEDES = "supersedes_earlier_epochs";

    public Checkpoint {
        Origins.check(origin, "checkpoint origin");
        Objects.requireNonNull(position, "position");
        if (epoch < 1) {
            throw new IllegalArgumentException("checkpoint epoch must be 1 or more, found " + epoch);
        }
        if (issuedAtMs < 0) {
            throw new IllegalArgumentException("negative checkpoint issue time " + issuedAtMs);
        }
        TreeMap<String, RowsDigest> copy = new TreeMap<>(Objects.requireNonNull(entities, "entities"));
        copy.forEach((name, value) -> {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("checkpoint names an entity with an empty name");
            }
            Objects.requireNonNull(value, () -> "no rows and digest for entity " + name);
        });
        entities = Collections.unmodifiableSortedMap(copy);
    }

    /** A checkpoint that does not supersede earlier epochs. */
    public Checkpoint(String origin, long epoch, BinlogPosition position, boolean snapshotComplete, long issuedAtMs,
            SortedMap<String, RowsDigest> entities) {
        this(origin, epoch, position, snapshotComplete, issuedAtMs, entities, false);
    }

    /** A checkpoint of the digests of {@code indexes} now, not superseding earlier epochs. */
    public static Checkpoint of(String origin, long epoch, BinlogPosition position, boolean snapshotComplete,
            long issuedAtMs, Iterable<DigestIndex> indexes) {
        return of(origin, epoch, position, snapshotComplete, issuedAtMs, indexes, false);
    }

    /** A checkpoint of the digests of {@code indexes} now. */
    public static Checkpoint of(String origin, long epoch, BinlogPosition position, boolean snapshotComplete,
            long issuedAtMs, Iterable<DigestIndex> indexes, boolean supersedesEarlierEpochs) {
        TreeMap<String, RowsDigest> entities = new TreeMap<>();
        for (DigestIndex index : indexes) {
            if (entities.put(index.entity(), index.value()) != null) {
                throw new IllegalArgumentException("two digest indexes for entity " + index.entity());
            }
        }
        return new Checkpoint(origin, epoch, position, snapshotComplete, issuedAtMs, entities,
                supersedesEarlierEpochs);
    }

    /** The canonical JSON bytes: what is published as the Kafka value. */
    public byte[] encode() {
        ObjectNode root = CanonicalJson.object();
        root.put("type", TYPE);
        root.put("spec", SPEC);
        if (supersedesEarlierEpochs) {
            // Written only when true, so that checkpoints that do not supersede keep the bytes
            // (and signatures) they had before the member existed.
            root.put(SUPERSEDES, true);
        }
        root.put("origin", origin);
        root.put("epoch", epoch);
        ObjectNode p = root.putObject("position");
        p.put("file", position.file());
        p.put("pos", position.pos());
        p.put("event", position.event());
        p.put("row", position.row());
        root.put("snapshot_complete", snapshotComplete);
        root.put("issued_at_ms", issuedAtMs);
        ObjectNode e = root.putObject("entities");
        entities.forEach((name, value) -> {
            ObjectNode v = e.putObject(name);
            v.put("rows", value.rows());
            v.put("digest", value.digest());
        });
        return CanonicalJson.encode(root);
    }

    /** The bytes the signature covers: the domain tag, 0x00, the canonical bytes. */
    static byte[] signingMessage(byte[] canonical) {
        return new ByteWriter(canonical.length + 20).tag(DOMAIN).raw(canonical).toByteArray();
    }

    /**
     * Reads a checkpoint. The bytes must be canonical JSON: a checkpoint has one encoding, and a
     * different spelling of the same content is refused. Members this version does not know are
     * ignored.
     *
     * @throws TrustFormatException naming the member that is missing, of the wrong type or out of
     *                              range
     */
    public static Checkpoint decode(byte[] bytes) {
        JsonNode root = CanonicalJson.parse(bytes, "checkpoint");
        try {
            if (!root.isObject()) {
                throw new TrustFormatException("not a JSON object");
            }
            String type = Json.text(root, "type", "");
            if (!TYPE.equals(type)) {
                throw new TrustFormatException("type is '" + type + "', expected " + TYPE);
            }
            long spec = Json.integer(root, "spec", "", 0, Integer.MAX_VALUE);
            if (spec != SPEC) {
                throw new TrustFormatException("spec " + spec + " is not understood, this reader knows " + SPEC);
            }
            String origin = Origins.check(Json.text(root, "origin", ""), "origin");
            long epoch = Json.integer(root, "epoch", "", 1, Long.MAX_VALUE);
            JsonNode p = Json.object(root, "position", "");
            BinlogPosition position = new BinlogPosition(Json.text(p, "file", "position"),
                    Json.integer(p, "pos", "position", 0, Long.MAX_VALUE),
                    Json.integer(p, "event", "position", 0, Long.MAX_VALUE),
                    (int) Json.integer(p, "row", "position", 0, Integer.MAX_VALUE));
            boolean snapshotComplete = Json.bool(root, "snapshot_complete", "");
            long issuedAtMs = Json.integer(root, "issued_at_ms", "", 0, Long.MAX_VALUE);
            boolean supersedes = root.has(SUPERSEDES) && Json.bool(root, SUPERSEDES, "");
            if (root.has(SUPERSEDES) && !supersedes) {
                // One encoding per checkpoint: false is spelled by leaving the member out.
                throw new TrustFormatException("not in canonical form (" + SUPERSEDES + " is written only when true)");
            }
            JsonNode e = Json.object(root, "entities", "");
            TreeMap<String, RowsDigest> entities = new TreeMap<>();
            for (Map.Entry<String, JsonNode> entry : e.properties()) {
                String path = "entities." + entry.getKey();
                if (!entry.getValue().isObject()) {
                    throw new TrustFormatException(path + " must be an object, found "
                            + entry.getValue().getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
                }
                long rows = Json.integer(entry.getValue(), "rows", path, 0, Long.MAX_VALUE);
                String digest = Json.text(entry.getValue(), "digest", path);
                if (!Bytes.isLowerHex(digest, 64)) {
                    throw new TrustFormatException(path + ".digest must be 64 lower-case hex digits, found "
                            + digest.length() + " characters");
                }
                entities.put(entry.getKey(), new RowsDigest(rows, digest));
            }
            if (!Arrays.equals(CanonicalJson.encode(root), bytes)) {
                throw new TrustFormatException("not in canonical form (members out of order, whitespace or escapes)");
            }
            return new Checkpoint(origin, epoch, position, snapshotComplete, issuedAtMs, entities, supersedes);
        } catch (TrustFormatException e) {
            throw new TrustFormatException("checkpoint: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TrustFormatException("checkpoint: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "checkpoint of " + origin + " epoch " + epoch + " at " + position
                + (snapshotComplete ? " (snapshot complete)" : "")
                + (supersedesEarlierEpochs ? " (supersedes earlier epochs)" : "") + ", " + entities.size() + " entities";
    }
}
