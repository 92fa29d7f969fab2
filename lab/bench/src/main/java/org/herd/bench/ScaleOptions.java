package org.herd.bench;

import java.util.List;

/**
 * {@code --scales S1,S2,...}: instead of one full run, generate a site at each scale and measure
 * pgloader, Herd's snapshot and a late mirror on it ({@link ScaleSeries}), then project the figures
 * to scale 1 by least squares. Empty (the default): one full run at {@code --scale}.
 */
record ScaleOptions(List<Double> scales) {

    static final ScaleOptions NONE = new ScaleOptions(List.of());

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
        scales = scales.stream().sorted().distinct().toList();
    }

    boolean series() {
        return !scales.isEmpty();
    }
}
