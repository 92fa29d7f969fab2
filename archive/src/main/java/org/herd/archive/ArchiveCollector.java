package org.herd.archive;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.herd.trust.Checkpoint;
import org.herd.trust.EntityDigest;
import org.herd.trust.RecordOp;
import org.herd.trust.RecordStatement;
import org.herd.trust.RowsDigest;
import org.herd.trust.TrustFormatException;
import org.herd.translator.SourcePosition;

/**
 * Keeps, per entity and key, the latest record at or before a checkpoint's cut, from records
 * offered in any order (a topic read from its beginning, a relay's copy, several partitions), and
 * gives the archive's content: the live ones, checked against the checkpoint's counts and digests.
 *
 * <p>Records after the cut are left out, so that what is archived is the state the checkpoint
 * states, even while the origin goes on publishing. What it cannot give is a version that
 * compaction has already removed: when a key's only remaining record is after the cut, its
 * version at the cut is gone from the topic, the entity's digest differs from the checkpoint's,
 * and {@link #content} refuses, naming the entity. Under a checkpoint that supersedes earlier
 * epochs, their records are left out: the rows they describe are ones the origin no longer holds.
 */
public final class ArchiveCollector {

    private final Checkpoint checkpoint;
    private final SourcePosition cut;
    private final Map<String, Map<ByteBuffer, Candidate>> entities = new TreeMap<>();
    private long afterCut;
    private long superseded;
    private long skipped;

    /** One record kept: its position and the record as it will be archived. */
    private record Candidate(SourcePosition position, RecordOp op, ArchiveRecord record, long fingerprint) {
    }

    public ArchiveCollector(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.cut = new SourcePosition(checkpoint.epoch(), checkpoint.position().file(), checkpoint.position().pos(),
                checkpoint.position().event(), checkpoint.position().row(), false, 0);
        checkpoint.entities().keySet().forEach(e -> entities.put(e, new HashMap<>()));
    }

    /**
     * Offers one record read from the topic of {@code entity}.
     *
     * @param headers every value of each header name, as read
     * @param where   where it was read (topic, partition, offset), for messages
     */
    public void offer(String entity, byte[] key, byte[] value, Map<String, List<byte[]>> headers, String where) {
        if (key == null || value == null) {
            skipped++; // a Kafka tombstone: Herd's deletes are records
            return;
        }
        RecordStatement s;
        try {
            s = RecordStatement.read(key, value);
        } catch (TrustFormatException e) {
            skipped++;
            return;
        }
        if (!s.entity().equals(entity) || !s.origin().equals(checkpoint.origin())) {
            skipped++;
            return;
        }
        SourcePosition at;
        try {
            at = new SourcePosition(s.epoch(), s.position().file(), s.position().pos(), s.position().event(),
                    s.position().row(), false, 0);
        } catch (IllegalArgumentException e) {
            skipped++;
            return;
        }
        if (at.isAfter(cut)) {
            afterCut++;
            return;
        }
        if (checkpoint.supersedesEarlierEpochs() && s.epoch() < checkpoint.epoch()) {
            // Its epoch's snapshot published every row the origin holds again: a row whose latest
            // record is older is one it no longer holds (a record of this epoch replaces it here).
            superseded++;
            return;
        }
        Map<ByteBuffer, Candidate> rows = entities.computeIfAbsent(entity, e -> new HashMap<>());
        ByteBuffer k = ByteBuffer.wrap(key);
        Candidate held = rows.get(k);
        if (held != null && !at.isAfter(held.position())) {
            return;
        }
        ArchiveRecord record = s.op() == RecordOp.UPSERT ? ArchiveRecord.of(key, value, headers, where) : null;
        rows.put(k, new Candidate(at, s.op(), record, s.rowFingerprint()));
    }

    /** Records left out because they are after the cut. */
    public long afterCut() {
        return afterCut;
    }

    /** Records left out because they are of an epoch the checkpoint supersedes. */
    public long superseded() {
        return superseded;
    }

    /** Records left out because they are not Herd records of their topic's entity and origin. */
    public long skipped() {
        return skipped;
    }

    /**
     * The live records at the cut, with the trust roots and the checkpoint.
     *
     * @throws ArchiveException when an entity's live rows at the cut are not what the checkpoint
     *                          states (naming the entity, the counts and the digests)
     */
    public ArchiveContent content(List<byte[]> rootFiles, byte[] checkpointValue, String checkpointKeyId,
            byte[] checkpointSig) {
        TreeMap<String, List<ArchiveRecord>> live = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (String entity : entities.keySet()) {
            try {
                live.put(entity, live(entity));
            } catch (ArchiveException e) {
                wrong.add(e.getMessage());
            }
        }
        if (!wrong.isEmpty()) {
            throw mismatch(String.join("; ", wrong));
        }
        return new ArchiveContent(rootFiles, checkpointValue, checkpointKeyId, checkpointSig, live);
    }

    /**
     * The entity's live records at the cut, in no particular order, checked against the
     * checkpoint's count and digest (an entity it does not list has none).
     *
     * @throws ArchiveException naming the entity, the counts and the digests when they differ
     */
    public List<ArchiveRecord> live(String entity) {
        EntityDigest digest = new EntityDigest(entity);
        List<ArchiveRecord> records = new ArrayList<>();
        for (Candidate c : entities.getOrDefault(entity, Map.of()).values()) {
            if (c.op() == RecordOp.UPSERT) {
                records.add(c.record());
                digest.add(c.fingerprint());
            }
        }
        RowsDigest expected = checkpoint.entities().getOrDefault(entity, new RowsDigest(0, RowsDigest.EMPTY));
        if (!digest.value().equals(expected)) {
            throw new ArchiveException(entity + ": " + digest.count() + " live rows at the cut with digest "
                    + digest.hex() + ", the checkpoint states " + expected.rows() + " with digest " + expected.digest());
        }
        return records;
    }

    /** The error for entities whose live rows at the cut differ from the checkpoint's. */
    ArchiveException mismatch(String entities) {
        return new ArchiveException("the records read do not give the state at the checkpoint's cut e"
                + checkpoint.epoch() + ":" + checkpoint.position() + " (a version it counts was compacted away or "
                + "is missing from the source): " + entities);
    }

    /** The entities the collector knows: the checkpoint's and any offered. */
    public Set<String> entities() {
        return entities.keySet();
    }

    @Override
    public String toString() {
        return "ArchiveCollector[" + checkpoint.origin() + " at " + cut + "]";
    }
}
