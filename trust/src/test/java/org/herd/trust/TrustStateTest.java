package org.herd.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustStateTest {

    private final List<Ed25519KeyPair> t = TestKeys.trustees();

    @Test
    void versionOneSignedByItsThresholdIsPinned() {
        RootUpdate update = TrustState.pin(TestKeys.signedBy(TestKeys.rootV1(), t.get(0), t.get(2)), TestKeys.NOW);

        assertThat(update.accepted()).as(update.toString()).isTrue();
        assertThat(update.state().root()).isEqualTo(TestKeys.rootV1());
        assertThat(update.state().expired()).isFalse();
        assertThat(update.state().expiresIn()).isEqualTo(Duration.between(TestKeys.NOW, TestKeys.EXPIRES));
    }

    @Test
    void aRootSignedByOneTrusteeTooFewIsRefusedSayingHowMany() {
        RootUpdate update = TrustState.pin(TestKeys.signedBy(TestKeys.rootV1(), t.get(1)), TestKeys.NOW);

        assertThat(update.failure()).isEqualTo(RootFailure.THRESHOLD_NOT_MET);
        assertThat(update.state()).isNull();
        assertThat(update.detail()).contains("1 valid signature of the 2 needed from the trustees of version 1");
    }

    @Test
    void oneTrusteeSigningTwiceCountsOnce() {
        SignedRoot once = TestKeys.signedBy(TestKeys.rootV1(), t.get(0));
        RootSignature sig = once.signatures().get(0);
        SignedRoot twice = once.withSignatures(List.of(sig, sig));
        assertThat(twice.signatures()).hasSize(2);

        RootUpdate update = TrustState.pin(twice, TestKeys.NOW);

        assertThat(update.failure()).isEqualTo(RootFailure.THRESHOLD_NOT_MET);
        assertThat(update.detail()).contains("1 valid signature of the 2");
    }

    @Test
    void signaturesByKeysThatAreNotTrusteesAreIgnored() {
        Ed25519KeyPair stranger = TestKeys.key("not a trustee");
        RootUpdate update = TrustState.pin(TestKeys.signedBy(TestKeys.rootV1(), t.get(0), stranger), TestKeys.NOW);

        assertThat(update.failure()).isEqualTo(RootFailure.THRESHOLD_NOT_MET);
        assertThat(update.detail()).contains("1 valid signature").doesNotContain(stranger.keyId().shortForm());
        assertThat(TrustState.pin(TestKeys.signedBy(TestKeys.rootV1(), t.get(0), stranger, t.get(1)), TestKeys.NOW)
                .accepted()).isTrue();
    }

    @Test
    void aRootAlteredAfterSigningHasABadSignature() throws Exception {
        SignedRoot signed = TestKeys.signedBy(TestKeys.rootV1(), t.get(0), t.get(1));
        String file = new String(signed.toFileBytes(), StandardCharsets.UTF_8);
        String altered = file.replace("\"threshold\": 2", "\"threshold\": 1");
        assertThat(altered).isNotEqualTo(file);

        RootUpdate update = TrustState.pin(altered.getBytes(StandardCharsets.UTF_8), TestKeys.NOW);

        assertThat(update.failure()).isEqualTo(RootFailure.BAD_SIGNATURE);
        assertThat(update.detail()).contains("0 valid signatures of the 1 needed").contains("not valid: ");
    }

    @Test
    void theNextVersionNeedsThePreviousTrusteesAndItsOwn() {
        TrustState v1 = pinnedV1();
        // v2 replaces trustees 1 and 2 by two new ones, threshold 2 of {3, new1, new2}.
        Ed25519KeyPair new1 = TestKeys.key("new trustee 1");
        Ed25519KeyPair new2 = TestKeys.key("new trustee 2");
        TrustRoot v2 = RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES, List.of(
                new RootChange.RemoveTrustee(t.get(0).keyId()), new RootChange.RemoveTrustee(t.get(1).keyId()),
                new RootChange.AddTrustee(new1.publicKey(), "new one"),
                new RootChange.AddTrustee(new2.publicKey(), "new two")));

        RootUpdate onlyNew = v1.offer(TestKeys.signedBy(v2, new1, new2), TestKeys.NOW);
        assertThat(onlyNew.failure()).isEqualTo(RootFailure.THRESHOLD_NOT_MET);
        assertThat(onlyNew.detail()).contains("0 valid signatures of the 2 needed from the trustees of version 1");
        assertThat(onlyNew.state().root().version()).isEqualTo(1);

        RootUpdate onlyOld = v1.offer(TestKeys.signedBy(v2, t.get(0), t.get(1)), TestKeys.NOW);
        assertThat(onlyOld.failure()).isEqualTo(RootFailure.THRESHOLD_NOT_MET);
        assertThat(onlyOld.detail()).contains("0 valid signatures of the 2 needed from the trustees of version 2 itself");

        RootUpdate both = v1.offer(TestKeys.signedBy(v2, t.get(0), t.get(2), new1), TestKeys.NOW);
        assertThat(both.accepted()).as(both.toString()).isTrue();
        assertThat(both.state().root()).isEqualTo(v2);
    }

    @Test
    void anOlderOrEqualVersionOfferedLaterIsARollback() {
        TrustState v1 = pinnedV1();
        SignedRoot v2 = TestKeys.signedBy(rotated(), t.get(0), t.get(1));
        TrustState atV2 = v1.offer(v2, TestKeys.NOW).state();

        RootUpdate older = atV2.offer(TestKeys.signedBy(TestKeys.rootV1(), t.get(0), t.get(1)), TestKeys.NOW);
        RootUpdate same = atV2.offer(v2, TestKeys.NOW);

        assertThat(older.failure()).isEqualTo(RootFailure.ROLLBACK);
        assertThat(older.detail()).contains("version 1 is not newer than the trusted version 2");
        assertThat(same.failure()).isEqualTo(RootFailure.ROLLBACK);
        assertThat(same.detail()).endsWith("(it is the trusted root again)");
        assertThat(same.state().root().version()).isEqualTo(2);
        TrustRoot otherV2 = RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES, List.of(new RootChange.SetThreshold(3)));
        assertThat(atV2.offer(TestKeys.signedBy(otherV2, t.get(0), t.get(1), t.get(2)), TestKeys.NOW).detail())
                .endsWith("(and differs from the trusted root of that version)");
    }

    @Test
    void aVersionMoreThanOneAheadIsAGap() {
        TrustRoot v2 = rotated();
        TrustRoot v3 = RootCeremony.propose(v2, TestKeys.EXPIRES, List.of(new RootChange.SetThreshold(3)));

        RootUpdate update = pinnedV1().offer(TestKeys.signedBy(v3, t.get(0), t.get(1), t.get(2)), TestKeys.NOW);

        assertThat(update.failure()).isEqualTo(RootFailure.VERSION_GAP);
        assertThat(update.detail()).contains("version 2 must come first");
        RootUpdate walked = pinnedV1().offerAll(List.of(TestKeys.signedBy(v2, t.get(0), t.get(1)),
                TestKeys.signedBy(v3, t.get(0), t.get(1), t.get(2))), TestKeys.NOW);
        assertThat(walked.accepted()).as(walked.toString()).isTrue();
        assertThat(walked.state().root().version()).isEqualTo(3);
    }

    @Test
    void anotherOriginIsRefused() {
        TrustRoot other = new TrustRoot("site-2", 2, TestKeys.EXPIRES, 2, TestKeys.trusteeList(),
                TestKeys.rootV1().originKeys());

        RootUpdate update = pinnedV1().offer(TestKeys.signedBy(other, t.get(0), t.get(1)), TestKeys.NOW);

        assertThat(update.failure()).isEqualTo(RootFailure.ORIGIN_CHANGED);
        assertThat(update.detail()).contains("'site-2'").contains("'site-1'");
    }

    @Test
    void anExpiredRootStaysCurrentAndSaysSo() {
        Instant later = TestKeys.EXPIRES.plus(Duration.ofDays(3));
        RootUpdate update = TrustState.pin(TestKeys.signedBy(TestKeys.rootV1(), t.get(0), t.get(1)), later);

        assertThat(update.accepted()).isTrue();
        assertThat(update.state().expired()).isTrue();
        assertThat(update.state().expiresIn()).isEqualTo(Duration.ofDays(-3));
        assertThat(update.detail()).contains("EXPIRED 259200 s ago");
        assertThat(update.state().toString()).contains("EXPIRED");
        assertThat(pinnedV1().at(TestKeys.EXPIRES).expired()).isTrue();
        assertThat(pinnedV1().at(TestKeys.EXPIRES.minusSeconds(1)).expired()).isFalse();

        // Mirrors keep verifying against it.
        OriginSigner signer = OriginSigner.forRoot(new Signer(TestKeys.origin1()), update.state().root());
        byte[] key = "{\"tag_id\":1}".getBytes(StandardCharsets.UTF_8);
        String value = "{\"origin\":\"site-1\",\"entity\":\"tag\",\"op\":\"delete\",\"position\":{\"epoch\":1,"
                + "\"file\":\"mysql-bin.000001\",\"pos\":4,\"event\":0,\"row\":0}}";
        SignedRecord signed = signer.signRecord("tag", key, RecordOp.DELETE, new BinlogPosition("mysql-bin.000001", 4, 0, 0),
                value.getBytes(StandardCharsets.UTF_8));
        assertThat(OriginVerifier.of(update.state()).verifyRecord(key, value.getBytes(StandardCharsets.UTF_8),
                signed.headers()).verified()).isTrue();
    }

    @Test
    void originKeysAreNeverDroppedReEpochedOrUnrevoked() {
        TrustState v1 = pinnedV1();
        OriginKey old = TestKeys.rootV1().originKeys().get(0);
        OriginKey fresh = new OriginKey(TestKeys.origin2().publicKey(), 2, OriginKey.Status.ACTIVE);

        assertKeyChangeRefused(v1, List.of(fresh), "is dropped");
        assertKeyChangeRefused(v1, List.of(new OriginKey(old.publicKey(), 5, OriginKey.Status.ACTIVE)),
                "changes epoch from 1 to 5");

        TrustRoot v2 = RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES,
                List.of(new RootChange.RotateOriginKey(TestKeys.origin2().publicKey(), true)));
        TrustState atV2 = v1.offer(TestKeys.signedBy(v2, t.get(0), t.get(1)), TestKeys.NOW).state();
        TrustRoot unrevoked = new TrustRoot("site-1", 3, TestKeys.EXPIRES, 2, TestKeys.trusteeList(),
                List.of(old, v2.originKeys().get(1)));
        RootUpdate update = atV2.offer(TestKeys.signedBy(unrevoked, t.get(0), t.get(1)), TestKeys.NOW);
        assertThat(update.failure()).isEqualTo(RootFailure.INVALID_KEY_CHANGE);
        assertThat(update.detail()).contains("was revoked and is active again");


        // Epochs of new keys go above every earlier one, even where a gap was left.
        OriginKey third = new OriginKey(TestKeys.key("origin key epoch 3").publicKey(), 3, OriginKey.Status.ACTIVE);
        TrustRoot gapped = new TrustRoot("site-1", 1, TestKeys.EXPIRES, 2, TestKeys.trusteeList(), List.of(old, third));
        TrustState atGapped = TrustState.pin(TestKeys.signedBy(gapped, t.get(0), t.get(1)), TestKeys.NOW).state();
        TrustRoot backfilled = new TrustRoot("site-1", 2, TestKeys.EXPIRES, 2, TestKeys.trusteeList(),
                List.of(old, third, fresh));
        RootUpdate backfill = atGapped.offer(TestKeys.signedBy(backfilled, t.get(0), t.get(1)), TestKeys.NOW);
        assertThat(backfill.failure()).isEqualTo(RootFailure.INVALID_KEY_CHANGE);
        assertThat(backfill.detail()).contains("has epoch 2, not above the highest earlier epoch 3");
    }

    @Test
    void unreadableRootFilesAreMalformed() {
        RootUpdate notJson = TrustState.pin("{".getBytes(StandardCharsets.UTF_8), TestKeys.NOW);
        assertThat(notJson.failure()).isEqualTo(RootFailure.MALFORMED);
        assertThat(notJson.detail()).contains("trust root: not valid JSON");

        SignedRoot signed = TestKeys.signedBy(TestKeys.rootV1(), t.get(0), t.get(1));
        String file = new String(signed.toFileBytes(), StandardCharsets.UTF_8);
        RootUpdate noExpiry = pinnedV1().offer(file.replace("\"expires\"", "\"expiry\"")
                .getBytes(StandardCharsets.UTF_8), TestKeys.NOW);
        assertThat(noExpiry.failure()).isEqualTo(RootFailure.MALFORMED);
        assertThat(noExpiry.detail()).contains("missing member signed.expires");
        assertThat(noExpiry.state().root().version()).isEqualTo(1);
    }

    @Test
    void membersOfSignedThisVersionDoesNotKnowAreCoveredBySignatures() {
        ObjectNode signed = TestKeys.rootV1().toJson();
        signed.put("successor_hint", "https://example.org");
        SignedRoot withExtra = SignedRoot.parse(file(signed));
        SignedRoot signedExtra = TestKeys.signedBy(withExtra.root(), t.get(0), t.get(1));
        // Signatures over the root without the member do not cover the root with it.
        SignedRoot mixed = withExtra.withSignatures(signedExtra.signatures());

        assertThat(TrustState.pin(mixed, TestKeys.NOW).failure()).isEqualTo(RootFailure.BAD_SIGNATURE);
        SignedRoot properlySigned = RootCeremony.sign(RootCeremony.sign(withExtra, t.get(0)), t.get(1));
        RootUpdate update = TrustState.pin(SignedRoot.parse(properlySigned.toFileBytes()), TestKeys.NOW);
        assertThat(update.accepted()).as(update.toString()).isTrue();
        assertThat(new String(update.state().current().canonicalSigned(), StandardCharsets.UTF_8))
                .contains("\"successor_hint\":\"https://example.org\"");
    }

    private void assertKeyChangeRefused(TrustState v1, List<OriginKey> keys, String detail) {
        TrustRoot v2 = new TrustRoot("site-1", 2, TestKeys.EXPIRES, 2, TestKeys.trusteeList(), keys);
        RootUpdate update = v1.offer(TestKeys.signedBy(v2, t.get(0), t.get(1)), TestKeys.NOW);
        assertThat(update.failure()).as(update.toString()).isEqualTo(RootFailure.INVALID_KEY_CHANGE);
        assertThat(update.detail()).contains(detail);
    }

    private static byte[] file(ObjectNode signed) {
        ObjectNode doc = CanonicalJson.object();
        doc.set("signed", signed);
        doc.putArray("signatures");
        return CanonicalJson.encode(doc);
    }

    private TrustState pinnedV1() {
        RootUpdate update = TrustState.pin(TestKeys.signedBy(TestKeys.rootV1(), t.get(0), t.get(1)), TestKeys.NOW);
        assertThat(update.accepted()).isTrue();
        return update.state();
    }

    private static TrustRoot rotated() {
        return RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES,
                List.of(new RootChange.RotateOriginKey(TestKeys.origin2().publicKey(), false)));
    }
}
