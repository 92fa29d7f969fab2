package org.herd.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aTransactionIsDueWhenTheRowsBeforeItWouldHaveBeenWrittenAtTheRate() {
        OpenLoopSchedule s = new OpenLoopSchedule(1_000, 10 * SECOND, 1_000);
        assertThat(s.reserve(50, 0)).isEqualTo(1_000);
        // 50 rows at 1,000/s take 50 ms.
        assertThat(s.reserve(10, 0)).isEqualTo(1_000 + 50_000_000L);
        assertThat(s.reserve(1, 0)).isEqualTo(1_000 + 60_000_000L);
    }

    @Test
    void theRowsATransactionReallyWroteReplaceWhatItWasExpectedToWrite() {
        OpenLoopSchedule s = new OpenLoopSchedule(0, 10 * SECOND, 100);
        s.reserve(5, 0);
        // It wrote 25: the next one is due after 25 rows, 250 ms, not after 5.
        s.correct(5, 25);
        assertThat(s.reserve(1, 0)).isEqualTo(250_000_000L);
        s.correct(1, 0);
        assertThat(s.reserve(1, 0)).isEqualTo(250_000_000L);
    }

    @Test
    void nothingIsDueAtOrAfterTheEnd() {
        OpenLoopSchedule s = new OpenLoopSchedule(0, SECOND, 10);
        for (int i = 0; i < 10; i++) {
            assertThat(s.reserve(1, 0)).isEqualTo(i * 100_000_000L);
        }
        assertThat(s.reserve(1, 0)).isEqualTo(OpenLoopSchedule.ENDED);
    }

    @Test
    void theDueTimeDoesNotWaitForTheWriters() {
        // However late the writers are, a transaction's due time is the schedule's: latency measured from it
        // includes the wait (no coordinated omission).
        OpenLoopSchedule s = new OpenLoopSchedule(0, 60 * SECOND, 1_000);
        long due = 0;
        for (int i = 0; i < 5_000; i++) {
            due = s.reserve(2, 0);
        }
        assertThat(due).isEqualTo(9_998_000_000L);
    }

    @Test
    void nothingIsSentOnceTheDurationIsOverThoughTransactionsAreStillDue() {
        OpenLoopSchedule s = new OpenLoopSchedule(0, SECOND, 1_000);
        assertThat(s.reserve(1, SECOND - 1)).isEqualTo(0);
        assertThat(s.reserve(1, SECOND)).isEqualTo(OpenLoopSchedule.ENDED);
    }

    @Test
    void aRateOrDurationThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new OpenLoopSchedule(0, SECOND, 0)).hasMessageContaining("above 0 row changes/s");
        assertThatThrownBy(() -> new OpenLoopSchedule(0, 0, 10)).hasMessageContaining("duration");
    }
}
