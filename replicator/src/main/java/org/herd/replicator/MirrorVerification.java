package org.herd.replicator;

/**
 * The parts of a mirror that verify the origin's signatures, as the apply loop uses them: the trust
 * itself, the follower of the trust topic, the comparison with checkpoints and the second look at
 * refused records. On a mirror that does not verify only {@link #trust()} is set.
 */
public record MirrorVerification(MirrorTrust trust, TrustRootFollower roots, CheckpointWatch checkpoints,
        RejectRetriage retriage) {

    /** A mirror that does not verify. */
    public static MirrorVerification off(String origin) {
        return new MirrorVerification(MirrorTrust.off(origin), null, null, null);
    }

    public boolean verifying() {
        return trust.verifying();
    }
}
