package org.herd.trust;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The Kafka headers that carry a signature: {@value #KEY_ID} (the signing key's id as 64 ASCII
 * hex digits), {@value #SIGNATURE} (the raw 64-byte Ed25519 signature) and, on records,
 * {@value #PROOF} (the record's place in the Merkle tree of its signing batch, {@link BatchProof}).
 * A record's signature is its batch root's; a checkpoint's covers the checkpoint itself and
 * carries no proof.
 *
 * <p>This module does not know Kafka's types; a producer adds each header with
 * {@link #forEach}, and a consumer hands over all values found under each name with
 * {@link #collect}. All values are kept, not only the last, so that a repeated header is seen and
 * refused rather than one of the copies silently chosen.
 */
public final class SignatureHeaders {

    /** Header carrying the signing key's id in ASCII hex. */
    public static final String KEY_ID = "herd-key-id";
    /** Header carrying the raw 64-byte Ed25519 signature. */
    public static final String SIGNATURE = "herd-sig";
    /** Header carrying a record's {@link BatchProof}. */
    public static final String PROOF = "herd-proof";

    private final List<byte[]> keyIds;
    private final List<byte[]> signatures;
    private final List<byte[]> proofs;

    /**
     * The key id of this thread's last header read, by its bytes: every record of a batch names the
     * same key, and reading its 64 digits into a string and a key id was a fortieth of what a mirror
     * allocated.
     */
    private static final ThreadLocal<ReadKeyId> LAST_KEY_ID = new ThreadLocal<>();

    private record ReadKeyId(byte[] ascii, KeyId keyId) {
    }

    private SignatureHeaders(List<byte[]> keyIds, List<byte[]> signatures, List<byte[]> proofs) {
        this.keyIds = keyIds;
        this.signatures = signatures;
        this.proofs = proofs;
    }

    /** The headers of a checkpoint signed by {@code keyId}. */
    public static SignatureHeaders of(KeyId keyId, byte[] signature) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
        return new SignatureHeaders(List.of(keyId.toAscii()), List.of(signature.clone()), List.of());
    }

    /** The headers of a record whose batch root {@code keyId} signed with {@code rootSignature}. */
    public static SignatureHeaders of(KeyId keyId, byte[] rootSignature, BatchProof proof) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(rootSignature, "rootSignature");
        Objects.requireNonNull(proof, "proof");
        return new SignatureHeaders(List.of(keyId.toAscii()), List.of(rootSignature.clone()), List.of(proof.encode()));
    }

    /**
     * The headers of one record of a batch, for {@link OriginSigner#signBatch}, with its proof
     * ({@link MerkleTree#proofHeader}): the key id's ASCII and the root's signature are the same
     * arrays for every record of the batch, made once, since
     * these headers hand out only copies of them ({@link #forEach}), instead of a copy of each per
     * record.
     */
    static SignatureHeaders ofBatchMember(byte[] keyIdAscii, byte[] rootSignature, byte[] proofHeader) {
        return new SignatureHeaders(List.of(keyIdAscii), List.of(rootSignature), List.of(proofHeader));
    }

    /**
     * The values of every header named {@value #KEY_ID}, {@value #SIGNATURE} or {@value #PROOF}
     * among {@code headers}, in their order; other headers are ignored. For Kafka:
     * {@code collect(record.headers(), Header::key, Header::value)}.
     */
    public static <H> SignatureHeaders collect(Iterable<H> headers, Function<H, String> name,
            Function<H, byte[]> value) {
        List<byte[]> keyIds = new ArrayList<>(1);
        List<byte[]> signatures = new ArrayList<>(1);
        List<byte[]> proofs = new ArrayList<>(1);
        for (H h : headers) {
            String n = name.apply(h);
            if (KEY_ID.equals(n)) {
                keyIds.add(value.apply(h));
            } else if (SIGNATURE.equals(n)) {
                signatures.add(value.apply(h));
            } else if (PROOF.equals(n)) {
                proofs.add(value.apply(h));
            }
        }
        return new SignatureHeaders(keyIds, signatures, proofs);
    }

    /**
     * How many headers named {@code header} ({@value #KEY_ID}, {@value #SIGNATURE} or
     * {@value #PROOF}) were collected. With {@link #first}, for a consumer that keeps the headers as
     * received without walking the record's headers again.
     *
     * @throws IllegalArgumentException for another name
     */
    public int count(String header) {
        return collected(header).size();
    }

    /**
     * The value of the first header named {@code header} as collected, not copied: null when there
     * is none, or when it has no value.
     *
     * @throws IllegalArgumentException for another name
     */
    public byte[] first(String header) {
        List<byte[]> values = collected(header);
        return values.isEmpty() ? null : values.get(0);
    }

    private List<byte[]> collected(String header) {
        return switch (header) {
            case KEY_ID -> keyIds;
            case SIGNATURE -> signatures;
            case PROOF -> proofs;
            default -> throw new IllegalArgumentException("'" + header + "' is not a signature header");
        };
    }

    /** The value to publish under {@value #KEY_ID}; only for headers made with {@code of}. */
    public byte[] keyIdValue() {
        return single(keyIds, KEY_ID).clone();
    }

    /** The value to publish under {@value #SIGNATURE}; only for headers made with {@code of}. */
    public byte[] signatureValue() {
        return single(signatures, SIGNATURE).clone();
    }

    /** The value to publish under {@value #PROOF}; only for a record's headers made with {@code of}. */
    public byte[] proofValue() {
        return single(proofs, PROOF).clone();
    }

    /**
     * Hands each header to publish to {@code header}, as name and value, in the order
     * {@value #KEY_ID}, {@value #SIGNATURE}, {@value #PROOF} (the last on records only).
     */
    public void forEach(BiConsumer<String, byte[]> header) {
        header.accept(KEY_ID, keyIdValue());
        header.accept(SIGNATURE, signatureValue());
        if (!proofs.isEmpty()) {
            header.accept(PROOF, proofValue());
        }
    }

    private static byte[] single(List<byte[]> values, String name) {
        if (values.size() != 1 || values.get(0) == null) {
            throw new IllegalStateException(values.size() + " values of header " + name + ", not one");
        }
        return values.get(0);
    }

    /** Reads a record's headers (with a proof), or says which {@link RejectReason} they earn and why. */
    Parsed parseRecord() {
        if (keyIds.isEmpty() && signatures.isEmpty() && proofs.isEmpty()) {
            return Parsed.failed(RejectReason.UNSIGNED, "no " + KEY_ID + ", " + SIGNATURE + " or " + PROOF + " header");
        }
        if (proofs.size() != 1 || keyIds.size() != 1 || signatures.size() != 1) {
            return Parsed.failed(RejectReason.MALFORMED_HEADERS, counts() + ", expected one of each");
        }
        Parsed keyAndSignature = parseKeyAndSignature();
        if (keyAndSignature.failure() != null) {
            return keyAndSignature;
        }
        byte[] proof = proofs.get(0);
        if (proof == null) {
            return Parsed.failed(RejectReason.MALFORMED_HEADERS, "header " + PROOF + " has no value");
        }
        try {
            return new Parsed(keyAndSignature.keyId(), keyAndSignature.signature(), ProofHeader.read(proof), null,
                    null);
        } catch (TrustFormatException e) {
            return Parsed.failed(RejectReason.MALFORMED_HEADERS, e.getMessage());
        }
    }

    /** Reads a checkpoint's headers (no proof), or says which {@link RejectReason} they earn and why. */
    Parsed parseCheckpoint() {
        if (keyIds.isEmpty() && signatures.isEmpty() && proofs.isEmpty()) {
            return Parsed.failed(RejectReason.UNSIGNED, "no " + KEY_ID + " or " + SIGNATURE + " header");
        }
        if (keyIds.size() != 1 || signatures.size() != 1 || !proofs.isEmpty()) {
            return Parsed.failed(RejectReason.MALFORMED_HEADERS, counts() + ", expected one " + KEY_ID + " and one "
                    + SIGNATURE + " (a checkpoint is signed on its own, without " + PROOF + ")");
        }
        return parseKeyAndSignature();
    }

    private String counts() {
        return keyIds.size() + " " + KEY_ID + ", " + signatures.size() + " " + SIGNATURE + " and " + proofs.size() + " "
                + PROOF + " headers";
    }

    private Parsed parseKeyAndSignature() {
        byte[] id = keyIds.get(0);
        byte[] sig = signatures.get(0);
        if (id == null || sig == null) {
            return Parsed.failed(RejectReason.MALFORMED_HEADERS, "header " + (id == null ? KEY_ID : SIGNATURE)
                    + " has no value");
        }
        KeyId keyId = keyId(id);
        if (keyId == null) {
            return Parsed.failed(RejectReason.MALFORMED_HEADERS, KEY_ID + " is not " + KeyId.HEX_LENGTH
                    + " lower-case hex digits (" + id.length + " bytes)");
        }
        if (sig.length != Verifier.SIGNATURE_LENGTH) {
            return Parsed.failed(RejectReason.MALFORMED_HEADERS, SIGNATURE + " is " + sig.length
                    + " bytes, an Ed25519 signature is " + Verifier.SIGNATURE_LENGTH);
        }
        return new Parsed(keyId, sig, null, null, null);
    }

    /** The key id whose ASCII is {@code id}; null when it is not 64 lower-case hex digits. */
    private static KeyId keyId(byte[] id) {
        ReadKeyId last = LAST_KEY_ID.get();
        if (last != null && Arrays.equals(last.ascii(), id)) {
            return last.keyId();
        }
        String hex = new String(id, StandardCharsets.ISO_8859_1);
        if (!Bytes.isLowerHex(hex, KeyId.HEX_LENGTH)) {
            return null;
        }
        KeyId keyId = new KeyId(hex);
        LAST_KEY_ID.set(new ReadKeyId(id.clone(), keyId));
        return keyId;
    }

    /** The parsed headers, or the reason they cannot be used; {@code proof} only on a record's. */
    record Parsed(KeyId keyId, byte[] signature, ProofHeader proof, RejectReason failure, String detail) {

        static Parsed failed(RejectReason reason, String detail) {
            return new Parsed(null, null, null, reason, detail);
        }
    }
}
