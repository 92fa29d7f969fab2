package org.herd.replicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.herd.trust.Checkpoint;
import org.herd.trust.RowsDigest;

/**
 * The comparison of a mirror with a checkpoint it has passed: per entity, the live rows and digest
 * the origin signed against those the mirror computes from its rows' fingerprints. The outcome is
 * {@code complete}, {@code differs} (an entity has other rows than the origin had: a relay withheld
 * or replayed records, or the mirror lost some), or {@code partial} (what could be compared matches,
 * but some entities already hold rows newer than the checkpoint, so their state at the checkpoint is
 * gone; a later checkpoint compares them). Pure: the mirror's side is read by {@link CheckpointWatch}.
 */
public final class CheckpointComparison {

    public static final String COMPLETE = "complete";
    public static final String DIFFERS = "differs";
    public static final String PARTIAL = "partial";

    /** Outcomes per entity. */
    public static final String MATCH = "match";
    public static final String ENTITY_DIFFERS = "differs";
    public static final String MOVED_ON = "moved_on";
    public static final String UNKNOWN_ENTITY = "unknown_entity";

    private CheckpointComparison() {
    }

    /**
     * What the mirror holds of one entity.
     *
     * @param movedOn            whether a row (deleted ones included) is newer than the checkpoint
     * @param rows               live rows
     * @param digest             the digest of the live rows that have a fingerprint
     * @param withoutFingerprint live rows without one (applied before the mirror kept fingerprints)
     */
    public record Found(boolean movedOn, long rows, String digest, long withoutFingerprint) {
    }

    /** One entity's line of the result. */
    public record EntityResult(String entity, String outcome, long expectedRows, Long foundRows, String expectedDigest,
            String foundDigest, long withoutFingerprint) {
    }

    /**
     * @param result   {@link #COMPLETE}, {@link #DIFFERS} or {@link #PARTIAL}
     * @param position the checkpoint's position, as the mirror prints positions
     * @param summary  one line for the log and {@code herd mirror status}
     */
    public record Result(String result, String position, List<EntityResult> entities, String summary) {
    }

    /**
     * Compares {@code checkpoint} with what the mirror found for every entity it knows
     * ({@code found}); an entity the checkpoint does not list is expected to have no rows, and one
     * the mirror does not know cannot be held by it.
     */
    public static Result compare(Checkpoint checkpoint, String position, Map<String, Found> found) {
        Set<String> entities = new TreeSet<>(found.keySet());
        entities.addAll(checkpoint.entities().keySet());
        List<EntityResult> results = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        List<String> movedOn = new ArrayList<>();
        int matched = 0;
        for (String entity : entities) {
            RowsDigest expected = checkpoint.entities().getOrDefault(entity, new RowsDigest(0, RowsDigest.EMPTY));
            Found f = found.get(entity);
            if (f == null) {
                results.add(new EntityResult(entity, UNKNOWN_ENTITY, expected.rows(), null, expected.digest(), null, 0));
                differing.add(entity + " (unknown to this mirror's version) expected " + count(expected.rows())
                        + " rows found none");
            } else if (f.movedOn()) {
                results.add(new EntityResult(entity, MOVED_ON, expected.rows(), f.rows(), expected.digest(), null,
                        f.withoutFingerprint()));
                movedOn.add(entity);
            } else if (f.rows() == expected.rows() && f.withoutFingerprint() == 0 && f.digest().equals(expected.digest())) {
                results.add(new EntityResult(entity, MATCH, expected.rows(), f.rows(), expected.digest(), f.digest(), 0));
                matched++;
            } else {
                results.add(new EntityResult(entity, ENTITY_DIFFERS, expected.rows(), f.rows(), expected.digest(),
                        f.digest(), f.withoutFingerprint()));
                String line = entity + " expected " + count(expected.rows()) + " rows found " + count(f.rows());
                if (f.rows() == expected.rows() && f.withoutFingerprint() == 0) {
                    line += ", the same number but other versions (digest " + abbreviate(expected.digest())
                            + " expected, " + abbreviate(f.digest()) + " found)";
                }
                if (f.withoutFingerprint() > 0) {
                    line += " (" + count(f.withoutFingerprint()) + " of them applied before the mirror kept "
                            + "fingerprints)";
                }
                differing.add(line);
            }
        }
        String summary;
        String result;
        if (!differing.isEmpty()) {
            result = DIFFERS;
            summary = "differs from the checkpoint at " + position + ": " + String.join("; ", differing)
                    + (movedOn.isEmpty() ? "" : "; not compared, as they hold newer rows: " + String.join(", ", movedOn));
        } else if (!movedOn.isEmpty()) {
            result = PARTIAL;
            summary = "matches the checkpoint at " + position + " for " + matched + " of " + entities.size()
                    + " entities; not compared, as they already hold rows newer than it: " + String.join(", ", movedOn);
        } else {
            result = COMPLETE;
            summary = "complete at " + position;
        }
        return new Result(result, position, results, summary);
    }

    /** A position as the mirror prints positions: {@code e<epoch>:file:pos/event#row}. */
    public static String position(Checkpoint c) {
        return "e" + c.epoch() + ":" + c.position();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String abbreviate(String digest) {
        return digest == null ? "none" : digest.substring(0, 12) + "…";
    }
}
