package org.herd.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The signed part of a trust root: which origin it is for, who its trustees are and how many of
 * them must sign the next version, and which origin keys sign records at which epoch. Modelled on
 * TUF's root metadata (The Update Framework specification, "root.json"): versions numbered from 1,
 * an expiry, a threshold of trustee signatures.
 *
 * <p>Its JSON, the {@code signed} member of a trust root file:
 * <pre>
 * {"type":"herd-trust-root","spec":1,"origin":"site-1","version":2,"expires":"2030-01-01T00:00:00Z",
 *  "trustees":{"threshold":2,"keys":[{"id":"…","public_key":"…base64…","name":"alice"}, …]},
 *  "origin_keys":[{"id":"…","public_key":"…","epoch":1,"status":"active"}, …]}
 * </pre>
 * Signatures cover {@code "herd-root/1" 0x00} followed by the canonical JSON of {@code signed}
 * (see {@link SignedRoot}).
 *
 * <p>A root that breaks one of these rules is refused as malformed: an origin id of the wire
 * format; version 1 or more; an expiry in whole seconds; a threshold from 1 to the number of
 * trustees; no key listed twice; no key both a trustee and an origin key (trustee keys stay
 * offline, origin keys sign online); distinct epochs, each 1 or more.
 *
 * @param origin     the origin's id; never changes from one version to the next
 * @param version    1 or more; each new version is exactly one more
 * @param expires    after this instant mirrors keep verifying against the root but report it
 *                   expired (see {@link TrustState})
 * @param threshold  trustee signatures needed on a root, of this root's trustees, and on the next
 *                   version, of this root's trustees again
 * @param trustees   the trustees, in the root's order
 * @param originKeys every origin key ever listed, active or revoked, in the root's order
 */
public record TrustRoot(String origin, int version, Instant expires, int threshold, List<Trustee> trustees,
        List<OriginKey> originKeys) {

    /** The {@code type} member of every trust root. */
    public static final String TYPE = "herd-trust-root";
    /** The {@code spec} member this code writes and reads. */
    public static final int SPEC = 1;
    /** Domain tag of trust root signatures. */
    public static final String DOMAIN = "herd-root/1";

    public TrustRoot {
        Origins.check(origin, "origin");
        Objects.requireNonNull(expires, "expires");
        trustees = List.copyOf(Objects.requireNonNull(trustees, "trustees"));
        originKeys = List.copyOf(Objects.requireNonNull(originKeys, "originKeys"));
        if (version < 1) {
            throw new TrustFormatException("version must be 1 or more, found " + version);
        }
        if (expires.getNano() != 0) {
            throw new TrustFormatException("expires must be a whole second, found " + expires);
        }
        if (trustees.isEmpty()) {
            throw new TrustFormatException("a trust root needs at least one trustee");
        }
        if (threshold < 1 || threshold > trustees.size()) {
            throw new TrustFormatException("threshold " + threshold + " must be from 1 to the number of trustees, "
                    + trustees.size());
        }
        Set<KeyId> trusteeIds = new HashSet<>();
        for (Trustee t : trustees) {
            if (!trusteeIds.add(t.id())) {
                throw new TrustFormatException("trustee key " + t.id() + " is listed twice");
            }
        }
        Set<KeyId> originIds = new HashSet<>();
        Set<Long> epochs = new HashSet<>();
        for (OriginKey k : originKeys) {
            if (!originIds.add(k.id())) {
                throw new TrustFormatException("origin key " + k.id() + " is listed twice");
            }
            if (trusteeIds.contains(k.id())) {
                throw new TrustFormatException("key " + k.id() + " is both a trustee and an origin key; trustee keys "
                        + "stay offline and must not sign records");
            }
            if (!epochs.add(k.epoch())) {
                throw new TrustFormatException("two origin keys have epoch " + k.epoch() + "; epochs are distinct");
            }
        }
    }

    /** The origin key with id {@code id}, active or revoked. */
    public Optional<OriginKey> originKey(KeyId id) {
        return originKeys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** The trustee with key id {@code id}. */
    public Optional<Trustee> trustee(KeyId id) {
        return trustees.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The highest epoch of any origin key, 0 when there is none. */
    public long maxEpoch() {
        return originKeys.stream().mapToLong(OriginKey::epoch).max().orElse(0);
    }

    /** The origin keys whose signatures are accepted. */
    public List<OriginKey> activeKeys() {
        return originKeys.stream().filter(OriginKey::active).toList();
    }

    /** This root as the JSON object that is the {@code signed} member of a root file. */
    public ObjectNode toJson() {
        ObjectNode s = CanonicalJson.object();
        s.put("type", TYPE);
        s.put("spec", SPEC);
        s.put("origin", origin);
        s.put("version", version);
        s.put("expires", expires.toString());
        ObjectNode t = s.putObject("trustees");
        t.put("threshold", threshold);
        ArrayNode keys = t.putArray("keys");
        for (Trustee trustee : trustees) {
            ObjectNode k = keys.addObject();
            k.put("id", trustee.id().hex());
            k.put("public_key", trustee.publicKey().base64());
            if (trustee.name() != null) {
                k.put("name", trustee.name());
            }
        }
        ArrayNode origins = s.putArray("origin_keys");
        for (OriginKey key : originKeys) {
            ObjectNode k = origins.addObject();
            k.put("id", key.id().hex());
            k.put("public_key", key.publicKey().base64());
            k.put("epoch", key.epoch());
            k.put("status", key.status().wireName());
        }
        return s;
    }

    /** The canonical JSON bytes of {@link #toJson()}. */
    public byte[] canonicalBytes() {
        return CanonicalJson.encode(toJson());
    }

    /** The bytes a trustee signs: the domain tag, 0x00, the canonical JSON of {@code signed}. */
    static byte[] signingMessage(byte[] canonicalSigned) {
        return new ByteWriter(canonicalSigned.length + 16).tag(DOMAIN).raw(canonicalSigned).toByteArray();
    }

    /**
     * Reads the {@code signed} member of a root file; {@code path} prefixes member names in
     * errors. Members it does not know are ignored (signatures still cover them).
     *
     * @throws TrustFormatException naming the member at fault, or the rule the root breaks
     */
    public static TrustRoot fromJson(JsonNode s, String path) {
        if (!s.isObject()) {
            throw new TrustFormatException(path + " must be an object");
        }
        String type = Json.text(s, "type", path);
        if (!TYPE.equals(type)) {
            throw new TrustFormatException(Json.join(path, "type") + " is '" + type + "', expected " + TYPE);
        }
        long spec = Json.integer(s, "spec", path, 0, Integer.MAX_VALUE);
        if (spec != SPEC) {
            throw new TrustFormatException(Json.join(path, "spec") + " is " + spec + ", this reader knows " + SPEC);
        }
        String origin = Origins.check(Json.text(s, "origin", path), Json.join(path, "origin"));
        int version = (int) Json.integer(s, "version", path, 1, Integer.MAX_VALUE);
        String expiresText = Json.text(s, "expires", path);
        Instant expires;
        try {
            expires = Instant.parse(expiresText);
        } catch (DateTimeParseException e) {
            throw new TrustFormatException(Json.join(path, "expires") + " must be an ISO-8601 UTC instant such as "
                    + "2030-01-01T00:00:00Z, found '" + expiresText + "'");
        }
        if (!expires.toString().equals(expiresText)) {
            throw new TrustFormatException(Json.join(path, "expires") + " must be written as "
                    + "yyyy-MM-ddTHH:mm:ssZ in whole seconds, found '" + expiresText + "'");
        }
        String tPath = Json.join(path, "trustees");
        JsonNode t = Json.object(s, "trustees", path);
        int threshold = (int) Json.integer(t, "threshold", tPath, 1, Integer.MAX_VALUE);
        JsonNode keys = Json.array(t, "keys", tPath);
        List<Trustee> trustees = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String kPath = tPath + ".keys[" + i + "]";
            JsonNode k = requireObject(keys.get(i), kPath);
            Ed25519PublicKey publicKey = publicKey(k, kPath);
            trustees.add(new Trustee(publicKey, Json.optionalText(k, "name", kPath)));
        }
        JsonNode origins = Json.array(s, "origin_keys", path);
        List<OriginKey> originKeys = new ArrayList<>();
        for (int i = 0; i < origins.size(); i++) {
            String kPath = Json.join(path, "origin_keys") + "[" + i + "]";
            JsonNode k = requireObject(origins.get(i), kPath);
            Ed25519PublicKey publicKey = publicKey(k, kPath);
            long epoch = Json.integer(k, "epoch", kPath, 1, Long.MAX_VALUE);
            OriginKey.Status status = OriginKey.Status.fromWireName(Json.text(k, "status", kPath),
                    kPath + ".status");
            originKeys.add(new OriginKey(publicKey, epoch, status));
        }
        return new TrustRoot(origin, version, expires, threshold, trustees, originKeys);
    }

    private static JsonNode requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new TrustFormatException(path + " must be an object");
        }
        return node;
    }

    /** The key and its stated id, which must be the id of the key. */
    private static Ed25519PublicKey publicKey(JsonNode k, String path) {
        KeyId stated = KeyId.parse(Json.text(k, "id", path), path + ".id");
        Ed25519PublicKey key = Ed25519PublicKey.fromBase64(Json.text(k, "public_key", path), path + ".public_key");
        if (!key.id().equals(stated)) {
            throw new TrustFormatException(path + ".id " + stated.shortForm() + "… is not the id of its public key ("
                    + key.id().shortForm() + "…)");
        }
        return key;
    }

    @Override
    public String toString() {
        return "trust root v" + version + " of " + origin + " (" + threshold + " of " + trustees.size()
                + " trustees, " + activeKeys().size() + " active origin keys, expires " + expires + ")";
    }
}
