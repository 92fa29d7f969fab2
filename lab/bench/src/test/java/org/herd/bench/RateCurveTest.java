package org.herd.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateCurveTest {

    private static RateCurve.Step step(double target, double achieved, double p99) {
        return new RateCurve.Step(target, achieved, achieved >= 0.95 * target, 0, p99);
    }

    @Test
    void theHighestIsTheLastPassingStepAndWhereTheP99LineCrossesTheBound() {
        RateCurve.Highest h = RateCurve.highest(List.of(step(1_000, 1_000, 100), step(2_000, 1_990, 300),
                step(5_000, 4_990, 2_300)), 1_000);
        assertThat(h.lastPassing()).isEqualTo(1_990);
        // From 300 ms at 1,990/s to 2,300 ms at 4,990/s: 1,000 ms is 700/2,000 of the way, 1,050/s further.
        assertThat(h.interpolated()).isCloseTo(3_040, within(0.01));
        assertThat(h.limitedBy()).isEqualTo("lag");
        assertThat(h.describe()).contains("1,990", "about 3,040/s interpolated");
    }

    @Test
    void aStepTheGeneratorDidNotReachEndsTheCurveWithoutInterpolation() {
        RateCurve.Highest h = RateCurve.highest(List.of(step(10_000, 8_000, 400), step(5_000, 5_000, 200)), 1_000);
        assertThat(h.lastPassing()).isEqualTo(5_000);
        assertThat(h.interpolated()).isNaN();
        assertThat(h.limitedBy()).isEqualTo("generator");
        // The 10,000 step carried 8,000/s with p99 400 ms although the generator fell short of it.
        assertThat(h.carried()).isEqualTo(8_000);
        assertThat(h.carriedP99Ms()).isEqualTo(400);
        assertThat(h.describe()).contains("carried up to 8,000/s", "p99 lag 400 ms");
    }

    @Test
    void whatThePipelineCarriedNeedsItsMarkersAndItsP99UnderTheBound() {
        RateCurve.Highest h = RateCurve.highest(List.of(step(1_000, 1_000, 100), step(5_000, 4_000, 1_200),
                new RateCurve.Step(7_500, 4_200, false, 2, 300)), 1_000);
        assertThat(h.lastPassing()).isEqualTo(1_000);
        assertThat(h.carried()).isEqualTo(1_000);
        assertThat(h.describe()).doesNotContain("carried");
    }

    @Test
    void lostMarkersFailAStepAndNoPassingStepMeansNoRate() {
        RateCurve.Highest h = RateCurve.highest(List.of(new RateCurve.Step(1_000, 1_000, true, 3, 50)), 1_000);
        assertThat(h.lastPassing()).isNaN();
        assertThat(h.carried()).isNaN();
        assertThat(h.limitedBy()).isEqualTo("lag");
        assertThat(h.describe()).startsWith("no step");
    }

    @Test
    void everyStepPassingSaysTheHighestIsAboveTheLast() {
        RateCurve.Highest h = RateCurve.highest(List.of(step(1_000, 1_000, 10), step(2_000, 2_000, 20)), 1_000);
        assertThat(h.lastPassing()).isEqualTo(2_000);
        assertThat(h.limitedBy()).isEqualTo("none");
        assertThat(h.describe()).contains("above the last step");
    }
}
