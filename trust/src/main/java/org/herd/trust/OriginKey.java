package org.herd.trust;

import java.util.Objects;

/**
 * A key the origin signs records and checkpoints with, as a trust root lists it.
 *
 * <p>Every origin key has an epoch: 1 for the first, and a successor key always gets a higher
 * epoch than every key before it. A record names the epoch of the key that signed it, and that
 * must be the epoch the root gives the key, so a record cannot pass as the work of another
 * generation of the origin. Epochs are distinct within a root. A revoked key stays in the root,
 * so that what it signed is refused as signed by a revoked key rather than by an unknown one.
 *
 * @param publicKey the origin's public key
 * @param epoch     1 or more
 * @param status    active (its records verify) or revoked (they are refused)
 */
public record OriginKey(Ed25519PublicKey publicKey, long epoch, Status status) {

    public OriginKey {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(status, "status");
        if (epoch < 1) {
            throw new TrustFormatException("origin key " + publicKey.id().shortForm() + " has epoch " + epoch
                    + ", epochs start at 1");
        }
    }

    public KeyId id() {
        return publicKey.id();
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    OriginKey revoked() {
        return new OriginKey(publicKey, epoch, Status.REVOKED);
    }

    /** Whether an origin key's signatures are accepted. */
    public enum Status {
        ACTIVE("active"),
        REVOKED("revoked");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Status fromWireName(String name, String where) {
            for (Status s : values()) {
                if (s.wireName.equals(name)) {
                    return s;
                }
            }
            throw new TrustFormatException(where + " must be active or revoked, found '" + name + "'");
        }
    }
}
