package org.herd.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.herd.trust.Checkpoint;
import org.herd.trust.RecordOp;
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
        assertThat(content.entities().get("tag")).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .hasSize(2)
                .anySatisfy(v -> assertThat(v).contains("one, renamed"))
                .anySatisfy(v -> assertThat(v).contains("\"two\""));
        assertThat(content.entities()).containsKey("artist");
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
        assertThat(content(collector, cut).entities().get("tag")).hasSize(1);
    }
}
