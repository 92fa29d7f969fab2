package org.herd.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankValuesThatWereMeasured() {
        // 1 .. 100 ms, shuffled: p50 is the 50th value, p95 the 95th, p99 the 99th.
        double[] ms = IntStream.rangeClosed(1, 100).map(i -> (i * 37) % 100 + 1).asDoubleStream().toArray();
        Latencies l = Latencies.of(ms);
        assertThat(l.count()).isEqualTo(100);
        assertThat(l.p50Ms()).isEqualTo(50);
        assertThat(l.p95Ms()).isEqualTo(95);
        assertThat(l.p99Ms()).isEqualTo(99);
        assertThat(l.maxMs()).isEqualTo(100);
    }

    @Test
    void fewValuesRoundTheRankUp() {
        double[] sorted = {10, 20, 30};
        assertThat(Latencies.percentile(sorted, 50)).isEqualTo(20);
        assertThat(Latencies.percentile(sorted, 99)).isEqualTo(30);
        assertThat(Latencies.percentile(sorted, 1)).isEqualTo(10);
        assertThat(Latencies.percentile(new double[] {7}, 99)).isEqualTo(7);
    }

    @Test
    void noValuesHaveNoPercentiles() {
        assertThat(Latencies.of(new double[0])).isEqualTo(Latencies.NONE);
        assertThat(Latencies.percentile(new double[0], 50)).isNaN();
        assertThatThrownBy(() -> Latencies.percentile(new double[] {1}, 0)).hasMessageContaining("(0, 100]");
    }
}
