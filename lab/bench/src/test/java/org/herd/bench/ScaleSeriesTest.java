package org.herd.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleSeriesTest {

    /** A point whose times grow as 10 s + 400 s per unit of scale, memory as 300 MiB + 100 per unit. */
    private static ScaleSeries.Point point(double scale, double pgloaderSeconds) {
        return point(scale, 1, 10 + 400 * scale, pgloaderSeconds);
    }

    /**
     * A point of run {@code run} whose snapshot took {@code seconds}, pgloader {@code pgloaderSeconds}
     * (-1: not run), the late mirror half as long and COPY a tenth, for 2.5e7 * scale rows.
     */
    private static ScaleSeries.Point point(double scale, int run, double seconds, double pgloaderSeconds) {
        double rows = 2.5e7 * scale;
        return new ScaleSeries.Point(scale, run, Math.round(28_700_000 * scale), Math.round(rows),
                Math.round(2.4e7 * scale), 2 * seconds, pgloaderSeconds,
                pgloaderSeconds < 0 ? -1 : rows / pgloaderSeconds, seconds, rows / seconds, seconds / 2,
                2.4e7 * scale / (seconds / 2), seconds / 10,
                Map.of("sidecar", seconds, "replicator", seconds / 2, "total", 2 * seconds), Map.of("total", seconds),
                300 + 100 * scale, 250 + 50 * scale, 240, "equal", "equal", 5 * seconds, "1.0", null);
    }

    @Test
    void everyFigureIsProjectedToScaleOneAlongItsLeastSquaresLine() {
        List<ScaleSeries.Point> points = List.of(point(0.005, 3), point(0.02, 6), point(0.1, 22));
        ScaleSeries s = ScaleSeries.of(Machine.describe(), BenchOptions.parse("--scales", "0.005,0.02,0.1"), points,
                100);
        assertThat(s.projection().get("snapshotSeconds").atScale1()).isCloseTo(410, within(0.05));
        assertThat(s.projection().get("snapshotSeconds").rSquared()).isEqualTo(1.0);
        assertThat(s.projection().get("snapshotCpuSeconds.sidecar").atScale1()).isCloseTo(410, within(0.05));
        assertThat(s.projection().get("sidecarPeakRssMib").atScale1()).isCloseTo(400, within(0.05));
        assertThat(s.projection().get("gazelleRows").atScale1()).isCloseTo(28_700_000, within(1.0));
        // 3, 6 and 22 s: the least-squares line 2 + 200 * scale, not a line through two of them.
        assertThat(s.projection().get("pgloaderSeconds").slope()).isCloseTo(200, within(1e-9));
        List<String> lines = new ArrayList<>();
        s.printTable(lines::add);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("1 (projection)").contains("410.0"))
                .anySatisfy(l -> assertThat(l).contains("PROJECTION, not a measurement"));
    }

    @Test
    void withoutPgloaderAtEveryScaleItsTimeIsNotProjected() {
        ScaleSeries s = ScaleSeries.of(Machine.describe(), BenchOptions.parse("--scales", "0.005,0.02"),
                List.of(point(0.005, -1), point(0.02, 6)), 50);
        assertThat(s.projection()).doesNotContainKey("pgloaderSeconds").containsKey("snapshotSeconds");
    }

    @Test
    void aRepeatedScaleReportsEachFiguresMedianLowestAndHighestRunByRun() {
        // Snapshots of 20, 25 and 22 s against pgloader's 5, 10 and 4 s: the ratio's median is
        // taken run by run (0.25, 0.4, 0.18 -> 0.25), not from the two medians (5 / 22).
        List<ScaleSeries.Point> points = List.of(point(0.02, 1, 20, 5), point(0.02, 2, 25, 10),
                point(0.02, 3, 22, 4));
        ScaleSeries s = ScaleSeries.of(Machine.describe(), BenchOptions.parse("--repeat", "3"), points, 90);
        assertThat(s.projection()).as("one scale: nothing to project from").isEmpty();
        assertThat(s.spread()).hasSize(1);
        ScaleSeries.ScaleSpread spread = s.spread().get(0);
        assertThat(spread.scale()).isEqualTo(0.02);
        assertThat(spread.runs()).isEqualTo(3);
        assertThat(spread.figures().get("snapshotSeconds")).isEqualTo(new ScaleSeries.Spread(22, 20, 25));
        assertThat(spread.figures().get("snapshotRowsPerSecond").median()).isCloseTo(500_000 / 22.0, within(1e-6));
        ScaleSeries.Spread ratio = spread.figures().get("snapshotOverPgloader");
        assertThat(ratio.median()).isCloseTo(0.25, within(1e-9));
        assertThat(ratio.lowest()).isCloseTo(4 / 22.0, within(1e-9));
        assertThat(ratio.highest()).isCloseTo(0.4, within(1e-9));
        // The late mirror took half the snapshot's time and COPY a tenth of it: a fifth of the ceiling.
        assertThat(spread.figures().get("lateMirrorOverCopy").median()).isCloseTo(0.2, within(1e-9));
        List<String> lines = new ArrayList<>();
        s.printTable(lines::add);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("3 runs at scale 0.02"))
                .anySatisfy(l -> assertThat(l).startsWith("0.02 #2"))
                .anySatisfy(l -> assertThat(l).contains("Herd / pgloader").contains("0.25 (0.18 to 0.40)"))
                .noneSatisfy(l -> assertThat(l).contains("PROJECTION"));
    }

    @Test
    void aSeriesMeasuredTwiceIsProjectedThroughEveryRunAndSpreadPerScale() {
        List<ScaleSeries.Point> points = List.of(point(0.005, 1, 12, -1), point(0.02, 1, 18, -1),
                point(0.005, 2, 14, -1), point(0.02, 2, 20, -1));
        ScaleSeries s = ScaleSeries.of(Machine.describe(), BenchOptions.parse("--scales", "0.005,0.02", "--repeat",
                "2"), points, 120);
        // The line through (0.005, 12), (0.005, 14), (0.02, 18), (0.02, 20): 11 + 400 * scale.
        assertThat(s.projection().get("snapshotSeconds").atScale1()).isCloseTo(411, within(0.05));
        assertThat(s.spread()).extracting(ScaleSeries.ScaleSpread::scale).containsExactly(0.005, 0.02);
        assertThat(s.spread().get(1).figures().get("snapshotSeconds")).isEqualTo(new ScaleSeries.Spread(19, 18, 20));
        assertThat(s.spread().get(1).figures()).as("no pgloader in these runs").doesNotContainKey(
                "snapshotOverPgloader");
    }

    @Test
    void aSpreadOfAnEvenCountTakesTheMeanOfTheMiddleTwo() {
        assertThat(ScaleSeries.Spread.of(new double[] {4, 1, 3, 2})).isEqualTo(new ScaleSeries.Spread(2.5, 1, 4));
        assertThat(ScaleSeries.Spread.of(new double[] {7})).isEqualTo(new ScaleSeries.Spread(7, 7, 7));
        assertThatThrownBy(() -> ScaleSeries.Spread.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repeatsRunEveryScaleOncePerRoundWithinBounds() {
        assertThat(new ScaleOptions(List.of(0.1, 0.005), 2).runs(0.02)).containsExactly(0.005, 0.1, 0.005, 0.1);
        assertThat(new ScaleOptions(List.of(), 3).runs(0.02)).containsExactly(0.02, 0.02, 0.02);
        assertThat(new ScaleOptions(List.of(), 3).series()).isTrue();
        assertThat(new ScaleOptions(List.of(), 1).series()).isFalse();
        assertThatThrownBy(() -> BenchOptions.parse("--repeat", "0"))
                .hasMessageContaining("--repeat must be 1 to 20, got 0");
        assertThatThrownBy(() -> BenchOptions.parse("--repeat", "21")).hasMessageContaining("got 21");
        assertThatThrownBy(() -> BenchOptions.parse("--repeat", "2", "--generator-only"))
                .hasMessageContaining("--generator-only").hasMessageContaining("--repeat");
    }

    @Test
    void aSeriesNeedsTwoScalesAndSortsThem() {
        assertThat(new ScaleOptions(List.of(0.1, 0.005, 0.02, 0.02)).scales()).containsExactly(0.005, 0.02, 0.1);
        assertThatThrownBy(() -> new ScaleOptions(List.of(0.02))).hasMessageContaining("at least 2 scales");
        assertThatThrownBy(() -> new ScaleOptions(List.of(0.02, 0.0))).hasMessageContaining("(0, 100]");
        assertThat(ScaleOptions.NONE.series()).isFalse();
    }
}
