package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeferredIndexesTest {

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
