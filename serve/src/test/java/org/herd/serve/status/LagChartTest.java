package org.herd.serve.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagChartTest {

    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

    @Test
    void samplesBecomeOnePointEachLeftToRightScaledToTheHighest() {
        String svg = LagChart.svg(List.of(new LagChart.Sample(NOW.minus(Duration.ofHours(6)), 0),
                new LagChart.Sample(NOW.minus(Duration.ofHours(3)), 4000),
                new LagChart.Sample(NOW, 2000)), NOW, Duration.ofHours(6));
        String points = svg.replaceAll("(?s).*points=\"([^\"]*)\".*", "$1");
        // Plot: x from 48 to 592, y from 140 (0 s) up to 10 (the highest sample, 4 s).
        assertThat(points).isEqualTo("48.0,140.0 320.0,10.0 592.0,75.0");
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains(">4 s</text>", ">0 s</text>", ">-6 h</text>",
                ">now</text>");
    }

    @Test
    void anEmptyWindowSaysSoAndTheScaleIsAtLeastASecond() {
        String svg = LagChart.svg(List.of(), NOW, Duration.ofHours(6));
        assertThat(svg).doesNotContain("polyline").contains("no live changes applied in this window", ">1 s</text>");
    }

    @Test
    void lagsAreWrittenInTheirUnit() {
        assertThat(LagChart.seconds(250)).isEqualTo("0.25 s");
        assertThat(LagChart.seconds(1000)).isEqualTo("1 s");
        assertThat(LagChart.seconds(45_000)).isEqualTo("45 s");
        assertThat(LagChart.seconds(900_000)).isEqualTo("15.0 min");
    }
}
