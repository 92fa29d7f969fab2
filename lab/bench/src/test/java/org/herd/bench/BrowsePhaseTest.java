package org.herd.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
        assertThat(defaults).isEqualTo(new BrowseOptions(true, 2000, 8, List.of(10, 20, 40, 80), 10));
        assertThat(BenchOptions.parse("--no-browse", "--browse-clients", "2", "--browse-rates", "5,50",
                "--browse-rate-seconds", "3").browse()).isEqualTo(new BrowseOptions(false, 2000, 2, List.of(5, 50), 3));
        assertThatThrownBy(() -> BenchOptions.parse("--browse-requests", "0"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--browse-requests");
        assertThatThrownBy(() -> BenchOptions.parse("--browse-rates", "10,0"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--browse-rates");
    }

    @Test
    void kindsAreReadFromTheParameters() {
        assertThat(BrowsePhase.kindOf("action=browse&searchstr=Alpha")).isEqualTo("one word");
        assertThat(BrowsePhase.kindOf("action=browse&searchstr=Alpha+Beta&year=1990-1995")).isEqualTo("two words");
        assertThat(BrowsePhase.kindOf("action=browse&artistname=Gamma&format=FLAC")).isEqualTo("artist name");
        assertThat(BrowsePhase.kindOf("action=browse&taglist=rock&order_by=year&order_way=asc")).isEqualTo("tag");
        assertThat(BrowsePhase.kindOf("action=browse&page=3")).isEqualTo("later page");
        assertThat(BrowsePhase.kindOf("action=browse&releasetype=1&order_by=size&order_way=desc"))
                .isEqualTo("listing");
    }

    @Test
    void latencyIsGivenPerKindInTheOrderKindsFirstOccur() {
        List<BenchReport.BrowseKind> kinds = BrowsePhase.kinds(List.of("action=browse&searchstr=A",
                "action=browse", "action=browse&searchstr=B", "action=browse&searchstr=C"),
                new long[] {10_000, 99_000, 30_000, 20_000});
        assertThat(kinds).containsExactly(new BenchReport.BrowseKind("one word", 3, 20, 30),
                new BenchReport.BrowseKind("listing", 1, 99, 99));
    }

    private static BenchReport.BrowseStep step(double rate, double p95, int failed) {
        return new BenchReport.BrowseStep(rate, 100, failed, rate, p95 / 2, p95, p95 * 1.2, p95 * 2, "1.0", List.of());
    }

    @Test
    void theHighestRateIsTheLastStepUnderTheBoundBeforeTheFirstOverIt() {
        assertThat(BrowsePhase.highestUnderBound(List.of(step(40, 80, 0), step(10, 20, 0), step(20, 45, 0),
                step(80, 30, 0)))).isEqualTo(20);
        assertThat(BrowsePhase.highestUnderBound(List.of(step(10, 20, 1), step(20, 30, 0)))).isNaN();
        assertThat(BrowsePhase.highestUnderBound(List.of(step(10, 60, 0)))).isNaN();
        assertThat(BrowsePhase.highestUnderBound(List.of())).isNaN();
    }
}
