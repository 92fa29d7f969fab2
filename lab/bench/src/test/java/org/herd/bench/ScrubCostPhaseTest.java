package org.herd.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.sidecar.source.SidecarTranslator;
import org.junit.jupiter.api.Test;

/** The second sidecar of the scrub cost: scrubbing off, its own topics and replication client id. */
class ScrubCostPhaseTest {

    @Test
    void everyFreeTextColumnIsKeptOnTopicsAndAReplicaIdOfItsOwn() {
        List<String> first = List.of("herd.sidecar.origin=bench", "herd.sidecar.source.server-id=1234",
                "herd.sidecar.kafka.bootstrap-servers=localhost:9092");
        List<String> second = ScrubCostPhase.sidecarProperties(first, GazelleVariant.WHATCD);
        assertThat(second).contains("herd.sidecar.origin=bench", "herd.sidecar.kafka.bootstrap-servers=localhost:9092",
                "herd.sidecar.source.server-id=1235", "herd.sidecar.kafka.topic-prefix=herd.bench-noscrub",
                "herd.sidecar.privacy.text.columns[torrents.Description]=keep")
                .doesNotContain("herd.sidecar.source.server-id=1234");
        List<String> columns = SidecarTranslator.freeTextColumns(GazelleVariant.WHATCD);
        assertThat(columns).isNotEmpty();
        assertThat(second.stream().filter(p -> p.startsWith("herd.sidecar.privacy.text.columns[")))
                .hasSameSizeAs(columns).allSatisfy(p -> assertThat(p).endsWith("]=keep"));
        assertThatThrownBy(() -> ScrubCostPhase.sidecarProperties(List.of("herd.sidecar.origin=bench"),
                GazelleVariant.WHATCD)).hasMessageContaining("server-id");
    }

    @Test
    void theScrubberIsTimedOverEveryFreeTextValueOfTheSite() {
        BenchReport.ScrubCost.Direct d = ScrubCostPhase.direct(new org.herd.simulator.GeneratorSettings(3, 0.0005),
                GazelleVariant.WHATCD, 10.0);
        assertThat(d.texts()).isGreaterThan(1_000);
        assertThat(d.bytes()).isGreaterThan(d.texts());
        // The generator plants rip-log home directories and other findings in some texts.
        assertThat(d.findings()).isPositive();
        assertThat(d.cpuSeconds()).isPositive();
        assertThat(d.share()).isEqualTo(Math.round(d.cpuSeconds() / 10.0 * 1000) / 1000.0);
    }
}
