package org.herd.demo;

/**
 * Options of {@code herd demo}.
 *
 * @param once  compare the mirrors with the origin at the end and exit with the verdict
 * @param scale size of the generated Gazelle site (1 = what.cd-sized)
 * @param steps live workload steps
 * @param seed  seed of the generated data and workload
 */
public record DemoOptions(boolean once, double scale, int steps, long seed) {

    public static final double DEFAULT_SCALE = 0.001;

    public DemoOptions {
        if (!(scale > 0 && scale <= 2)) {
            throw new IllegalArgumentException("--scale must be in (0, 2], got " + scale);
        }
        if (steps < 0 || steps > 1_000_000) {
            throw new IllegalArgumentException("--steps must be in [0, 1000000], got " + steps);
        }
    }

    public static DemoOptions parse(String... args) {
        boolean once = false;
        double scale = DEFAULT_SCALE;
        int steps = 30;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--once" -> once = true;
                case "--scale" -> scale = number(a, value(args, ++i, a));
                case "--steps" -> steps = (int) number(a, value(args, ++i, a));
                case "--seed" -> seed = (long) number(a, value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return new DemoOptions(once, scale, steps, seed);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static double number(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
        }
    }
}
