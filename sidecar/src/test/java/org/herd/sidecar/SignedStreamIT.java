package org.herd.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.herd.kafka.KafkaTopicReader;
import org.herd.testkit.TestTrust;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.herd.trust.BinlogPosition;
import org.herd.trust.Checkpoint;
import org.herd.trust.CheckpointVerification;
import org.herd.trust.DigestIndex;
import org.herd.trust.OriginVerifier;
import org.herd.trust.RecordStatement;
import org.herd.trust.RecordVerification;
import org.herd.trust.RowsDigest;
import org.herd.trust.SignatureHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a mirror that verifies receives from a signing sidecar: every record on the entity topics,
 * cascaded ones included, verifies on its own against the trust root; a checkpoint closes the
 * snapshot, stating exactly the rows and digests the topics hold and the highest position
 * published; and a sidecar moved to the key of a new epoch snapshots again, so that every row has
 * a record of the new epoch, ordered after everything of the old one.
 */
class SignedStreamIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final SidecarSite site;

    SignedStreamIT() throws Exception {
        site = new SidecarSite();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void everyRecordVerifiesCheckpointsStateTheTopicsAndANewEpochPublishesEveryRowAgain() throws Exception {
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO artists_group (ArtistID, Name, RevisionID, VanityHouse, LastCommentID) "
                    + "VALUES (1, 'Boards of Canada', NULL, 0, 0)");
            s.execute("INSERT INTO torrents_group (ID, CategoryID, Name, Year, ReleaseType, TagList, Time, WikiBody, "
                    + "WikiImage) VALUES (10, 1, 'Geogaddi', 2002, 1, 'electronic', NOW(), '', '')");
            s.execute("INSERT INTO torrents (ID, GroupID, UserID, Media, Format, Encoding, info_hash, FileCount, "
                    + "FileList, Size, Time, Description) VALUES (100, 10, 1, 'CD', 'FLAC', 'Lossless', 'h100', 1, "
                    + "'.flac s1s a.flac÷', 1000, NOW(), 'torrent 100')");
            s.execute("INSERT INTO forums_categories (ID, Name, Sort) VALUES (1, 'Music', 1)");
            s.execute("INSERT INTO forums (ID, CategoryID, Sort, Name, Description, MinClassRead) "
                    + "VALUES (1, 1, 1, 'Electronic', 'beeps', 100)");
            s.execute("INSERT INTO forums_topics (ID, Title, AuthorID, ForumID, LastPostID, LastPostAuthorID, "
                    + "CreatedTime) VALUES (5, 'Geogaddi at 33 rpm?', 1, 1, 8, 1, NOW())");
            s.execute("INSERT INTO forums_posts (ID, TopicID, AuthorID, AddedTime, Body) VALUES "
                    + "(7, 5, 1, NOW(), 'first'), (8, 5, 1, NOW(), 'second')");
        }

        LogKeeper.clear();
        site.start("herd.sidecar.trust.checkpoint-interval=500ms", "herd.sidecar.trust.batch-size=4");
        assertThat(LogKeeper.lines()).anySatisfy(l -> assertThat(l).startsWith("INFO Signing as origin '"
                + site.origin + "' with key " + TestTrust.originKey(1).keyId() + " at epoch 1"));
        Checkpoint snapshot = awaitCheckpoint(1, true);
        assertThat(snapshot.epoch()).isEqualTo(1);
        assertCheckpointStatesTheTopics(snapshot);
        assertThat(records("forum_post")).hasSize(2);

        // A forum turns staff-only and back: its topic and posts follow as cascades, at the forum's position.
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE forums SET MinClassRead = 800 WHERE ID = 1");
        }
        await().atMost(PATIENCE).until(() -> records("forum_post").stream().filter(r -> r.op() == Operation.DELETE)
                .count() == 2);
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE forums SET MinClassRead = 100 WHERE ID = 1");
            s.execute("UPDATE torrents_group SET Name = 'Geogaddi (remaster)' WHERE ID = 10");
        }
        await().atMost(PATIENCE).until(() -> records("release_group").stream()
                .anyMatch(r -> "Geogaddi (remaster)".equals(r.payload().get("name"))));
        List<NeutralRecord> posts = records("forum_post");
        NeutralRecord forumShown = records("forum").stream().filter(r -> !r.position().snapshot()
                && r.op() == Operation.UPSERT).findFirst().orElseThrow();
        assertThat(posts).filteredOn(r -> r.op() == Operation.UPSERT && !r.position().snapshot())
                .hasSize(2).allSatisfy(p -> assertThat(p.position()).isEqualTo(forumShown.position()));

        SourcePosition highest = highestPosition(1);
        Checkpoint streamed = await().atMost(PATIENCE).until(() -> latestCheckpoint(1),
                c -> c.isPresent() && c.get().position().equals(binlog(highest))).orElseThrow();
        assertThat(streamed.snapshotComplete()).isFalse();
        assertCheckpointStatesTheTopics(streamed);
        assertEveryRecordVerifies(TestTrust.verifier(site.origin, 1), 1);

        // The origin moves to the key of epoch 2 (a planned rotation: version 2 lists both keys).
        site.stop();
        List<String> epoch2 = new ArrayList<>(TestTrust.sidecarProperties(site.origin, 2));
        epoch2.add("herd.sidecar.trust.checkpoint-interval=500ms");
        LogKeeper.clear();
        site.start(epoch2.toArray(String[]::new));
        assertThat(LogKeeper.lines()).filteredOn(l -> l.contains("New epoch")).singleElement().asString()
                .startsWith("INFO New epoch: publishing under epoch 2 (key " + TestTrust.originKey(2).keyId()
                        + "), the topics hold records of epoch 1; re-snapshotting every replicated table");
        Checkpoint resnapshot = awaitCheckpoint(2, true);
        assertCheckpointStatesTheTopics(resnapshot);
        assertThat(resnapshot.position()).isEqualTo(binlog(highestPosition(2)));

        OriginVerifier v2 = TestTrust.verifier(site.origin, 2);
        assertEveryRecordVerifies(v2, 2);
        for (EntityType e : NeutralSchema.entities()) {
            Map<Object, List<NeutralRecord>> byKey = records(e.name()).stream()
                    .collect(Collectors.groupingBy(NeutralRecord::key));
            byKey.forEach((key, versions) -> {
                NeutralRecord newest = versions.stream().max(Comparator.comparing(NeutralRecord::position)).orElseThrow();
                // Every row the origin has was read again under the new key, and orders after the old records.
                if (newest.op() == Operation.UPSERT) {
                    assertThat(newest.position().epoch()).as(e.name() + " " + key).isEqualTo(2);
                }
                versions.stream().filter(r -> r.position().epoch() == 1).forEach(old ->
                        assertThat(newest.position().isAfter(old.position())).isTrue());
            });
        }
        assertThat(records("forum_post")).filteredOn(r -> r.position().epoch() == 2).hasSize(2);
        assertThat(records("release_group")).filteredOn(r -> r.position().epoch() == 2).singleElement()
                .satisfies(r -> assertThat(r.payload()).containsEntry("name", "Geogaddi (remaster)"));
    }

    private List<ConsumerRecord<byte[], byte[]>> raw(String topicSuffix) {
        return KafkaTopicReader.readAll(site.stack.kafka().bootstrapServers(), Set.of(site.prefix + "." + topicSuffix));
    }

    private List<NeutralRecord> records(String entity) {
        return raw(entity).stream().map(r -> WireFormat.decode(r.value())).toList();
    }

    private static SignatureHeaders headers(ConsumerRecord<byte[], byte[]> r) {
        return SignatureHeaders.collect(r.headers(), Header::key, Header::value);
    }

    /** The checkpoints of {@code epoch}, each verified as a mirror verifies it, in the order issued. */
    private List<Checkpoint> checkpoints(int epoch) {
        OriginVerifier verifier = TestTrust.verifier(site.origin, epoch);
        List<Checkpoint> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : raw("_checkpoints")) {
            CheckpointVerification v = verifier.verifyCheckpoint(r.value(), headers(r));
            assertThat(v.verified()).as(v.toString()).isTrue();
            if (v.checkpoint().epoch() == epoch) {
                out.add(v.checkpoint());
            }
        }
        return out;
    }

    private Optional<Checkpoint> latestCheckpoint(int epoch) {
        List<Checkpoint> all = checkpoints(epoch);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private Checkpoint awaitCheckpoint(int epoch, boolean snapshotComplete) {
        return await().atMost(PATIENCE).until(() -> checkpoints(epoch).stream()
                .filter(c -> c.snapshotComplete() == snapshotComplete).findFirst(), Optional::isPresent).orElseThrow();
    }

    /** Rows and digests recomputed from the entity topics alone, as a mirror would from what it read. */
    private void assertCheckpointStatesTheTopics(Checkpoint checkpoint) {
        Map<String, RowsDigest> recomputed = new TreeMap<>();
        for (EntityType e : NeutralSchema.entities()) {
            DigestIndex index = new DigestIndex(e.name());
            for (ConsumerRecord<byte[], byte[]> r : raw(e.name())) {
                index.apply(RecordStatement.read(r.key(), r.value()));
            }
            recomputed.put(e.name(), index.value());
        }
        assertThat(checkpoint.entities()).isEqualTo(recomputed);
        assertThat(recomputed.get("forum_post").rows()).isEqualTo(2);
        assertThat(checkpoint.position()).isEqualTo(binlog(highestPosition(checkpoint.epoch())));
    }

    /** The highest position of {@code epoch} in any entity topic. */
    private SourcePosition highestPosition(long epoch) {
        SourcePosition highest = null;
        for (EntityType e : NeutralSchema.entities()) {
            for (NeutralRecord r : records(e.name())) {
                if (r.position().epoch() == epoch && (highest == null || r.position().isAfter(highest))) {
                    highest = r.position();
                }
            }
        }
        return highest;
    }

    private static BinlogPosition binlog(SourcePosition p) {
        return new BinlogPosition(p.file(), p.pos(), p.event(), p.row());
    }

    /** Every record of every entity topic verifies on its own; returns how many of each epoch. */
    private Map<Long, Integer> assertEveryRecordVerifies(OriginVerifier verifier, long newestEpoch) {
        Map<Long, Integer> byEpoch = new HashMap<>();
        for (EntityType e : NeutralSchema.entities()) {
            for (ConsumerRecord<byte[], byte[]> r : raw(e.name())) {
                RecordVerification v = verifier.verifyRecord(r.key(), r.value(), headers(r));
                assertThat(v.verified()).as(e.name() + " offset " + r.offset() + ": " + v).isTrue();
                byEpoch.merge(v.statement().epoch(), 1, Integer::sum);
            }
        }
        assertThat(byEpoch).containsKey(newestEpoch);
        return byEpoch;
    }
}
