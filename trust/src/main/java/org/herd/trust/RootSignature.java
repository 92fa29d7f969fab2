package org.herd.trust;

import java.util.Arrays;
import java.util.Objects;

/**
 * One trustee's signature of a trust root's {@code signed} part, as a root file lists it:
 * {@code {"key_id": "<hex>", "sig": "<base64 of 64 bytes>"}}.
 *
 * @param keyId     id of the key that signed
 * @param signature the 64-byte Ed25519 signature (not copied)
 */
public record RootSignature(KeyId keyId, byte[] signature) {

    public RootSignature {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
        if (signature.length != Verifier.SIGNATURE_LENGTH) {
            throw new TrustFormatException("signature by " + keyId.shortForm() + "… is " + signature.length
                    + " bytes, an Ed25519 signature is " + Verifier.SIGNATURE_LENGTH);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RootSignature s && keyId.equals(s.keyId) && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "signature by " + keyId.shortForm();
    }
}
