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
        double seconds = 10 + 400 * scale;
        return new ScaleSeries.Point(scale, Math.round(28_700_000 * scale), Math.round(2.5e7 * scale),
                Math.round(2.4e7 * scale), 2 * seconds, pgloaderSeconds, seconds, 2.5e7 * scale / seconds, seconds / 2,
                1000, seconds / 10, Map.of("sidecar", seconds, "replicator", seconds / 2, "total", 2 * seconds),
                Map.of("total", seconds), 300 + 100 * scale, 250 + 50 * scale, 240, "equal", "equal", 5 * seconds,
                "1.0", null);
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
    void aSeriesNeedsTwoScalesAndSortsThem() {
        assertThat(new ScaleOptions(List.of(0.1, 0.005, 0.02, 0.02)).scales()).containsExactly(0.005, 0.02, 0.1);
        assertThatThrownBy(() -> new ScaleOptions(List.of(0.02))).hasMessageContaining("at least 2 scales");
        assertThatThrownBy(() -> new ScaleOptions(List.of(0.02, 0.0))).hasMessageContaining("(0, 100]");
        assertThat(ScaleOptions.NONE.series()).isFalse();
    }
}
