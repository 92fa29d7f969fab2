package org.herd.crash;

import java.nio.file.Path;

/**
 * Options of {@code herd crash}.
 *
 * @param cycles  kill-and-restart cycles (at least 1)
 * @param seed    seed of the generated site, the workload and the harness's choices
 * @param scale   size of the generated site; 1 is what.cd-sized
 * @param rate    workload steps per second while the cycles run
 * @param workDir where servers keep their data and children their logs; null = a temp dir,
 *                deleted after a run that passes
 */
public record CrashOptions(int cycles, long seed, double scale, int rate, Path workDir) {

    public static final int DEFAULT_CYCLES = 20;
    public static final double DEFAULT_SCALE = 0.0005;
    public static final int DEFAULT_RATE = 20;

    public CrashOptions {
        if (cycles < 1) {
            throw new IllegalArgumentException("--cycles must be at least 1, not " + cycles);
        }
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("--scale must be above 0 and at most 1, not " + scale);
        }
        if (rate < 1) {
            throw new IllegalArgumentException("--rate must be at least 1 step per second, not " + rate);
        }
    }

    public static CrashOptions parse(String... args) {
        int cycles = DEFAULT_CYCLES;
        long seed = 1;
        double scale = DEFAULT_SCALE;
        int rate = DEFAULT_RATE;
        Path workDir = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--cycles" -> cycles = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--scale" -> scale = Double.parseDouble(value);
                    case "--rate" -> rate = Integer.parseInt(value);
                    case "--work-dir" -> workDir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a number, not '" + value + "'");
            }
        }
        return new CrashOptions(cycles, seed, scale, rate, workDir);
    }
}
