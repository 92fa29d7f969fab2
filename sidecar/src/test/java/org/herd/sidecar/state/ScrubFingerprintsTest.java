package org.herd.sidecar.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.scrub.BuiltInRule;
import org.herd.translator.scrub.ScrubPolicy;
import org.junit.jupiter.api.Test;

/**
 * A changed text-scrub policy names exactly the tables whose published text it changes; the record
 * in the state topic reads back and never spells out an operator's pattern.
 */
class ScrubFingerprintsTest {

    private static final GazelleCatalogue WHATCD = GazelleCatalogue.of(GazelleVariant.WHATCD);
    private static final List<String> CAPTURED = List.of("torrents", "torrents_group", "comments", "forums",
            "forums_posts", "tags", "artists_group", "torrents_logs_new");

    private static ScrubFingerprints of(ScrubPolicy policy) {
        return ScrubFingerprints.of(policy, WHATCD.freeTextColumns(), CAPTURED);
    }

    @Test
    void onlyCapturedTablesWithFreeTextHaveAFingerprint() {
        assertThat(of(ScrubPolicy.defaults()).tables()).containsOnlyKeys("torrents", "torrents_group", "comments",
                "forums", "forums_posts", "torrents_logs_new");
    }

    @Test
    void aChangedPolicyNamesTheTablesItChanges() {
        ScrubFingerprints before = of(ScrubPolicy.defaults());
        assertThat(of(ScrubPolicy.defaults()).changedSince(Optional.of(before))).isEmpty();
        assertThat(of(ScrubPolicy.builder().drop("comments", "Body").build()).changedSince(Optional.of(before)))
                .containsExactly("comments");
        assertThat(of(ScrubPolicy.builder().pattern("staff-host", "intra\\.site").build())
                .changedSince(Optional.of(before))).containsExactlyInAnyOrderElementsOf(before.tables().keySet());

        // A table whose free text is all kept reads no rule: a new rule leaves it alone.
        ScrubPolicy keepComments = ScrubPolicy.builder().keep("comments", "Body").build();
        ScrubPolicy keepCommentsNoIpv6 = ScrubPolicy.builder().keep("comments", "Body").disable(BuiltInRule.IPV6)
                .build();
        assertThat(of(keepCommentsNoIpv6).changedSince(Optional.of(of(keepComments)))).doesNotContain("comments")
                .contains("torrents", "forums_posts");
        // Hosts count only while the rule that reads them is on.
        assertThat(of(ScrubPolicy.builder().disable(BuiltInRule.ORIGIN_URL).originHost("site.example").build())
                .changedSince(Optional.of(of(ScrubPolicy.builder().disable(BuiltInRule.ORIGIN_URL).build())))).isEmpty();
        assertThat(of(ScrubPolicy.builder().originHost("site.example").build()).changedSince(Optional.of(before)))
                .isNotEmpty();
        // A table added to the replicated set has no fingerprint yet.
        ScrubFingerprints fewer = ScrubFingerprints.of(ScrubPolicy.defaults(), WHATCD.freeTextColumns(),
                List.of("torrents"));
        assertThat(before.changedSince(Optional.of(fewer))).doesNotContain("torrents").contains("comments");
    }

    @Test
    void aSnapshotOfEveryTableOrAnOnboardingOneCoversATableAlready() {
        ScrubFingerprints before = of(ScrubPolicy.defaults());
        ScrubFingerprints now = of(ScrubPolicy.builder().drop("comments", "Body").pattern("x", "intra\\.site").build());
        assertThat(now.toPublishAgain(Optional.of(before), true, false, List.of()))
                .containsExactlyInAnyOrderElementsOf(now.tables().keySet());
        assertThat(now.toPublishAgain(Optional.of(before), true, false, List.of("comments", "tags")))
                .doesNotContain("comments").contains("torrents");
        assertThat(now.toPublishAgain(Optional.of(before), false, false, List.of())).as("first start").isEmpty();
        assertThat(now.toPublishAgain(Optional.of(before), true, true, List.of())).as("re-snapshot").isEmpty();
        assertThat(before.toPublishAgain(Optional.of(before), true, false, List.of())).as("unchanged").isEmpty();
    }

    @Test
    void withoutARecordEveryTableWithFreeTextIsPublishedAgain() {
        // A sidecar from before text scrubbing published every free text as stored.
        assertThat(of(ScrubPolicy.defaults()).changedSince(Optional.empty()))
                .containsExactlyInAnyOrderElementsOf(of(ScrubPolicy.defaults()).tables().keySet());
    }

    @Test
    void theRecordReadsBackAndHoldsNoExpression() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        ScrubFingerprints fingerprints = of(ScrubPolicy.builder().pattern("staff-host", "secret-intra-4471").build());

        fingerprints.record(producer, "herd.unit._sidecar-state");

        var sent = producer.history().get(0);
        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("text-scrub");
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).doesNotContain("secret-intra", "staff-host");
        ConsumerRecord<byte[], byte[]> read = new ConsumerRecord<>(sent.topic(), 0, 0, sent.key(), sent.value());
        ConsumerRecord<byte[], byte[]> other = new ConsumerRecord<>(sent.topic(), 0, 1,
                "table:tags".getBytes(StandardCharsets.UTF_8), "{\"captured\":true}".getBytes(StandardCharsets.UTF_8));
        assertThat(ScrubFingerprints.from(List.of(read, other))).contains(fingerprints);
        assertThat(ScrubFingerprints.from(List.of(other))).isEmpty();
        assertThat(ScrubFingerprints.from(List.of(read, new ConsumerRecord<>(sent.topic(), 0, 2, sent.key(), null))))
                .isEmpty();
    }
}
