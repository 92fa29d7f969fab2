package org.herd.testkit;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import org.herd.verify.Verification;

/**
 * Whether a mirror holds exactly the origin's public state, and waiting until it does, with
 * {@code herd verify}'s comparison ({@link Verification}). The tests, the demo and the crash
 * harness wait with it after changes at the origin. Each look is a single pass: a look that finds
 * the mirror behind is followed by another after {@link #POLL}, so re-checks inside one look
 * would only make the wait longer.
 *
 * @param origin  the origin as its sidecar publishes it (translator settings, tables, lookups)
 * @param gazelle opens connections to the Gazelle database
 */
public record MirrorConvergence(Verification.Origin origin, Verification.Connector gazelle) {

    /** The pause between two looks. */
    public static final Duration POLL = Duration.ofSeconds(1);

    public MirrorConvergence {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(gazelle, "gazelle");
    }

    /** One look: the comparison in a single pass, without re-checks. */
    public Verification.Result compare(Verification.Connector mirror) throws SQLException, InterruptedException {
        return Verification.compare(origin, gazelle, mirror, Verification.Settings.SINGLE_PASS);
    }

    /** Looks until the mirror equals the origin or {@code atMost} has passed; returns the last look. */
    public Verification.Result await(Verification.Connector mirror, Duration atMost)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            Verification.Result result = compare(mirror);
            if (result.equal() || System.nanoTime() - deadline > 0) {
                return result;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * As {@link #await}, for tests: fails with the last look's report when the mirror does not equal
     * the origin within {@code atMost}.
     */
    public Verification.Result awaitEqual(Verification.Connector mirror, Duration atMost)
            throws SQLException, InterruptedException {
        Verification.Result result = await(mirror, atMost);
        if (!result.equal()) {
            throw new AssertionError("the mirror of origin '" + origin.name() + "' does not equal the origin after "
                    + atMost.toSeconds() + " s:\n" + result.report("mirror"));
        }
        return result;
    }
}
