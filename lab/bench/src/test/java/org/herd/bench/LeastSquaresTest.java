package org.herd.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    @Test
    void pointsOnALineGiveThatLine() {
        LeastSquares l = LeastSquares.fit(List.of(new LeastSquares.Point(0.005, 20), new LeastSquares.Point(0.02, 50),
                new LeastSquares.Point(0.1, 210)));
        assertThat(l.slope()).isCloseTo(2_000, within(1e-9));
        assertThat(l.intercept()).isCloseTo(10, within(1e-9));
        assertThat(l.rSquared()).isCloseTo(1, within(1e-12));
        assertThat(l.at(1)).isCloseTo(2_010, within(1e-9));
    }

    @Test
    void scatteredPointsGiveTheLeastSquaresLine() {
        // (0,1), (1,3), (2,2): mean x 1, mean y 2; slope = sum dx*dy / sum dx^2 = (-1*-1 + 0*1 + 1*0) / 2 = 0.5.
        LeastSquares l = LeastSquares.fit(List.of(new LeastSquares.Point(0, 1), new LeastSquares.Point(1, 3),
                new LeastSquares.Point(2, 2)));
        assertThat(l.slope()).isCloseTo(0.5, within(1e-12));
        assertThat(l.intercept()).isCloseTo(1.5, within(1e-12));
        // Residuals -0.5, 1, -0.5: 1.5 of a variance of 2.
        assertThat(l.rSquared()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void aLineNeedsTwoDifferentX() {
        assertThatThrownBy(() -> LeastSquares.fit(List.of(new LeastSquares.Point(1, 1))))
                .hasMessageContaining("at least 2 points");
        assertThatThrownBy(() -> LeastSquares.fit(List.of(new LeastSquares.Point(1, 1), new LeastSquares.Point(1, 2))))
                .hasMessageContaining("2 different x");
    }
}
