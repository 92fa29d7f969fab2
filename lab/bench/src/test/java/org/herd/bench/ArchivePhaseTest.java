package org.herd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The time the operator's archive commands print as their own; the phase's option. */
class ArchivePhaseTest {

    @Test
    void theArchiveAndScrubCostPhasesRunOnlyWhenAsked() {
        assertThat(BenchOptions.parse().extra()).isEqualTo(new ExtraPhases(false, false));
        assertThat(BenchOptions.parse("--archive").extra()).isEqualTo(new ExtraPhases(true, false));
        assertThat(BenchOptions.parse("--scrub-cost", "--archive").extra()).isEqualTo(new ExtraPhases(true, true));
    }

    @Test
    void readsTheTimeTheCommandsPrint() {
        List<String> create = List.of("herd archive create: reading herd.bench.* from localhost:9092",
                "wrote /tmp/a: 253866 records of 26 entities at position e1:mysql-bin.000003:4/0#0, 9 bytes "
                        + "(read 253900 records in 7001 ms; 0 after the cut left out)",
                "authentic and complete at position e1:mysql-bin.000003:4/0#0", "done in 12345 ms");
        assertThat(ArchivePhase.ownSeconds(create, ArchivePhase.CREATED_IN)).isEqualTo(12.345);
        assertThat(ArchivePhase.ownSeconds(List.of("authentic and complete", "checked in 850 ms"),
                ArchivePhase.CHECKED_IN)).isEqualTo(0.85);
        assertThat(ArchivePhase.ownSeconds(List.of("NOT authentic and complete: 1 problem"), ArchivePhase.CHECKED_IN))
                .isEqualTo(-1);
    }
}
