package org.herd.replicator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.herd.trust.KeyId;
import org.herd.trust.SignatureHeaders;

/**
 * A record's signature headers as a mirror stores them next to the row ({@code src_signature}),
 * in the reject table and in the quarantine ({@code record_signature}):
 *
 * <pre>
 * 32 bytes  the key id of herd-key-id, as raw bytes (the header carries it as 64 hex digits)
 * 64 bytes  herd-sig, the Ed25519 signature of the record's batch root
 * the rest  herd-proof, exactly as received (8 bytes, plus 32 per level of the audit path)
 * </pre>
 *
 * <p>So that the Kafka record as the origin signed it can be rebuilt from the mirror alone:
 * {@link #headers} gives back the three headers byte for byte. Headers that this layout cannot
 * hold (one of them missing or repeated, a key id that is not 64 lower-case hex digits, a
 * signature that is not 64 bytes) are not stored: a mirror that verifies never applies such a
 * record, and one that does not keeps what it can.
 */
public final class StoredSignature {

    static final int KEY_ID_BYTES = 32;
    static final int SIGNATURE_BYTES = 64;

    private static final HexFormat HEX = HexFormat.of();

    private StoredSignature() {
    }

    /** The stored form of a Kafka record's signature headers, or null when it has none this layout holds. */
    public static byte[] of(Iterable<Header> headers) {
        return of(collect(headers));
    }

    /**
     * The stored form of signature headers as collected ({@link #collect}), or null when they are
     * not one of each that this layout holds. A header without a value counts as one of no bytes.
     */
    public static byte[] of(SignatureHeaders headers) {
        byte[] keyId = only(headers, SignatureHeaders.KEY_ID);
        byte[] signature = only(headers, SignatureHeaders.SIGNATURE);
        byte[] proof = only(headers, SignatureHeaders.PROOF);
        if (keyId == null || signature == null || proof == null || signature.length != SIGNATURE_BYTES
                || keyId.length != 2 * KEY_ID_BYTES) {
            return null;
        }
        // Checked byte by byte: a regular expression here was compiled for every record a mirror applies.
        for (byte b : keyId) {
            if (!(b >= '0' && b <= '9' || b >= 'a' && b <= 'f')) {
                return null;
            }
        }
        byte[] stored = new byte[KEY_ID_BYTES + SIGNATURE_BYTES + proof.length];
        for (int i = 0; i < KEY_ID_BYTES; i++) {
            stored[i] = (byte) (Character.digit(keyId[2 * i], 16) << 4 | Character.digit(keyId[2 * i + 1], 16));
        }
        System.arraycopy(signature, 0, stored, KEY_ID_BYTES, SIGNATURE_BYTES);
        System.arraycopy(proof, 0, stored, KEY_ID_BYTES + SIGNATURE_BYTES, proof.length);
        return stored;
    }

    /** The one value of a header, no bytes for one without a value; null when the header is absent or repeated. */
    private static byte[] only(SignatureHeaders headers, String name) {
        if (headers.count(name) != 1) {
            return null;
        }
        byte[] v = headers.first(name);
        return v == null ? new byte[0] : v;
    }

    /**
     * The three headers, in the order the sidecar adds them, byte for byte as they were received.
     *
     * @throws IllegalArgumentException when {@code stored} is shorter than key id and signature
     */
    public static List<Header> headers(byte[] stored) {
        if (stored == null || stored.length < KEY_ID_BYTES + SIGNATURE_BYTES) {
            throw new IllegalArgumentException("a stored signature holds at least " + (KEY_ID_BYTES + SIGNATURE_BYTES)
                    + " bytes, found " + (stored == null ? "none" : stored.length));
        }
        List<Header> headers = new ArrayList<>(3);
        headers.add(new RecordHeader(SignatureHeaders.KEY_ID,
                HEX.formatHex(stored, 0, KEY_ID_BYTES).getBytes(StandardCharsets.US_ASCII)));
        headers.add(new RecordHeader(SignatureHeaders.SIGNATURE,
                Arrays.copyOfRange(stored, KEY_ID_BYTES, KEY_ID_BYTES + SIGNATURE_BYTES)));
        headers.add(new RecordHeader(SignatureHeaders.PROOF,
                Arrays.copyOfRange(stored, KEY_ID_BYTES + SIGNATURE_BYTES, stored.length)));
        return headers;
    }

    /** The key id a stored signature names. */
    public static KeyId keyId(byte[] stored) {
        return new KeyId(HEX.formatHex(stored, 0, KEY_ID_BYTES));
    }

    /**
     * The signature headers of a Kafka record, for {@link org.herd.trust.OriginVerifier} and
     * {@link #of(SignatureHeaders)}: the record's headers walked once for both.
     */
    static SignatureHeaders collect(Iterable<Header> headers) {
        return SignatureHeaders.collect(headers, Header::key, Header::value);
    }

    /** For messages: which signature headers a record carries, and how many of each. */
    static String describe(Iterable<Header> headers) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (Header h : headers) {
            if (h.key().startsWith("herd-")) {
                counts.merge(h.key(), 1, Integer::sum);
            }
        }
        return counts.isEmpty() ? "no signature headers" : counts.toString();
    }
}
