package org.herd.translator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a Gazelle user id into the reference the user policy allows. Thread-safe.
 *
 * <p>Pseudonyms are HMAC-SHA256 over the origin and the user id, truncated to 128 bits and written
 * in lower-case base32 (26 characters). Including the origin keeps one person's pseudonyms on two
 * sites unlinkable even if both sites chose the same key.
 *
 * <p>A site rebuilt from a mirror ({@code herd restore}) carries its authors' pseudonyms over: the
 * placeholder accounts the restore created keep, through {@link #withCarried}, the pseudonyms the
 * old site published, so that mirrors see one author before and after; everyone else gets a
 * pseudonym of the new site's key.
 */
public final class UserReferences {

    /** A key shorter than this could be guessed; 32 bytes is HMAC-SHA256's block strength. */
    public static final int MIN_KEY_BYTES = 32;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    /** What a pseudonym looks like: 128 bits in lower-case base32. */
    public static final Pattern PSEUDONYM = Pattern.compile("[a-z2-7]{26}");

    private final UserPolicy policy;
    private final byte[] key;
    /** Pseudonyms carried over from the site this one was rebuilt from, by user id. */
    private final Map<Long, String> carried;

    private UserReferences(UserPolicy policy, byte[] key, Map<Long, String> carried) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.key = key;
        this.carried = Map.copyOf(carried);
    }

    private UserReferences(UserPolicy policy, byte[] key) {
        this(policy, key, Map.of());
    }

    public static UserReferences none() {
        return new UserReferences(UserPolicy.NONE, null);
    }

    public static UserReferences publicIds() {
        return new UserReferences(UserPolicy.PUBLIC, null);
    }

    /**
     * @param key the origin's secret; at least {@value #MIN_KEY_BYTES} bytes
     * @throws IllegalArgumentException when the key is missing or short (the message never quotes it)
     */
    public static UserReferences pseudonymous(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonym key must have at least " + MIN_KEY_BYTES
                    + " bytes, it has " + (key == null ? 0 : key.length));
        }
        return new UserReferences(UserPolicy.PSEUDONYMOUS, key.clone());
    }

    public UserPolicy policy() {
        return policy;
    }

    /**
     * These pseudonymous references, except that the users in {@code carried} keep the pseudonym
     * given there: the one the site this database was rebuilt from published for them.
     *
     * @throws IllegalStateException    unless the policy is pseudonymous: under the public policy a
     *                                  user's reference is the id, which the restore keeps
     * @throws IllegalArgumentException when a carried reference is not a pseudonym, so that no
     *                                  other text (a user name) can leave as one; the message names
     *                                  the user id, not the value
     */
    public UserReferences withCarried(Map<Long, String> carried) {
        if (policy != UserPolicy.PSEUDONYMOUS) {
            throw new IllegalStateException("carried references apply to pseudonymous users only, not to "
                    + policy.name().toLowerCase(Locale.ROOT));
        }
        carried.forEach((id, ref) -> {
            if (id == null || id <= 0 || ref == null || !PSEUDONYM.matcher(ref).matches()) {
                throw new IllegalArgumentException("the carried reference of user " + id
                        + " is not a pseudonym (26 characters a-z, 2-7)");
            }
        });
        return new UserReferences(policy, key, carried);
    }

    /** How many users keep a carried pseudonym. */
    public int carriedCount() {
        return carried.size();
    }

    /**
     * The reference for a user id: null under {@link UserPolicy#NONE} and for Gazelle's 0 ("no
     * user"); the decimal id under {@link UserPolicy#PUBLIC}; the pseudonym otherwise.
     */
    public String reference(String origin, long userId) {
        if (userId == 0) {
            return null;
        }
        return switch (policy) {
            case NONE -> null;
            case PUBLIC -> Long.toString(userId);
            case PSEUDONYMOUS -> {
                String kept = carried.get(userId);
                yield kept != null ? kept : pseudonym(origin, userId);
            }
        };
    }

    private String pseudonym(String origin, long userId) {
        byte[] digest;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            digest = mac.doFinal((origin + ":" + userId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA256 (JCA standard algorithms).
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        return base32(Arrays.copyOf(digest, 16));
    }

    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "UserReferences[" + policy.name().toLowerCase(Locale.ROOT) + (key == null ? "" : ", key=****")
                + (carried.isEmpty() ? "" : ", " + carried.size() + " carried") + "]";
    }
}
