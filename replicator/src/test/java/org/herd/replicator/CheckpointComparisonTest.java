package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.herd.trust.BinlogPosition;
import org.herd.trust.Checkpoint;
import org.herd.trust.EntityDigest;
import org.herd.trust.RowsDigest;
import org.junit.jupiter.api.Test;

class CheckpointComparisonTest {

    private static String digest(String entity, long... fingerprints) {
        EntityDigest d = new EntityDigest(entity);
        for (long f : fingerprints) {
            d.add(f);
        }
        return d.hex();
    }

    private static Checkpoint checkpoint(Map<String, RowsDigest> entities) {
        return new Checkpoint("site", 1, new BinlogPosition("mysql-bin.000003", 4, 1, 0), true, 1_700_000_000_000L,
                new TreeMap<>(entities));
    }

    private final Checkpoint checkpoint = checkpoint(Map.of(
            "release", new RowsDigest(3, digest("release", 1, 2, 3)),
            "tag", new RowsDigest(1, digest("tag", 9))));

    private static Map<String, CheckpointComparison.Found> found(CheckpointComparison.Found release,
            CheckpointComparison.Found tag) {
        Map<String, CheckpointComparison.Found> f = new LinkedHashMap<>();
        f.put("release", release);
        f.put("tag", tag);
        f.put("artist", new CheckpointComparison.Found(false, 0, RowsDigest.EMPTY, 0));
        return f;
    }

    @Test
    void theSameRowsAreComplete() {
        CheckpointComparison.Result r = CheckpointComparison.compare(checkpoint, "e1:mysql-bin.000003:4/1#0", found(
                new CheckpointComparison.Found(false, 3, digest("release", 3, 1, 2), 0),
                new CheckpointComparison.Found(false, 1, digest("tag", 9), 0)));

        assertThat(r.result()).isEqualTo(CheckpointComparison.COMPLETE);
        assertThat(r.summary()).isEqualTo("complete at e1:mysql-bin.000003:4/1#0");
        assertThat(r.entities()).extracting(CheckpointComparison.EntityResult::outcome).containsOnly("match");
    }

    @Test
    void aWithheldRowNamesTheEntityWithCounts() {
        CheckpointComparison.Result r = CheckpointComparison.compare(checkpoint, "P", found(
                new CheckpointComparison.Found(false, 2, digest("release", 1, 3), 0),
                new CheckpointComparison.Found(false, 1, digest("tag", 9), 0)));

        assertThat(r.result()).isEqualTo(CheckpointComparison.DIFFERS);
        assertThat(r.summary()).isEqualTo("differs from the checkpoint at P: release expected 3 rows found 2");
        assertThat(r.entities()).filteredOn(e -> e.entity().equals("release")).singleElement()
                .satisfies(e -> {
                    assertThat(e.expectedRows()).isEqualTo(3);
                    assertThat(e.foundRows()).isEqualTo(2);
                });
    }

    @Test
    void anOldVersionOfARowDiffersThoughTheCountMatches() {
        CheckpointComparison.Result r = CheckpointComparison.compare(checkpoint, "P", found(
                new CheckpointComparison.Found(false, 3, digest("release", 1, 2, 4), 0),
                new CheckpointComparison.Found(false, 1, digest("tag", 9), 0)));

        assertThat(r.summary()).startsWith("differs from the checkpoint at P: release expected 3 rows found 3, the "
                + "same number but other versions");
    }

    @Test
    void entitiesThatMovedPastTheCheckpointAreNotCompared() {
        CheckpointComparison.Result r = CheckpointComparison.compare(checkpoint, "P", found(
                new CheckpointComparison.Found(true, 0, null, 0),
                new CheckpointComparison.Found(false, 1, digest("tag", 9), 0)));

        assertThat(r.result()).isEqualTo(CheckpointComparison.PARTIAL);
        assertThat(r.summary()).isEqualTo("matches the checkpoint at P for 2 of 3 entities; not compared, as they "
                + "already hold rows newer than it: release");
    }

    @Test
    void rowsTheCheckpointDoesNotListOrWithoutFingerprintsOrOfUnknownEntitiesDiffer() {
        Map<String, CheckpointComparison.Found> f = found(
                new CheckpointComparison.Found(false, 3, digest("release", 1, 2, 3), 0),
                new CheckpointComparison.Found(false, 1, RowsDigest.EMPTY, 1));
        f.put("artist", new CheckpointComparison.Found(false, 1_204, digest("artist", 5), 0));
        Checkpoint withNewEntity = checkpoint(Map.of("release", new RowsDigest(3, digest("release", 1, 2, 3)),
                "tag", new RowsDigest(1, digest("tag", 9)), "playlist", new RowsDigest(2, digest("playlist", 1, 2))));

        CheckpointComparison.Result r = CheckpointComparison.compare(withNewEntity, "P", f);

        assertThat(r.result()).isEqualTo(CheckpointComparison.DIFFERS);
        assertThat(r.summary()).contains("artist expected 0 rows found 1,204")
                .contains("playlist (unknown to this mirror's version) expected 2 rows found none")
                .contains("tag expected 1 rows found 1 (1 of them applied before the mirror kept fingerprints)");
        assertThat(r.entities()).extracting(CheckpointComparison.EntityResult::entity)
                .containsExactly("artist", "playlist", "release", "tag");
        assertThat(List.of(r.entities().get(1).outcome())).containsExactly(CheckpointComparison.UNKNOWN_ENTITY);
    }
}
