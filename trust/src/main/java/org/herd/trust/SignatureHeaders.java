package org.herd.trust;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The two Kafka headers that carry a record's or a checkpoint's signature:
 * {@value #KEY_ID} (the signing key's id as 64 ASCII hex digits) and {@value #SIGNATURE} (the raw
 * 64-byte Ed25519 signature).
 *
 * <p>This module does not know Kafka's types; a producer adds {@link #keyIdValue()} and
 * {@link #signatureValue()} under the two names, and a consumer hands over all values found
 * under each name with {@link #collect}. All values are kept, not only the last, so that a
 * repeated header is seen and refused rather than one of the copies silently chosen.
 */
public final class SignatureHeaders {

    /** Header carrying the signing key's id in ASCII hex. */
    public static final String KEY_ID = "herd-key-id";
    /** Header carrying the raw 64-byte Ed25519 signature. */
    public static final String SIGNATURE = "herd-sig";

    private final List<byte[]> keyIds;
    private final List<byte[]> signatures;

    private SignatureHeaders(List<byte[]> keyIds, List<byte[]> signatures) {
        this.keyIds = keyIds;
        this.signatures = signatures;
    }

    /** The headers of a signature made by {@code keyId}. */
    public static SignatureHeaders of(KeyId keyId, byte[] signature) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
        return new SignatureHeaders(List.of(keyId.toAscii()), List.of(signature.clone()));
    }

    /**
     * The values of every header named {@value #KEY_ID} or {@value #SIGNATURE} among
     * {@code headers}, in their order; other headers are ignored. For Kafka:
     * {@code collect(record.headers(), Header::key, Header::value)}.
     */
    public static <H> SignatureHeaders collect(Iterable<H> headers, Function<H, String> name,
            Function<H, byte[]> value) {
        List<byte[]> keyIds = new ArrayList<>(1);
        List<byte[]> signatures = new ArrayList<>(1);
        for (H h : headers) {
            String n = name.apply(h);
            if (KEY_ID.equals(n)) {
                keyIds.add(value.apply(h));
            } else if (SIGNATURE.equals(n)) {
                signatures.add(value.apply(h));
            }
        }
        return new SignatureHeaders(keyIds, signatures);
    }

    /** The value to publish under {@value #KEY_ID}; only for headers made with {@link #of}. */
    public byte[] keyIdValue() {
        return single(keyIds, KEY_ID).clone();
    }

    /** The value to publish under {@value #SIGNATURE}; only for headers made with {@link #of}. */
    public byte[] signatureValue() {
        return single(signatures, SIGNATURE).clone();
    }

    private static byte[] single(List<byte[]> values, String name) {
        if (values.size() != 1 || values.get(0) == null) {
            throw new IllegalStateException(values.size() + " values of header " + name + ", not one");
        }
        return values.get(0);
    }

    /** Reads the headers, or says which {@link RejectReason} they earn and why. */
    Parsed parse() {
        if (keyIds.isEmpty() && signatures.isEmpty()) {
            return Parsed.failed(RejectReason.UNSIGNED, "no " + KEY_ID + " or " + SIGNATURE + " header");
        }
        if (keyIds.size() != 1 || signatures.size() != 1) {
            return Parsed.failed(RejectReason.MALFORMED_HEADERS, keyIds.size() + " " + KEY_ID + " and "
                    + signatures.size() + " " + SIGNATURE + " headers, expected one of each");
        }
        byte[] id = keyIds.get(0);
        byte[] sig = signatures.get(0);
        if (id == null || sig == null) {
            return Parsed.failed(RejectReason.MALFORMED_HEADERS, "header " + (id == null ? KEY_ID : SIGNATURE)
                    + " has no value");
        }
        String hex = new String(id, StandardCharsets.ISO_8859_1);
        if (!Bytes.isLowerHex(hex, KeyId.HEX_LENGTH)) {
            return Parsed.failed(RejectReason.MALFORMED_HEADERS, KEY_ID + " is not " + KeyId.HEX_LENGTH
                    + " lower-case hex digits (" + id.length + " bytes)");
        }
        if (sig.length != Verifier.SIGNATURE_LENGTH) {
            return Parsed.failed(RejectReason.MALFORMED_HEADERS, SIGNATURE + " is " + sig.length
                    + " bytes, an Ed25519 signature is " + Verifier.SIGNATURE_LENGTH);
        }
        return new Parsed(new KeyId(hex), sig, null, null);
    }

    /** The parsed headers, or the reason they cannot be used. */
    record Parsed(KeyId keyId, byte[] signature, RejectReason failure, String detail) {

        static Parsed failed(RejectReason reason, String detail) {
            return new Parsed(null, null, reason, detail);
        }
    }
}
