package org.herd.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootCeremonyTest {

    private final List<Ed25519KeyPair> t = TestKeys.trustees();

    @Test
    void versionOneHasTheOriginKeyAtEpochOne() {
        TrustRoot v1 = RootCeremony.create("site-1", TestKeys.trusteeList(), 2, TestKeys.origin1().publicKey(),
                Instant.parse("2030-01-01T00:00:00.750Z"));

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.expires()).isEqualTo(TestKeys.EXPIRES);
        assertThat(v1.originKeys()).containsExactly(
                new OriginKey(TestKeys.origin1().publicKey(), 1, OriginKey.Status.ACTIVE));
        assertThat(v1.threshold()).isEqualTo(2);
        assertThatThrownBy(() -> RootCeremony.create("site-1", TestKeys.trusteeList(), 4,
                TestKeys.origin1().publicKey(), TestKeys.EXPIRES)).hasMessageContaining("threshold 4");
    }

    @Test
    void rotatingAddsAKeyOneEpochUpAndKeepsOrRevokesTheOld() {
        TrustRoot kept = RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES,
                List.of(new RootChange.RotateOriginKey(TestKeys.origin2().publicKey(), false)));
        TrustRoot revoked = RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES,
                List.of(new RootChange.RotateOriginKey(TestKeys.origin2().publicKey(), true)));

        assertThat(kept.version()).isEqualTo(2);
        assertThat(kept.originKeys()).extracting(OriginKey::epoch, OriginKey::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, OriginKey.Status.ACTIVE),
                org.assertj.core.groups.Tuple.tuple(2L, OriginKey.Status.ACTIVE));
        assertThat(revoked.originKeys()).extracting(OriginKey::epoch, OriginKey::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, OriginKey.Status.REVOKED),
                org.assertj.core.groups.Tuple.tuple(2L, OriginKey.Status.ACTIVE));

        TrustRoot third = RootCeremony.propose(kept, TestKeys.EXPIRES,
                List.of(new RootChange.RotateOriginKey(TestKeys.key("third origin key").publicKey(), true)));
        assertThat(third.originKeys()).extracting(OriginKey::epoch).containsExactly(1L, 2L, 3L);
        assertThat(third.activeKeys()).extracting(OriginKey::epoch).containsExactly(3L);
    }

    @Test
    void trusteesAndThresholdChange() {
        Ed25519KeyPair fourth = TestKeys.key("trustee 4");
        TrustRoot v2 = RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES, List.of(
                new RootChange.AddTrustee(fourth.publicKey(), "four"),
                new RootChange.RemoveTrustee(t.get(1).keyId()),
                new RootChange.SetThreshold(3),
                new RootChange.RevokeOriginKey(TestKeys.origin1().keyId())));

        assertThat(v2.trustees()).extracting(Trustee::id)
                .containsExactly(t.get(0).keyId(), t.get(2).keyId(), fourth.keyId());
        assertThat(v2.threshold()).isEqualTo(3);
        assertThat(v2.activeKeys()).isEmpty();

        assertThatThrownBy(() -> RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES, List.of(
                new RootChange.RemoveTrustee(t.get(0).keyId()), new RootChange.RemoveTrustee(t.get(1).keyId()))))
                .isInstanceOf(TrustFormatException.class)
                .hasMessageContaining("threshold 2 must be from 1 to the number of trustees, 1");
        assertThatThrownBy(() -> RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES, List.of(
                new RootChange.RemoveTrustee(TestKeys.origin2().keyId()))))
                .hasMessageContaining("is not a trustee of version 1");
        assertThatThrownBy(() -> RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES, List.of(
                new RootChange.RevokeOriginKey(TestKeys.origin2().keyId()))))
                .hasMessageContaining("is not an origin key of version 1");
        assertThatThrownBy(() -> RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES, List.of(
                new RootChange.RotateOriginKey(t.get(0).publicKey(), false))))
                .hasMessageContaining("both a trustee and an origin key");
    }

    @Test
    void signaturesMadeApartAreMergedAndAcceptedByMirrors() {
        TrustRoot v2 = RootCeremony.propose(TestKeys.rootV1(), TestKeys.EXPIRES,
                List.of(new RootChange.RotateOriginKey(TestKeys.origin2().publicKey(), false)));
        byte[] proposal = SignedRoot.unsigned(v2).toFileBytes();

        // Each trustee signs their own copy of the proposal file, offline.
        SignedRoot byOne = RootCeremony.sign(SignedRoot.parse(proposal), t.get(0));
        SignedRoot byThree = RootCeremony.sign(SignedRoot.parse(proposal), t.get(2));
        SignedRoot merged = RootCeremony.merge(SignedRoot.parse(byOne.toFileBytes()),
                SignedRoot.parse(byThree.toFileBytes()));

        assertThat(merged.signatures()).extracting(RootSignature::keyId)
                .containsExactlyInAnyOrder(t.get(0).keyId(), t.get(2).keyId());
        assertThat(RootCeremony.merge(merged, byOne).signatures()).hasSize(2);
        TrustState v1 = TrustState.pin(TestKeys.signedBy(TestKeys.rootV1(), t.get(0), t.get(1)), TestKeys.NOW).state();
        RootUpdate update = v1.offer(SignedRoot.parse(merged.toFileBytes()), TestKeys.NOW);
        assertThat(update.accepted()).as(update.toString()).isTrue();
        assertThat(update.state().root().activeKeys()).hasSize(2);
    }

    @Test
    void signingAgainWithOneKeyReplacesItsSignature() {
        SignedRoot once = RootCeremony.sign(SignedRoot.unsigned(TestKeys.rootV1()), t.get(0));

        assertThat(RootCeremony.sign(once, t.get(0)).signatures()).isEqualTo(once.signatures());
    }

    @Test
    void differentProposalsOrConflictingSignaturesDoNotMerge() {
        SignedRoot a = RootCeremony.sign(SignedRoot.unsigned(TestKeys.rootV1()), t.get(0));
        TrustRoot other = RootCeremony.create("site-1", TestKeys.trusteeList(), 3, TestKeys.origin1().publicKey(),
                TestKeys.EXPIRES);
        SignedRoot b = RootCeremony.sign(SignedRoot.unsigned(other), t.get(1));

        assertThatThrownBy(() -> RootCeremony.merge(a, b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different roots").hasMessageContaining("differ in content");

        byte[] forged = a.signatures().get(0).signature().clone();
        forged[0] ^= 1;
        SignedRoot conflicting = SignedRoot.unsigned(TestKeys.rootV1())
                .withSignature(new RootSignature(t.get(0).keyId(), forged));
        assertThatThrownBy(() -> RootCeremony.merge(a, conflicting))
                .hasMessageContaining("twice with different signatures");
    }

    @Test
    void describeChainListsVersionsChangesAndSignatures() {
        SignedRoot v1 = TestKeys.signedBy(TestKeys.rootV1(), t.get(0), t.get(1));
        TrustRoot v2Root = RootCeremony.propose(TestKeys.rootV1(), Instant.parse("2031-01-01T00:00:00Z"), List.of(
                new RootChange.RotateOriginKey(TestKeys.origin2().publicKey(), true),
                new RootChange.RemoveTrustee(t.get(1).keyId()),
                new RootChange.SetThreshold(1)));
        SignedRoot v2 = TestKeys.signedBy(v2Root, t.get(1), t.get(2), TestKeys.key("stranger"));

        String text = RootCeremony.describeChain(List.of(v1, v2));

        assertThat(text).contains("version 1 of origin site-1, expires 2030-01-01T00:00:00Z")
                .contains("trustees: 2 of 3 must sign the next version")
                .contains("epoch 1  active  " + TestKeys.origin1().keyId())
                .contains("version 2 of origin site-1, expires 2031-01-01T00:00:00Z")
                .contains("epoch 1  revoked  " + TestKeys.origin1().keyId())
                .contains("origin key " + TestKeys.origin2().keyId().shortForm() + " added at epoch 2 (active)")
                .contains("(epoch 1) active -> revoked")
                .contains("trustee trustee two (" + t.get(1).keyId().shortForm() + ") removed")
                .contains("threshold 2 -> 1")
                .contains("expiry 2030-01-01T00:00:00Z -> 2031-01-01T00:00:00Z")
                .contains(t.get(1).keyId().shortForm() + "  valid, trustee of the previous version, trustee two")
                .contains(t.get(2).keyId().shortForm() + "  valid, trustee of both versions")
                .contains(TestKeys.key("stranger").keyId().shortForm() + "  not a trustee of this or the previous version");
        assertThat(RootCeremony.describeChain(List.of(SignedRoot.unsigned(TestKeys.rootV1())))).contains("    none\n");
        assertThat(new String(v2.toFileBytes(), StandardCharsets.UTF_8)).doesNotContain("PRIVATE");
    }
}
