package org.herd.trust;

import java.util.Objects;

/**
 * A trustee of a trust root: a person whose offline Ed25519 key, with a threshold of the others,
 * may replace the root (rotate or revoke origin keys, change the trustees).
 *
 * @param publicKey the trustee's public key
 * @param name      an optional label for people, e.g. {@code "alice (backup officer)"}; null when
 *                  none. Not an identity: only the key counts.
 */
public record Trustee(Ed25519PublicKey publicKey, String name) {

    public Trustee {
        Objects.requireNonNull(publicKey, "publicKey");
    }

    public KeyId id() {
        return publicKey.id();
    }

    /** The label if there is one, else the short key id. */
    public String label() {
        return name == null ? id().shortForm() : name + " (" + id().shortForm() + ")";
    }
}
