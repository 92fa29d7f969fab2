package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeferredIndexesTest {

    @Test
    void checkedEverySecondWhileTheLoopIsBusyAndAtOnceWhenItIsIdleWithNews() {
        Duration soon = Duration.ofMillis(20);
        // Busy copying: once a second, news or not.
        assertThat(DeferredIndexes.checkDue(soon, false, true, true)).isFalse();
        assertThat(DeferredIndexes.checkDue(DeferredIndexes.CHECK_INTERVAL, false, false, false)).isTrue();
        // Idle: at once after a checkpoint was kept, or while the one closing the snapshot is ahead.
        assertThat(DeferredIndexes.checkDue(soon, true, true, false)).isTrue();
        assertThat(DeferredIndexes.checkDue(soon, true, false, true)).isTrue();
        // Idle with nothing new: the interval again, so that an idle mirror does not read its tables at every poll.
        assertThat(DeferredIndexes.checkDue(soon, true, false, false)).isFalse();
        assertThat(DeferredIndexes.checkDue(DeferredIndexes.CHECK_INTERVAL.minusMillis(1), true, false, false)).isFalse();
    }

    @Test
    void closingReturnsWithNothingToWaitFor() {
        assertThat(DeferredIndexes.none().close(Duration.ofMillis(1))).isTrue();
    }

    @Test
    void closingWaitsForTheStatisticsAtMostItsLimit() throws Exception {
        DeferredIndexes indexes = DeferredIndexes.none();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        indexes.inBackground(() -> {
            try {
                release.await();
                finished.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        // An analysis held up (by a lock on one of its tables, say) does not hold up the stop for ever.
        assertThat(indexes.close(Duration.ofMillis(100))).isFalse();
        assertThat(finished.getCount()).isEqualTo(1);

        release.countDown();
        assertThat(indexes.close(Duration.ofSeconds(60))).isTrue();
        assertThat(finished.await(0, TimeUnit.SECONDS)).isTrue();
    }
}
