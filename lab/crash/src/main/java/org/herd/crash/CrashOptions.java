package org.herd.crash;

import java.nio.file.Path;

/**
 * Options of {@code herd crash}, as {@link CrashCommand} parses them.
 *
 * @param cycles  kill-and-restart cycles (at least 1)
 * @param seed    seed of the generated site, the workload and the harness's choices
 * @param scale   size of the generated site; 1 is what.cd-sized
 * @param rate    workload steps per second while the cycles run
 * @param workDir where servers keep their data and children their logs; null = a temp dir,
 *                deleted after a run that passes
 */
public record CrashOptions(int cycles, long seed, double scale, int rate, Path workDir) {

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

    /** The options of {@code herd crash ARGS}; throws picocli's ParameterException naming a bad one. */
    public static CrashOptions parse(String... args) {
        return CrashCommand.parse(args);
    }
}
