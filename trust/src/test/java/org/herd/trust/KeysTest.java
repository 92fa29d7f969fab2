package org.herd.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeysTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032, section 7.1, TEST 1 (empty message) and TEST 2 (one byte, 0x72). */
    private static final String RFC_SEED_1 = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC_PUBLIC_1 = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC_SIG_1 = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    private static final String RFC_SEED_2 = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    private static final String RFC_PUBLIC_2 = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
    private static final String RFC_SIG_2 = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

    @Test
    void signaturesAreThoseOfRfc8032() {
        Ed25519KeyPair one = Ed25519KeyPair.fromSeed(HEX.parseHex(RFC_SEED_1));
        Ed25519KeyPair two = Ed25519KeyPair.fromSeed(HEX.parseHex(RFC_SEED_2));

        assertThat(HEX.formatHex(one.publicKey().raw())).isEqualTo(RFC_PUBLIC_1);
        assertThat(HEX.formatHex(two.publicKey().raw())).isEqualTo(RFC_PUBLIC_2);
        assertThat(HEX.formatHex(new Signer(one).sign(new byte[0]))).isEqualTo(RFC_SIG_1);
        assertThat(HEX.formatHex(new Signer(two).sign(new byte[] {0x72}))).isEqualTo(RFC_SIG_2);
        assertThat(Verifier.verify(new byte[] {0x72}, HEX.parseHex(RFC_SIG_2), two.publicKey())).isTrue();
    }

    @Test
    void keyIdIsLowerCaseHexOfSha256OfTheRawKey() throws Exception {
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(HEX.parseHex(RFC_SEED_1));

        String expected = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(HEX.parseHex(RFC_PUBLIC_1)));
        assertThat(key.keyId().hex()).isEqualTo(expected).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(KeyId.of(key.publicKey())).isEqualTo(key.keyId());
        assertThat(new String(key.keyId().toAscii(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(expected);
    }

    @Test
    void keyIdsAreRefusedUnlessSixtyFourLowerCaseHexDigits() {
        String upper = "D75A980182B10AB7D54BFED3C964073A0EE172F3DAA62325AF021A68F707511A";
        assertThatThrownBy(() -> KeyId.parse(upper, "signatures[0].key_id"))
                .isInstanceOf(TrustFormatException.class)
                .hasMessageContaining("signatures[0].key_id")
                .hasMessageContaining("lower-case hex");
        assertThatThrownBy(() -> KeyId.parse("abc", "x")).hasMessageContaining("found 3 characters");
        assertThatThrownBy(() -> new KeyId("g".repeat(64))).isInstanceOf(TrustFormatException.class);
    }

    @Test
    void verificationFailsForAnotherMessageSignatureOrKey() {
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(HEX.parseHex(RFC_SEED_1));
        Ed25519KeyPair other = Ed25519KeyPair.fromSeed(HEX.parseHex(RFC_SEED_2));
        byte[] message = "herd".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] signature = new Signer(key).sign(message);

        assertThat(Verifier.verify(message, signature, key.publicKey())).isTrue();
        assertThat(Verifier.verify("herD".getBytes(java.nio.charset.StandardCharsets.US_ASCII), signature,
                key.publicKey())).isFalse();
        byte[] altered = signature.clone();
        altered[40] ^= 1;
        assertThat(Verifier.verify(message, altered, key.publicKey())).isFalse();
        assertThat(Verifier.verify(message, signature, other.publicKey())).isFalse();
        assertThat(Verifier.verify(message, java.util.Arrays.copyOf(signature, 63), key.publicKey())).isFalse();
    }

    @Test
    void aSignatureWithAnUnreducedScalarIsRefused() {
        // S + L is the same point arithmetic as S; RFC 8032 requires S < L so that a signature
        // cannot be re-encoded into a second valid one.
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(HEX.parseHex(RFC_SEED_1));
        byte[] signature = HEX.parseHex(RFC_SIG_1);
        java.math.BigInteger order = java.math.BigInteger.TWO.pow(252)
                .add(new java.math.BigInteger("27742317777372353535851937790883648493"));
        byte[] s = java.util.Arrays.copyOfRange(signature, 32, 64);
        java.math.BigInteger sPlusL = littleEndian(s).add(order);
        byte[] malleated = signature.clone();
        System.arraycopy(toLittleEndian(sPlusL), 0, malleated, 32, 32);

        assertThat(Verifier.verify(new byte[0], malleated, key.publicKey())).isFalse();
    }

    private static java.math.BigInteger littleEndian(byte[] b) {
        byte[] be = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            be[i] = b[b.length - 1 - i];
        }
        return new java.math.BigInteger(1, be);
    }

    private static byte[] toLittleEndian(java.math.BigInteger v) {
        byte[] out = new byte[32];
        byte[] be = v.toByteArray();
        for (int i = 0; i < be.length && i < 32; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    @Test
    void publicKeysAreReadFromCanonicalBase64OfThirtyTwoBytes() {
        Ed25519PublicKey key = Ed25519KeyPair.fromSeed(HEX.parseHex(RFC_SEED_1)).publicKey();

        assertThat(Ed25519PublicKey.fromBase64(key.base64(), "k")).isEqualTo(key);
        assertThat(key.base64()).isEqualTo(Base64.getEncoder().encodeToString(HEX.parseHex(RFC_PUBLIC_1)));
        assertThatThrownBy(() -> Ed25519PublicKey.fromBase64("AAAA", "trustees.keys[0].public_key"))
                .isInstanceOf(TrustFormatException.class)
                .hasMessageContaining("trustees.keys[0].public_key")
                .hasMessageContaining("32 bytes, found 3");
        assertThatThrownBy(() -> Ed25519PublicKey.fromBase64("not base64!", "k"))
                .hasMessageContaining("not base64");
        String unpadded = key.base64().replace("=", "");
        assertThatThrownBy(() -> Ed25519PublicKey.fromBase64(unpadded, "k"))
                .hasMessageContaining("canonical base64");
    }

    @Test
    void pointsOfSmallOrderOrOffTheCurveAreRefused() {
        byte[] identity = new byte[32];
        identity[0] = 1; // y = 1: the neutral element, which verifies signatures of anything with S = 0
        assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(identity))
                .isInstanceOf(TrustFormatException.class)
                .hasMessageContaining("not a valid Ed25519 public key");
        byte[] offCurve = new byte[32];
        offCurve[0] = 2; // y = 2 has no x on the curve
        assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(offCurve))
                .hasMessageContaining("not a valid Ed25519 public key");
    }

    @Test
    void generatedKeysAreDistinctAndNeverPrintTheirSeed() {
        Ed25519KeyPair a = Ed25519KeyPair.generate();
        Ed25519KeyPair b = Ed25519KeyPair.generate(new SecureRandom());

        assertThat(a.publicKey()).isNotEqualTo(b.publicKey());
        assertThat(a.toString()).contains(a.keyId().hex()).doesNotContain(HEX.formatHex(a.seed()));
        assertThat(new Signer(a).toString()).doesNotContain(HEX.formatHex(a.seed()));
        byte[] message = {1, 2, 3};
        assertThat(Verifier.verify(message, new Signer(a).sign(message), a.publicKey())).isTrue();
    }

    @Test
    void oneSignerIsSharedByThreads() {
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(HEX.parseHex(RFC_SEED_2));
        Signer signer = new Signer(key);
        List<byte[]> messages = IntStream.range(0, 2_000).mapToObj(i -> ("m" + i).getBytes()).toList();
        List<String> sequential = messages.stream().map(m -> HEX.formatHex(signer.sign(m))).toList();

        List<String> parallel = messages.parallelStream().map(m -> HEX.formatHex(signer.sign(m))).toList();

        assertThat(parallel).isEqualTo(sequential);
        assertThat(messages.parallelStream()
                .allMatch(m -> Verifier.verify(m, signer.sign(m), key.publicKey()))).isTrue();
    }

    @Test
    void seedsMustBeThirtyTwoBytes() {
        assertThatThrownBy(() -> Ed25519KeyPair.fromSeed(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes, found 31");
    }
}
