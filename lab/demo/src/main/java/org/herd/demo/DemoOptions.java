package org.herd.demo;

/**
 * Options of {@code herd demo}, as {@link DemoCommand} parses them.
 *
 * @param once  compare the mirrors with the origin at the end and exit with the verdict
 * @param survival tell the survival story after the workload: an archive, the origin switched off
 *                 (its topics deleted), a new mirror born from the archive ({@link Survival})
 * @param scale size of the generated Gazelle site (1 = what.cd-sized)
 * @param steps live workload steps
 * @param seed  seed of the generated data and workload
 * @param port  port of the mirror's site (0: any free one)
 */
public record DemoOptions(boolean once, boolean survival, double scale, int steps, long seed, int port) {

    /** The site's usual port. */
    public static final int DEFAULT_PORT = 8080;

    public DemoOptions {
        if (!(scale > 0 && scale <= 2)) {
            throw new IllegalArgumentException("--scale must be in (0, 2], got " + scale);
        }
        if (steps < 0 || steps > 1_000_000) {
            throw new IllegalArgumentException("--steps must be in [0, 1000000], got " + steps);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in [0, 65535], got " + port);
        }
    }

    /** The options of {@code herd demo ARGS}; throws picocli's ParameterException naming a bad one. */
    public static DemoOptions parse(String... args) {
        return DemoCommand.parse(args);
    }
}
