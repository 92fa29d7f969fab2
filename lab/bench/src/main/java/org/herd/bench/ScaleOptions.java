package org.herd.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --scales S1,S2,...} and {@code --repeat N}: instead of one full run, generate a site and
 * measure pgloader, Herd's snapshot, PostgreSQL COPY and a late mirror on it ({@link ScaleSeries}),
 * at each scale or at {@code --scale} alone, N times over. With two scales or more the figures are
 * projected to scale 1 by least squares; of a scale measured more than once the report gives each
 * figure's median, lowest and highest, since two runs of the same copy on this kind of machine
 * differ by a tenth or more (docs/benchmarks.md). No scales and one run (the default): one full run
 * at {@code --scale}.
 *
 * @param scales the scales, sorted, each once; empty for {@code --scale} alone
 * @param repeat how many times each scale is measured, 1 to {@link #MAX_REPEAT}
 */
record ScaleOptions(List<Double> scales, int repeat) {

    static final int MAX_REPEAT = 20;
    static final ScaleOptions NONE = new ScaleOptions(List.of(), 1);

    ScaleOptions {
        for (double s : scales) {
            if (!(s > 0) || s > 100) {
                throw new IllegalArgumentException("--scales must be numbers in (0, 100], got " + s);
            }
        }
        if (scales.size() == 1) {
            throw new IllegalArgumentException("--scales needs at least 2 scales to project from, got " + scales
                    + "; for one scale use --scale");
        }
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new IllegalArgumentException("--repeat must be 1 to " + MAX_REPEAT + ", got " + repeat);
        }
        scales = scales.stream().sorted().distinct().toList();
    }

    /** Scales measured once each. */
    ScaleOptions(List<Double> scales) {
        this(scales, 1);
    }

    boolean series() {
        return !scales.isEmpty() || repeat > 1;
    }

    /**
     * The sites to measure, in order: every scale once per round, {@link #repeat} rounds, so that
     * a slower spell of the machine falls on each scale alike rather than on one.
     *
     * @param scale {@code --scale}, measured when no scales are given
     */
    List<Double> runs(double scale) {
        List<Double> each = scales.isEmpty() ? List.of(scale) : scales;
        List<Double> runs = new ArrayList<>();
        for (int round = 0; round < repeat; round++) {
            runs.addAll(each);
        }
        return List.copyOf(runs);
    }
}
