package org.herd.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustRootTest {

    private final List<Ed25519KeyPair> t = TestKeys.trustees();

    @Test
    void aRootFileReadsBackToTheSameRootAndSignatures() {
        SignedRoot signed = TestKeys.signedBy(TestKeys.rootV1(), t.get(2), t.get(0));

        SignedRoot read = SignedRoot.parse(signed.toFileBytes());

        assertThat(read.root()).isEqualTo(TestKeys.rootV1());
        assertThat(read.sameContent(signed)).isTrue();
        assertThat(read.signatures()).isEqualTo(signed.signatures());
        assertThat(read.signatures()).extracting(s -> s.keyId().hex()).isSorted();
        assertThat(read.toFileBytes()).isEqualTo(signed.toFileBytes());
    }

    @Test
    void theSignedPartIsTheDocumentedJson() {
        TrustRoot root = TestKeys.rootV1();
        Trustee one = root.trustees().get(0);
        OriginKey key = root.originKeys().get(0);

        String canonical = new String(root.canonicalBytes(), StandardCharsets.UTF_8);

        assertThat(canonical).startsWith("{\"expires\":\"2030-01-01T00:00:00Z\",\"origin\":\"site-1\",\"origin_keys\":[{"
                + "\"epoch\":1,\"id\":\"" + key.id() + "\",\"public_key\":\"" + key.publicKey().base64()
                + "\",\"status\":\"active\"}],\"spec\":1,\"trustees\":{\"keys\":[{\"id\":\"" + one.id()
                + "\",\"name\":\"trustee one\",\"public_key\":\"" + one.publicKey().base64() + "\"},");
        assertThat(canonical).endsWith("],\"threshold\":2},\"type\":\"herd-trust-root\",\"version\":1}");
        // The third trustee has no name, and no name member.
        assertThat(canonical).containsOnlyOnce("\"name\":\"trustee two\"").containsOnlyOnce("\"name\":\"trustee one\"");
    }

    @Test
    void rootsThatBreakTheirOwnRulesAreRefusedNamingTheRule() {
        List<Trustee> trustees = TestKeys.trusteeList();
        List<OriginKey> keys = TestKeys.rootV1().originKeys();
        Instant expires = TestKeys.EXPIRES;

        assertThatThrownBy(() -> new TrustRoot("site-1", 1, expires, 4, trustees, keys))
                .isInstanceOf(TrustFormatException.class)
                .hasMessageContaining("threshold 4 must be from 1 to the number of trustees, 3");
        assertThatThrownBy(() -> new TrustRoot("site-1", 1, expires, 0, trustees, keys))
                .hasMessageContaining("threshold 0");
        assertThatThrownBy(() -> new TrustRoot("site-1", 1, expires, 1,
                List.of(trustees.get(0), new Trustee(trustees.get(0).publicKey(), "again")), keys))
                .hasMessageContaining("is listed twice");
        assertThatThrownBy(() -> new TrustRoot("site-1", 1, expires, 1, trustees,
                List.of(new OriginKey(trustees.get(1).publicKey(), 1, OriginKey.Status.ACTIVE))))
                .hasMessageContaining("both a trustee and an origin key");
        assertThatThrownBy(() -> new TrustRoot("site-1", 1, expires, 1, trustees, List.of(keys.get(0),
                new OriginKey(TestKeys.origin2().publicKey(), 1, OriginKey.Status.REVOKED))))
                .hasMessageContaining("two origin keys have epoch 1");
        assertThatThrownBy(() -> new TrustRoot("Site 1", 1, expires, 1, trustees, keys))
                .hasMessageContaining("origin id");
        assertThatThrownBy(() -> new TrustRoot("site-1", 0, expires, 1, trustees, keys))
                .hasMessageContaining("version must be 1 or more");
        assertThatThrownBy(() -> new TrustRoot("site-1", 1, expires.plusMillis(5), 1, trustees, keys))
                .hasMessageContaining("whole second");
        assertThatThrownBy(() -> new OriginKey(TestKeys.origin2().publicKey(), 0, OriginKey.Status.ACTIVE))
                .hasMessageContaining("epochs start at 1");
    }

    @Test
    void fileErrorsNameTheMember() {
        String file = new String(TestKeys.signedBy(TestKeys.rootV1(), t.get(0)).toFileBytes(), StandardCharsets.UTF_8);
        TrustRoot root = TestKeys.rootV1();
        String firstTrusteeId = root.trustees().get(0).id().hex();
        String secondTrusteeId = root.trustees().get(1).id().hex();

        assertParseError(file.replace("\"version\": 1", "\"version\": \"1\""), "signed.version must be an integer, found string");
        assertParseError(file.replace("\"version\": 1", "\"version\": 1.0"), "signed.version must be an integer, found a fraction");
        assertParseError(file.replace("\"threshold\": 2", "\"threshold\": 0"), "signed.trustees.threshold must be from 1");
        assertParseError(file.replace("\"id\": \"" + firstTrusteeId, "\"id\": \"" + secondTrusteeId),
                "signed.trustees.keys[0].id");
        assertParseError(file.replace("\"id\": \"" + firstTrusteeId, "\"id\": \"" + firstTrusteeId.toUpperCase()),
                "signed.trustees.keys[0].id: a key id is 64 lower-case hex digits");
        assertParseError(file.replace("2030-01-01T00:00:00Z", "2030-01-01"), "signed.expires must be an ISO-8601");
        assertParseError(file.replace("2030-01-01T00:00:00Z", "2030-01-01T00:00:00.000Z"), "in whole seconds");
        assertParseError(file.replace("\"status\": \"active\"", "\"status\": \"retired\""),
                "signed.origin_keys[0].status must be active or revoked");
        assertParseError(file.replace("herd-trust-root", "tuf-root"), "signed.type is 'tuf-root'");
        assertParseError(file.replace("\"spec\": 1", "\"spec\": 2"), "signed.spec is 2");
        assertParseError(file.replace("\"sig\": \"", "\"sig\": \"AAAA"), "signatures[0].sig is 67 bytes");
        assertParseError(file.replace("\"signatures\"", "\"sigs\""), "missing member signatures");
        assertParseError(file.replace("\"origin\": \"site-1\"", "\"origin\": \"site-1\", \"origin\": \"site-2\""),
                "Duplicate field 'origin'");
    }

    private static void assertParseError(String file, String message) {
        assertThatThrownBy(() -> SignedRoot.parse(file.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TrustFormatException.class)
                .hasMessageContaining(message);
    }
}
