package org.herd.trust;

import java.util.Objects;

/**
 * The outcome of offering a trust root: the trust state afterwards, and when the root was not
 * accepted, why. A refused root leaves the state as it was.
 *
 * @param state   the state after the offer: the new root's when accepted, else the previous one
 *                (null when a first root was refused and there is no state)
 * @param failure null when accepted
 * @param detail  what happened, for logs: versions, counts, key ids; never key material
 */
public record RootUpdate(TrustState state, RootFailure failure, String detail) {

    public RootUpdate {
        Objects.requireNonNull(detail, "detail");
    }

    static RootUpdate accepted(TrustState state, String detail) {
        return new RootUpdate(Objects.requireNonNull(state, "state"), null, detail);
    }

    static RootUpdate refused(TrustState unchanged, RootFailure failure, String detail) {
        return new RootUpdate(unchanged, Objects.requireNonNull(failure, "failure"), detail);
    }

    public boolean accepted() {
        return failure == null;
    }

    @Override
    public String toString() {
        return (accepted() ? "accepted: " : failure.wireName() + ": ") + detail;
    }
}
