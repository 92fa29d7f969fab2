package org.herd.simulator;

/**
 * What to generate.
 *
 * @param seed  every generated value follows from it: the same seed and scale give the same rows
 * @param scale 1 is a what.cd-sized site (1M release groups, 2.5M torrents); counts scale linearly,
 *              with a floor so that tiny scales still populate every table
 */
public record GeneratorSettings(long seed, double scale) {

    public GeneratorSettings {
        if (!(scale > 0) || Double.isInfinite(scale) || scale > 100) {
            throw new IllegalArgumentException("scale must be a number in (0, 100], was " + scale);
        }
    }
}
