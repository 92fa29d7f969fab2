package org.herd.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RowCountsTest {

    @Test
    void countsAddUpByClass() {
        RowCounts r = RowCounts.of(RowClass.PUBLIC, 3).plus(RowCounts.of(RowClass.NOISE, 5))
                .plus(RowCounts.of(RowClass.UNCAPTURED, 2)).plus(RowCounts.of(RowClass.PUBLIC, 1));
        assertThat(r).isEqualTo(new RowCounts(4, 5, 2));
        assertThat(r.total()).isEqualTo(11);
        assertThat(r.captured()).isEqualTo(9);
        assertThat(r.share(RowClass.NOISE)).isEqualTo(5 / 11.0);
        assertThat(RowCounts.NONE.share(RowClass.PUBLIC)).isZero();
        assertThatThrownBy(() -> new RowCounts(-1, 0, 0)).hasMessageContaining("negative");
    }
}
