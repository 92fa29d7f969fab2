package org.herd.bench;

import java.util.List;
import java.util.Locale;

/**
 * The highest rate of binlog row changes at which the mirror's lag stayed under a bound at p99,
 * from the streaming phase's steps. A step passes when the load generator sustained its target
 * ({@code sustained}), every lag marker reached the mirror, and the p99 lag was under the bound. The
 * answer is the last passing step (in the order of rising achieved rates, before the first step
 * that failed on lag), and when the next step failed on lag alone, the rate at which the p99 line
 * between the two crosses the bound: an interpolation, reported as one.
 *
 * <p>A step the generator did not sustain still carried its achieved rate through the pipeline,
 * and its lag was measured at that rate: the highest achieved rate of any step with every marker
 * through and p99 under the bound is reported beside the curve as what Herd carried, so that a
 * generator that cannot reach a target does not hide how far the pipeline kept up.
 */
final class RateCurve {

    /** One step of the curve. */
    record Step(double target, double achieved, boolean sustained, long markersLost, double lagP99Ms) {

        boolean passes(double boundMs) {
            return sustained && keptUp(boundMs);
        }

        /** Every marker through and p99 under the bound, whatever rate the generator reached. */
        boolean keptUp(double boundMs) {
            return markersLost == 0 && lagP99Ms < boundMs;
        }
    }

    /**
     * @param lastPassing      the achieved rate of the last passing step, or NaN when none passed
     * @param interpolated     where p99 crosses the bound between the last passing step and the next
     *                         one, or NaN when there is no such pair
     * @param limitedBy        what ended the curve: "lag" (a step's p99 or lost markers), "generator" (a
     *                         step whose target the load generator did not reach), or "none" (every step passed)
     * @param carried          the highest achieved rate of any step, sustained or not, whose markers all
     *                         arrived with p99 under the bound, or NaN when none did
     * @param carriedP99Ms     that step's p99 lag, or NaN
     */
    record Highest(double boundMs, double lastPassing, double interpolated, String limitedBy, double carried,
            double carriedP99Ms) {

        String describe() {
            if (Double.isNaN(lastPassing)) {
                return String.format(Locale.ROOT, "no step had its p99 lag under %,.0f ms (limited by %s)", boundMs,
                        limitedBy);
            }
            String s = String.format(Locale.ROOT, "%,.0f binlog row changes/s, the last step with p99 lag under %,.0f "
                    + "ms", lastPassing, boundMs);
            if (!Double.isNaN(interpolated)) {
                s += String.format(Locale.ROOT, "; about %,.0f/s interpolated between it and the next", interpolated);
            }
            s += switch (limitedBy) {
                case "none" -> " (every step passed: the highest is above the last step)";
                case "generator" -> " (the next step's target was not reached by the load generator)";
                default -> " (the next step's lag was over)";
            };
            if (!Double.isNaN(carried) && carried > lastPassing) {
                s += String.format(Locale.ROOT, "; the pipeline carried up to %,.0f/s, a step the generator did not "
                        + "sustain, with p99 lag %,.0f ms", carried, carriedP99Ms);
            }
            return s;
        }
    }

    private RateCurve() {
    }

    static Highest highest(List<Step> steps, double boundMs) {
        List<Step> sorted = steps.stream().sorted((a, b) -> Double.compare(a.target(), b.target())).toList();
        Step carried = sorted.stream().filter(s -> s.keptUp(boundMs))
                .max((a, b) -> Double.compare(a.achieved(), b.achieved())).orElse(null);
        double carriedRate = carried == null ? Double.NaN : carried.achieved();
        double carriedP99 = carried == null ? Double.NaN : carried.lagP99Ms();
        Step passing = null;
        for (Step s : sorted) {
            if (s.passes(boundMs)) {
                passing = s;
                continue;
            }
            String limitedBy = s.sustained() ? "lag" : "generator";
            double crossing = Double.NaN;
            if (passing != null && s.sustained() && s.markersLost() == 0 && s.achieved() > passing.achieved()) {
                crossing = passing.achieved() + (boundMs - passing.lagP99Ms()) / (s.lagP99Ms() - passing.lagP99Ms())
                        * (s.achieved() - passing.achieved());
            }
            return new Highest(boundMs, passing == null ? Double.NaN : passing.achieved(), crossing, limitedBy,
                    carriedRate, carriedP99);
        }
        return new Highest(boundMs, passing == null ? Double.NaN : passing.achieved(), Double.NaN, "none",
                carriedRate, carriedP99);
    }
}
