package org.herd.trust;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The trust root a mirror (or a sidecar) currently trusts, and whether it has expired.
 *
 * <p>The rules follow TUF's client workflow for root metadata (The Update Framework
 * specification, section 5.3, "Update the root role"):
 * <ul>
 *   <li>The first root is pinned: given by the operator out of band, and accepted if it is signed
 *       by at least its own threshold of its own trustees (for version 1 there is nothing else to
 *       check it against).</li>
 *   <li>Version N+1 is accepted only if it is signed by at least version N's threshold of
 *       version N's trustees, and by at least its own threshold of its own trustees. The first
 *       rule means only the trustees already trusted can hand over; the second that the new
 *       trustees have accepted the new root (TUF 5.3.4).</li>
 *   <li>Versions go up by exactly one (TUF 5.3.5): a lower or equal version offered later is a
 *       rollback and is refused; a higher one must wait for the versions between.</li>
 *   <li>The origin never changes; origin keys change only as {@link RootRules} allows.</li>
 *   <li>Signatures count once per distinct trustee key id; signatures by keys that are not
 *       trustees are ignored.</li>
 *   <li>Expiry does not refuse a root. TUF checks it only on the final root (5.3.10) to detect a
 *       freeze, and a mirror's job is to keep the catalogue when no newer root comes: an expired
 *       root stays current, {@code expired} says so, and the mirror keeps verifying against it
 *       and reports it.</li>
 * </ul>
 *
 * <p>A state is made only by {@link #pin} and {@link #offer}, never from parts, so holding one
 * means its root passed these checks. Immutable.
 */
public final class TrustState {

    private final SignedRoot current;
    private final boolean expired;
    private final Duration expiresIn;

    private TrustState(SignedRoot current, Instant now) {
        this.current = Objects.requireNonNull(current, "current");
        this.expiresIn = Duration.between(Objects.requireNonNull(now, "now"), current.root().expires());
        this.expired = !now.isBefore(current.root().expires());
    }

    /** The trusted root file. */
    public SignedRoot current() {
        return current;
    }

    /** Whether the root had expired at the time this state was computed. */
    public boolean expired() {
        return expired;
    }

    /** Time from then until expiry; zero or negative once expired. */
    public Duration expiresIn() {
        return expiresIn;
    }

    /**
     * Starts trusting {@code root}, given out of band: accepted when signed by its own threshold
     * of its own trustees.
     */
    public static RootUpdate pin(SignedRoot root, Instant now) {
        RootRules.Tally own = RootRules.tally(root, root.root());
        if (!own.met()) {
            return RootUpdate.refused(null, thresholdFailure(own),
                    "version " + root.version() + " has " + own.describe("version " + root.version()));
        }
        TrustState state = at(root, now);
        return RootUpdate.accepted(state, "pinned " + root.root() + state.expiryNote());
    }

    /** {@link #pin(SignedRoot, Instant)} of a root file's bytes. */
    public static RootUpdate pin(byte[] file, Instant now) {
        try {
            return pin(SignedRoot.parse(file), now);
        } catch (TrustFormatException e) {
            return RootUpdate.refused(null, RootFailure.MALFORMED, e.getMessage());
        }
    }

    /** Offers the next root; see the class comment for what is accepted. */
    public RootUpdate offer(SignedRoot next, Instant now) {
        TrustRoot trusted = current.root();
        TrustRoot candidate = next.root();
        TrustState unchanged = at(current, now);
        if (candidate.version() <= trusted.version()) {
            // TUF (5.3.5) discards an equal version quietly; it is refused here too, and the detail
            // tells a re-delivery of the trusted root from a different root under the same number.
            String same = candidate.version() != trusted.version() ? ""
                    : next.sameContent(current) ? " (it is the trusted root again)"
                    : " (and differs from the trusted root of that version)";
            return RootUpdate.refused(unchanged, RootFailure.ROLLBACK, "version " + candidate.version()
                    + " is not newer than the trusted version " + trusted.version() + same);
        }
        if (candidate.version() != trusted.version() + 1) {
            return RootUpdate.refused(unchanged, RootFailure.VERSION_GAP, "version " + candidate.version()
                    + " cannot follow the trusted version " + trusted.version() + "; version "
                    + (trusted.version() + 1) + " must come first");
        }
        if (!candidate.origin().equals(trusted.origin())) {
            return RootUpdate.refused(unchanged, RootFailure.ORIGIN_CHANGED, "version " + candidate.version()
                    + " is for origin '" + candidate.origin() + "', the trusted root is for '" + trusted.origin() + "'");
        }
        RootRules.Tally previous = RootRules.tally(next, trusted);
        if (!previous.met()) {
            return RootUpdate.refused(unchanged, thresholdFailure(previous), "version " + candidate.version()
                    + " has " + previous.describe("version " + trusted.version()));
        }
        RootRules.Tally own = RootRules.tally(next, candidate);
        if (!own.met()) {
            return RootUpdate.refused(unchanged, thresholdFailure(own), "version " + candidate.version()
                    + " has " + own.describe("version " + candidate.version() + " itself"));
        }
        Optional<String> keyProblem = RootRules.keyChangeProblem(trusted, candidate);
        if (keyProblem.isPresent()) {
            return RootUpdate.refused(unchanged, RootFailure.INVALID_KEY_CHANGE, "version " + candidate.version()
                    + ": " + keyProblem.get());
        }
        TrustState state = at(next, now);
        return RootUpdate.accepted(state, "accepted " + candidate + state.expiryNote());
    }

    /** {@link #offer(SignedRoot, Instant)} of a root file's bytes. */
    public RootUpdate offer(byte[] file, Instant now) {
        try {
            return offer(SignedRoot.parse(file), now);
        } catch (TrustFormatException e) {
            return RootUpdate.refused(at(current, now), RootFailure.MALFORMED, e.getMessage());
        }
    }

    /**
     * Offers {@code roots} in order and stops at the first one refused; the result's state is the
     * last one accepted.
     */
    public RootUpdate offerAll(List<SignedRoot> roots, Instant now) {
        RootUpdate last = RootUpdate.accepted(at(current, now), "nothing offered");
        for (SignedRoot root : roots) {
            last = last.state().offer(root, now);
            if (!last.accepted()) {
                return last;
            }
        }
        return last;
    }

    /** The same root, with expiry computed at {@code now}. */
    public TrustState at(Instant now) {
        return at(current, now);
    }

    public TrustRoot root() {
        return current.root();
    }

    private static TrustState at(SignedRoot root, Instant now) {
        return new TrustState(root, now);
    }

    private String expiryNote() {
        return expired ? "; EXPIRED " + expiresIn.negated().toSeconds() + " s ago: verifying against it until a newer "
                + "version is accepted" : "";
    }

    /** BAD_SIGNATURE when a trustee's signature failed to verify, else THRESHOLD_NOT_MET. */
    private static RootFailure thresholdFailure(RootRules.Tally tally) {
        return tally.invalid().isEmpty() ? RootFailure.THRESHOLD_NOT_MET : RootFailure.BAD_SIGNATURE;
    }

    @Override
    public String toString() {
        return current.root() + (expired ? ", EXPIRED " + expiresIn.negated().toSeconds() + " s ago"
                : ", expires in " + expiresIn.toSeconds() + " s");
    }
}
