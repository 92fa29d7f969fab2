package org.herd.trust;

import java.util.Objects;

/** One change a trust root ceremony proposes for the next version (see {@link RootCeremony#propose}). */
public sealed interface RootChange {

    /** Adds a trustee. */
    record AddTrustee(Ed25519PublicKey publicKey, String name) implements RootChange {
        public AddTrustee {
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    /** Removes a trustee. The threshold must still be reachable by those left. */
    record RemoveTrustee(KeyId id) implements RootChange {
        public RemoveTrustee {
            Objects.requireNonNull(id, "id");
        }
    }

    /** Sets how many trustees must sign. */
    record SetThreshold(int threshold) implements RootChange {
    }

    /**
     * Adds a new origin key at an epoch one above the highest so far. The keys that were active
     * stay active (a planned rotation: what they signed stays valid, and the sidecar moves to the
     * new key) or are revoked (the old key is lost or compromised: what it signed is refused, and
     * the new key must publish everything again).
     */
    record RotateOriginKey(Ed25519PublicKey newKey, boolean revokePrevious) implements RootChange {
        public RotateOriginKey {
            Objects.requireNonNull(newKey, "newKey");
        }
    }

    /** Revokes one origin key; it stays listed, so that its records are refused as revoked. */
    record RevokeOriginKey(KeyId id) implements RootChange {
        public RevokeOriginKey {
            Objects.requireNonNull(id, "id");
        }
    }
}
