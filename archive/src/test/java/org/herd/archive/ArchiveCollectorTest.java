package org.herd.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.herd.trust.BinlogPosition;
import org.herd.trust.Checkpoint;
import org.herd.trust.DigestIndex;
import org.herd.trust.RecordOp;
import org.herd.trust.RecordStatement;
import org.herd.trust.RowsDigest;
import org.herd.trust.SignedCheckpoint;
import org.junit.jupiter.api.Test;

class ArchiveCollectorTest {

    private final SignedSite site = new SignedSite();
    private final List<SignedSite.Published> topic = new ArrayList<>();

    private void publish(String entity, long id, RecordOp op, String name) {
        topic.add(site.publish(entity, id, op, name));
    }

    private static ArchiveCollector collect(SignedCheckpoint c, List<SignedSite.Published> records) {
        ArchiveCollector collector = new ArchiveCollector(Checkpoint.decode(c.value()));
        records.forEach(r -> collector.offer(r.entity(), r.key(), r.value(), r.headers(), "test"));
        return collector;
    }

    private static ArchiveContent content(ArchiveCollector collector, SignedCheckpoint c) {
        return collector.content(List.of(), c.value(), "k", new byte[64]);
    }

    @Test
    void keepsTheLatestVersionAtTheCutAndLeavesOutDeletesAndLaterRecords() {
        publish("tag", 1, RecordOp.UPSERT, "one");
        publish("tag", 2, RecordOp.UPSERT, "two");
        publish("tag", 1, RecordOp.UPSERT, "one, renamed");
        publish("tag", 3, RecordOp.UPSERT, "three");
        publish("tag", 3, RecordOp.DELETE, null);
        SignedCheckpoint cut = site.checkpoint();
        publish("tag", 2, RecordOp.UPSERT, "two, after the cut");
        publish("tag", 4, RecordOp.UPSERT, "four, after the cut");
        List<SignedSite.Published> shuffled = new ArrayList<>(topic);
        Collections.reverse(shuffled); // order across the topic does not matter, only positions

        ArchiveCollector collector = collect(cut, shuffled);
        ArchiveContent content = content(collector, cut);

        assertThat(collector.afterCut()).isEqualTo(2);
        assertThat(content.entities().records("tag")).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .hasSize(2)
                .anySatisfy(v -> assertThat(v).contains("one, renamed"))
                .anySatisfy(v -> assertThat(v).contains("\"two\""));
        assertThat(content.entities().names()).contains("artist");
    }

    @Test
    void refusesWhenAVersionTheCheckpointCountsIsGone() {
        publish("tag", 1, RecordOp.UPSERT, "one");
        SignedCheckpoint cut = site.checkpoint();
        publish("tag", 1, RecordOp.UPSERT, "one, after the cut");
        // Compaction kept only the later version of tag 1.
        ArchiveCollector collector = collect(cut, topic.subList(1, 2));
        assertThatThrownBy(() -> content(collector, cut)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("tag: 0 live rows at the cut")
                .hasMessageContaining("the checkpoint states 1");
    }

    @Test
    void aKafkaTombstoneIsNotARecord() {
        publish("tag", 1, RecordOp.UPSERT, "one");
        SignedCheckpoint cut = site.checkpoint();
        ArchiveCollector collector = collect(cut, topic);
        collector.offer("tag", SignedSite.key("tag", 1), null, java.util.Map.of(), "test");
        assertThat(collector.skipped()).isEqualTo(1);
        assertThat(content(collector, cut).entities().records("tag")).hasSize(1);
    }

    @Test
    void underACheckpointThatSupersedesEarlierEpochsTheirRowsAreNotArchived() {
        publish("tag", 1, RecordOp.UPSERT, "one");
        publish("tag", 2, RecordOp.UPSERT, "two, which the successor no longer holds");
        // The successor's snapshot under epoch 2 publishes tag 1 again.
        byte[] key = SignedSite.key("tag", 1);
        byte[] again = new String(site.value("tag", 1, RecordOp.UPSERT, "one, again"), StandardCharsets.UTF_8)
                .replace("\"epoch\":1,", "\"epoch\":2,").getBytes(StandardCharsets.UTF_8);
        DigestIndex tags = new DigestIndex("tag");
        tags.apply(RecordStatement.read(key, again));
        java.util.TreeMap<String, RowsDigest> entities = new java.util.TreeMap<>(java.util.Map.of("tag", tags.value(),
                "artist", new RowsDigest(0, RowsDigest.EMPTY)));
        BinlogPosition at = new BinlogPosition("mysql-bin.000009", 4, 0, 0);
        List<SignedSite.Published> all = new ArrayList<>(topic);
        all.add(new SignedSite.Published("tag", key, again, topic.get(0).headers())); // not verified here

        ArchiveCollector superseding = new ArchiveCollector(new Checkpoint(SignedSite.ORIGIN, 2, at, true, 1, entities,
                true));
        all.forEach(r -> superseding.offer(r.entity(), r.key(), r.value(), r.headers(), "test"));
        ArchiveContent content = superseding.content(List.of(), new byte[0], "k", new byte[64]);

        assertThat(superseding.superseded()).isEqualTo(2);
        assertThat(content.entities().records("tag")).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .singleElement().satisfies(v -> assertThat(v).contains("one, again"));
        // The same statement without superseding counts tag 2 as live, and the digests disagree.
        ArchiveCollector plain = new ArchiveCollector(new Checkpoint(SignedSite.ORIGIN, 2, at, true, 1, entities));
        all.forEach(r -> plain.offer(r.entity(), r.key(), r.value(), r.headers(), "test"));
        assertThatThrownBy(() -> plain.content(List.of(), new byte[0], "k", new byte[64]))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("tag: 2 live rows at the cut");
    }
}
