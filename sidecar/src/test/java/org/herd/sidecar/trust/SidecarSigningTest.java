package org.herd.sidecar.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.config.SourceConnector;
import org.herd.sidecar.config.VariantSetting;
import org.herd.testkit.TestTrust;
import org.herd.translator.UserPolicy;
import org.herd.trust.PrivateKeyFile;
import org.herd.trust.RootCeremony;
import org.herd.trust.RootChange;
import org.herd.trust.SignedRoot;
import org.herd.trust.TrustRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up refuses a key and root mirrors would not accept, naming the property, the key and the origin. */
class SidecarSigningTest {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    private static SidecarProperties properties(String origin, Path key, Path root, boolean unsigned) {
        return new SidecarProperties(origin, VariantSetting.WHATCD,
                new SidecarProperties.Source(SourceConnector.MARIADB, "db", 3306, "gazelle", "herd", "pw", 7),
                new SidecarProperties.Kafka("k:9092", null, 3, (short) -1, Map.of()),
                new SidecarProperties.Privacy(UserPolicy.NONE, null, false, false), Map.of(), Duration.ofSeconds(1),
                List.of(), SidecarProperties.LostHistoryAction.RESNAPSHOT,
                new SidecarProperties.Trust(key, root, Duration.ofSeconds(5), 512, unsigned),
                SidecarProperties.InitialSnapshotReader.SIDECAR);
    }

    /** The test kit's files of origin unit at {@code epoch}. */
    private static SidecarProperties testKit(String origin, int epoch) {
        List<String> p = TestTrust.sidecarProperties("unit", epoch);
        return properties(origin, Path.of(p.get(0).substring(p.get(0).indexOf('=') + 1)),
                Path.of(p.get(1).substring(p.get(1).indexOf('=') + 1)), false);
    }

    private Path rootFile(SignedRoot root) throws Exception {
        Path file = dir.resolve("root-" + System.nanoTime() + ".json");
        Files.write(file, root.toFileBytes());
        return file;
    }

    private Path keyFile(int epoch) throws Exception {
        Path file = dir.resolve("origin-" + epoch + "-" + System.nanoTime() + ".key");
        PrivateKeyFile.write(file, TestTrust.originKey(epoch));
        return file;
    }

    @Test
    void theKeysEpochInTheRootIsTheSidecarsEpoch() {
        SidecarSigning first = SidecarSigning.load(testKit("unit", 1), NOW);
        SidecarSigning second = SidecarSigning.load(testKit("unit", 2), NOW);

        assertThat(first.signs()).isTrue();
        assertThat(first.epoch()).isEqualTo(1);
        assertThat(first.keyId()).contains(TestTrust.originKey(1).keyId());
        assertThat(first.batchSize()).isEqualTo(512);
        assertThat(second.epoch()).isEqualTo(2);
        assertThat(second.root().orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void aRootOfAnotherOriginIsRefused() {
        assertThatThrownBy(() -> SidecarSigning.load(testKit("other-site", 1), NOW))
                .hasMessageContaining("herd.sidecar.trust.root-file")
                .hasMessageContaining("is the trust root of origin 'unit', but herd.sidecar.origin is 'other-site'");
    }

    @Test
    void aKeyTheRootDoesNotListIsRefusedNamingKeyIdAndOrigin() throws Exception {
        SidecarProperties p = properties("unit", keyFile(2), rootFile(TestTrust.root("unit", 1)), false);

        assertThatThrownBy(() -> SidecarSigning.load(p, NOW))
                .hasMessageContaining("key id " + TestTrust.originKey(2).keyId())
                .hasMessageContaining("is not an origin key of origin 'unit' in trust root v1");
    }

    @Test
    void aRevokedKeyIsRefused() throws Exception {
        TrustRoot v2 = RootCeremony.propose(TestTrust.root("unit", 1).root(), TestTrust.EXPIRES,
                List.of(new RootChange.RotateOriginKey(TestTrust.originKey(2).publicKey(), true)));
        SignedRoot signed = RootCeremony.sign(RootCeremony.sign(SignedRoot.unsigned(v2), TestTrust.trustee(1)),
                TestTrust.trustee(3));
        SidecarProperties p = properties("unit", keyFile(1), rootFile(signed), false);

        assertThatThrownBy(() -> SidecarSigning.load(p, NOW))
                .hasMessageContaining("key id " + TestTrust.originKey(1).keyId() + ", epoch 1) is revoked for origin 'unit'");
    }

    @Test
    void aRootWithoutItsThresholdOfSignaturesIsRefused() throws Exception {
        SignedRoot once = RootCeremony.sign(SignedRoot.unsigned(TestTrust.root("unit", 1).root()), TestTrust.trustee(1));
        SidecarProperties p = properties("unit", keyFile(1), rootFile(once), false);

        assertThatThrownBy(() -> SidecarSigning.load(p, NOW))
                .hasMessageContaining("herd.sidecar.trust.root-file")
                .hasMessageContaining("no trust root mirrors would accept (threshold_not_met)");
    }

    @Test
    void aKeyFileOthersMayReadIsRefusedAndAMissingOneExplained() throws Exception {
        Path key = keyFile(1);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        SidecarProperties readable = properties("unit", key, rootFile(TestTrust.root("unit", 1)), false);
        SidecarProperties missing = properties("unit", dir.resolve("none.key"), rootFile(TestTrust.root("unit", 1)),
                false);

        assertThatThrownBy(() -> SidecarSigning.load(readable, NOW))
                .hasMessageContaining("herd.sidecar.trust.key-file")
                .hasMessageContaining("rw-r--r--").hasMessageContaining(key.toString());
        assertThatThrownBy(() -> SidecarSigning.load(missing, NOW))
                .hasMessageContaining("herd.sidecar.trust.key-file " + dir.resolve("none.key") + " does not exist")
                .hasMessageContaining("herd keys --out");
    }

    @Test
    void unsignedMeansEpochZeroAndRecordsAsTheyAre() {
        SidecarSigning unsigned = SidecarSigning.load(properties("unit", null, null, true), NOW);

        assertThat(unsigned.signs()).isFalse();
        assertThat(unsigned.epoch()).isZero();
        assertThat(unsigned.keyId()).isEmpty();
        assertThat(unsigned.sign(List.of())).isEmpty();
    }
}
