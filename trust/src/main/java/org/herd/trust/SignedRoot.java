package org.herd.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A trust root file: {@code {"signed": {...}, "signatures": [{"key_id": "…", "sig": "…"}]}},
 * where {@code signed} is a {@link TrustRoot} and each signature covers
 * {@code "herd-root/1" 0x00} followed by the canonical JSON of {@code signed}.
 *
 * <p>The {@code signed} object is kept as it was read, members this version does not know
 * included, so that signatures are checked over exactly what the trustees signed. Whitespace
 * and member order in the file do not matter; the file this class writes is indented, members
 * sorted, signatures sorted by key id. Immutable.
 */
public final class SignedRoot {

    private final TrustRoot root;
    private final JsonNode signed;
    private final byte[] canonical;
    private final List<RootSignature> signatures;

    private SignedRoot(TrustRoot root, JsonNode signed, List<RootSignature> signatures) {
        this.root = root;
        this.signed = signed;
        this.canonical = CanonicalJson.encode(signed);
        List<RootSignature> sorted = new ArrayList<>(signatures);
        sorted.sort(Comparator.comparing((RootSignature s) -> s.keyId().hex())
                .thenComparing(s -> Base64.getEncoder().encodeToString(s.signature())));
        this.signatures = List.copyOf(sorted);
    }

    /** A proposal: {@code root} with no signatures yet. */
    public static SignedRoot unsigned(TrustRoot root) {
        return new SignedRoot(Objects.requireNonNull(root, "root"), root.toJson(), List.of());
    }

    /**
     * Reads a root file. Only the format is checked here; whether the signatures are valid and
     * enough is for {@link TrustState}.
     *
     * @throws TrustFormatException naming the member at fault
     */
    public static SignedRoot parse(byte[] file) {
        JsonNode doc = CanonicalJson.parse(file, "trust root");
        if (!doc.isObject()) {
            throw new TrustFormatException("trust root: not a JSON object");
        }
        JsonNode signed = Json.object(doc, "signed", "");
        TrustRoot root;
        try {
            root = TrustRoot.fromJson(signed, "signed");
            CanonicalJson.encode(signed); // a float or an unpaired surrogate in an unknown member
        } catch (TrustFormatException e) {
            throw new TrustFormatException("trust root: " + e.getMessage(), e);
        }
        JsonNode sigs = Json.array(doc, "signatures", "");
        List<RootSignature> signatures = new ArrayList<>();
        for (int i = 0; i < sigs.size(); i++) {
            String path = "signatures[" + i + "]";
            JsonNode s = sigs.get(i);
            if (!s.isObject()) {
                throw new TrustFormatException("trust root: " + path + " must be an object");
            }
            KeyId keyId = KeyId.parse(Json.text(s, "key_id", path), "trust root: " + path + ".key_id");
            String sig = Json.text(s, "sig", path);
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(sig);
            } catch (IllegalArgumentException e) {
                throw new TrustFormatException("trust root: " + path + ".sig is not base64");
            }
            if (raw.length != Verifier.SIGNATURE_LENGTH) {
                throw new TrustFormatException("trust root: " + path + ".sig is " + raw.length
                        + " bytes, an Ed25519 signature is " + Verifier.SIGNATURE_LENGTH);
            }
            signatures.add(new RootSignature(keyId, raw));
        }
        return new SignedRoot(root, signed.deepCopy(), signatures);
    }

    public TrustRoot root() {
        return root;
    }

    public int version() {
        return root.version();
    }

    /** The signatures, sorted by key id. */
    public List<RootSignature> signatures() {
        return signatures;
    }

    /** The canonical JSON of {@code signed} (a copy). */
    public byte[] canonicalSigned() {
        return canonical.clone();
    }

    /** The bytes each signature covers. */
    byte[] signingMessage() {
        return TrustRoot.signingMessage(canonical);
    }

    /** Whether both hold the same {@code signed} content, whatever their signatures. */
    public boolean sameContent(SignedRoot other) {
        return java.util.Arrays.equals(canonical, other.canonical);
    }

    /** This root with {@code signature} added, replacing an earlier one by the same key. */
    public SignedRoot withSignature(RootSignature signature) {
        List<RootSignature> all = new ArrayList<>(signatures);
        all.removeIf(s -> s.keyId().equals(signature.keyId()));
        all.add(signature);
        return new SignedRoot(root, signed, all);
    }

    SignedRoot withSignatures(List<RootSignature> all) {
        return new SignedRoot(root, signed, all);
    }

    /** The file: indented JSON, members sorted, ending in a line feed. */
    public byte[] toFileBytes() {
        ObjectNode doc = CanonicalJson.object();
        doc.set("signed", signed.deepCopy());
        ArrayNode sigs = doc.putArray("signatures");
        for (RootSignature s : signatures) {
            ObjectNode o = sigs.addObject();
            o.put("key_id", s.keyId().hex());
            o.put("sig", Base64.getEncoder().encodeToString(s.signature()));
        }
        return CanonicalJson.pretty(doc);
    }

    @Override
    public String toString() {
        return root + ", " + signatures.size() + " signatures";
    }
}
