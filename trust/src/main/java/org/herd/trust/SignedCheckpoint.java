package org.herd.trust;

import java.util.Objects;

/**
 * A checkpoint ready to publish: the Kafka value (its canonical JSON) and the signature headers.
 * Like any record holding an array, two instances are equal only if they share the array.
 *
 * @param value   the canonical JSON bytes (not copied; the caller must not change them)
 * @param headers {@value SignatureHeaders#KEY_ID} and {@value SignatureHeaders#SIGNATURE}
 */
public record SignedCheckpoint(byte[] value, SignatureHeaders headers) {

    public SignedCheckpoint {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(headers, "headers");
    }

    @Override
    public String toString() {
        return "signed checkpoint, " + value.length + " bytes";
    }
}
