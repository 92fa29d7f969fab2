package org.herd.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class BrowsePhaseTest {

    @Test
    void quantilesAreNearestRank() {
        long[] micros = new long[100];
        for (int i = 0; i < micros.length; i++) {
            micros[i] = (i + 1) * 1_000L;
        }
        assertThat(BrowsePhase.ms(micros, 0.50)).isEqualTo(50.0);
        assertThat(BrowsePhase.ms(micros, 0.95)).isEqualTo(95.0);
        assertThat(BrowsePhase.ms(micros, 0.99)).isEqualTo(99.0);
        assertThat(BrowsePhase.ms(new long[] {7_000}, 0.99)).isEqualTo(7.0);
    }

    @Test
    void browseRunsByDefaultAndNoBrowseLeavesItOut() {
        BrowseOptions defaults = BenchOptions.parse().browse();
        assertThat(defaults).isEqualTo(new BrowseOptions(true, 2000, 8));
        assertThat(BenchOptions.parse("--no-browse", "--browse-clients", "2").browse())
                .isEqualTo(new BrowseOptions(false, 2000, 2));
        assertThatThrownBy(() -> BenchOptions.parse("--browse-requests", "0"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--browse-requests");
    }
}
