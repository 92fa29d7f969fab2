package org.herd.demo;

/**
 * Options of {@code herd demo}, as {@link DemoCommand} parses them.
 *
 * @param once  compare the mirrors with the origin at the end and exit with the verdict
 * @param scale size of the generated Gazelle site (1 = what.cd-sized)
 * @param steps live workload steps
 * @param seed  seed of the generated data and workload
 */
public record DemoOptions(boolean once, double scale, int steps, long seed) {

    public DemoOptions {
        if (!(scale > 0 && scale <= 2)) {
            throw new IllegalArgumentException("--scale must be in (0, 2], got " + scale);
        }
        if (steps < 0 || steps > 1_000_000) {
            throw new IllegalArgumentException("--steps must be in [0, 1000000], got " + steps);
        }
    }

    /** The options of {@code herd demo ARGS}; throws picocli's ParameterException naming a bad one. */
    public static DemoOptions parse(String... args) {
        return DemoCommand.parse(args);
    }
}
