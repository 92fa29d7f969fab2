package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.herd.trust.RootFailure;
import org.herd.trust.SignedRoot;
import org.junit.jupiter.api.Test;

/** Which trust root a mirror starts with, and what it does with the roots read from its trust topic. */
class MirrorTrustTest {

    private static final String ORIGIN = "site";
    private static final String TOPIC = "herd.site._trust";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration WARN = Duration.ofDays(30);

    private final SignedRoot v1 = SignedTestRecords.rootV1(ORIGIN);
    private final SignedRoot v2 = SignedTestRecords.signedByTwo(SignedTestRecords.rotated(v1, 2, false));
    private final SignedRoot v3 = SignedTestRecords.signedByTwo(SignedTestRecords.rotated(v2,
            3, false));

    private static MirrorTrust.StoredRoot stored(SignedRoot root, String source, Long offset) {
        return new MirrorTrust.StoredRoot(root.version(), root.toFileBytes(), root.root().expires(), source,
                offset == null ? null : TOPIC, offset == null ? null : 0, offset);
    }

    private static MirrorTrust.Start start(SignedRoot file, MirrorTrust.StoredRoot... stored) {
        return MirrorTrust.start(ORIGIN, file.toFileBytes(), "/etc/herd/root.json", List.of(stored), NOW, WARN);
    }

    @Test
    void aFirstStartPinsTheFileAndStoresIt() {
        MirrorTrust.Start s = start(v1);

        assertThat(s.trust().verifying()).isTrue();
        assertThat(s.trust().version()).isEqualTo(1);
        assertThat(s.toStore().version()).isEqualTo(1);
        assertThat(s.toStore().source()).isEqualTo(MirrorTrust.StoredRoot.FILE);
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void aFileOlderThanTheStoredRootIsARollbackKeptOutAcrossRestarts() {
        MirrorTrust.Start s = start(v1, stored(v1, "file", null), stored(v2, "topic", 5L));

        assertThat(s.trust().version()).isEqualTo(2);
        assertThat(s.toStore()).isNull();
        assertThat(s.warnings()).singleElement().asString().contains("version 1, older than version 2")
                .contains("a rollback is refused");
    }

    @Test
    void aNewerFileThatFollowsTheStoredRootIsTakenAndStored() {
        MirrorTrust.Start s = start(v2, stored(v1, "file", null));

        assertThat(s.trust().version()).isEqualTo(2);
        assertThat(s.toStore().version()).isEqualTo(2);
        assertThat(s.trust().verifier().root().originKeys()).hasSize(2);
    }

    @Test
    void aNewerFileNotSignedByTheStoredRootsTrusteesStopsTheMirror() {
        SignedRoot forged = SignedTestRecords.sign(SignedTestRecords.rotated(v1, 2, false),
                SignedTestRecords.trustees().get(2));

        assertThatThrownBy(() -> start(forged, stored(v1, "file", null)))
                .hasMessageContaining("herd.mirror.trust.root-file /etc/herd/root.json")
                .hasMessageContaining("threshold_not_met");
    }

    @Test
    void aFileThatIsNotARootOrOfAnotherOriginStopsTheMirrorNamingTheProperty() {
        assertThatThrownBy(() -> MirrorTrust.start(ORIGIN, "{}".getBytes(StandardCharsets.UTF_8), "/r.json", List.of(),
                NOW, WARN)).hasMessageContaining("herd.mirror.trust.root-file /r.json").hasMessageContaining("malformed");
        assertThatThrownBy(() -> start(SignedTestRecords.rootV1("elsewhere")))
                .hasMessageContaining("trust root of origin 'elsewhere', but herd.mirror.origin is 'site'");
        assertThatThrownBy(() -> start(SignedTestRecords.sign(SignedRoot.unsigned(v1.root()),
                SignedTestRecords.trustees().get(0)))).hasMessageContaining("threshold_not_met");
    }

    @Test
    void theNextVersionFromTheTopicIsAcceptedOnceStored() {
        MirrorTrust trust = start(v1).trust();

        MirrorTrust.Offer offer = trust.offer(v2.toFileBytes(), TOPIC, 0, 3, NOW);

        assertThat(offer.outcome()).isEqualTo(MirrorTrust.OfferOutcome.ACCEPTED);
        assertThat(trust.version()).as("not before it is stored").isEqualTo(1);
        trust.accept(offer);
        assertThat(trust.version()).isEqualTo(2);
        assertThat(offer.stored().offset()).isEqualTo(3);
    }

    @Test
    void theCurrentRootAgainAndHistoryReadAgainWhereItWasAreNothing() {
        MirrorTrust trust = start(v1).trust();
        assertThat(trust.offer(v1.toFileBytes(), TOPIC, 0, 0, NOW).outcome()).isEqualTo(MirrorTrust.OfferOutcome.KNOWN);
        trust.accept(trust.offer(v2.toFileBytes(), TOPIC, 0, 1, NOW));
        trust.accept(trust.offer(v3.toFileBytes(), TOPIC, 0, 2, NOW));

        // A new consumer group reads the topic from its start, where version 1 was published too.
        assertThat(trust.offer(v1.toFileBytes(), TOPIC, 0, 0, NOW).outcome()).isEqualTo(MirrorTrust.OfferOutcome.KNOWN);
        assertThat(trust.offer(v2.toFileBytes(), TOPIC, 0, 1, NOW).outcome()).isEqualTo(MirrorTrust.OfferOutcome.KNOWN);
        assertThat(trust.offer(v3.toFileBytes(), TOPIC, 0, 7, NOW).outcome()).isEqualTo(MirrorTrust.OfferOutcome.KNOWN);
    }

    @Test
    void anOlderRootPublishedAgainIsARollback() {
        MirrorTrust trust = start(v1).trust();
        trust.accept(trust.offer(v2.toFileBytes(), TOPIC, 0, 1, NOW));

        MirrorTrust.Offer again = trust.offer(v1.toFileBytes(), TOPIC, 0, 2, NOW);

        assertThat(again.outcome()).isEqualTo(MirrorTrust.OfferOutcome.REFUSED);
        assertThat(again.failure()).isEqualTo(RootFailure.ROLLBACK);
        assertThat(trust.version()).isEqualTo(2);
    }

    @Test
    void rootsBeforeThePinnedOneArePassedOver() {
        MirrorTrust trust = start(v2).trust();

        assertThat(trust.offer(v1.toFileBytes(), TOPIC, 0, 0, NOW).outcome())
                .isEqualTo(MirrorTrust.OfferOutcome.PREDATES);
    }

    @Test
    void refusalsCarryTheRootsFailure() {
        MirrorTrust trust = start(v1).trust();

        assertThat(trust.offer(v3.toFileBytes(), TOPIC, 0, 0, NOW).failure()).isEqualTo(RootFailure.VERSION_GAP);
        assertThat(trust.offer(SignedTestRecords.sign(SignedTestRecords.rotated(v1, 2, false),
                SignedTestRecords.trustees().get(0)).toFileBytes(), TOPIC, 0, 1, NOW).failure())
                .isEqualTo(RootFailure.THRESHOLD_NOT_MET);
        assertThat(trust.offer("not a root".getBytes(StandardCharsets.UTF_8), TOPIC, 0, 2, NOW).failure())
                .isEqualTo(RootFailure.MALFORMED);
        assertThat(trust.offer(SignedTestRecords.rootV1("elsewhere").toFileBytes(), TOPIC, 0, 3, NOW).outcome())
                .isEqualTo(MirrorTrust.OfferOutcome.REFUSED);
        assertThat(trust.version()).isEqualTo(1);
    }

    @Test
    void expiryIsWarnedOfBeforeAndAfterButTheRootStays() {
        SignedRoot soon = SignedTestRecords.rootV1(ORIGIN, NOW.plus(Duration.ofDays(10)));
        MirrorTrust trust = start(soon).trust();

        assertThat(trust.expiryWarning(NOW.minus(Duration.ofDays(30)))).isNull();
        assertThat(trust.expiryWarning(NOW)).contains("expires at " + NOW.plus(Duration.ofDays(10)))
                .contains("in 10 days");
        assertThat(trust.expiryWarning(NOW.plus(Duration.ofDays(11)))).contains("EXPIRED")
                .contains("verifying against it");

        SignedRoot expired = SignedTestRecords.rootV1(ORIGIN, Instant.parse("2020-01-01T00:00:00Z"));
        MirrorTrust.Start s = start(expired);
        assertThat(s.trust().verifying()).isTrue();
        assertThat(s.trust().state().expired()).isTrue();
    }

    @Test
    void aQuarantineReplayVerifiesAgainstTheNewestStoredRoot() {
        MirrorTrust trust = MirrorTrust.stored(ORIGIN, List.of(stored(v2, "topic", 1L), stored(v1, "file", null)), NOW);

        assertThat(trust.version()).isEqualTo(2);
        assertThatThrownBy(() -> MirrorTrust.stored(ORIGIN, List.of(), NOW)).hasMessageContaining("herd.trust_root");
    }
}
