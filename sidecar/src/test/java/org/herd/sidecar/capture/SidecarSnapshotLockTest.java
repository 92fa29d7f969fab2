package org.herd.sidecar.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SidecarSnapshotLockTest {

    private static SidecarSnapshotLock configured(String id) {
        SidecarSnapshotLock lock = new SidecarSnapshotLock();
        lock.configure(id == null ? Map.of() : Map.of(SidecarSnapshotLock.ID, id));
        return lock;
    }

    @Test
    void theGlobalLockIsTheRegisteredOnesAndDebeziumRunsNothingOfItsOwn() {
        AtomicInteger taken = new AtomicInteger();
        SidecarSnapshotLock.register("a", taken::incrementAndGet);
        try {
            assertThat(configured("a").tableLockingStatement(Duration.ofSeconds(10), null))
                    .hasValue(SidecarSnapshotLock.NOTHING);
            assertThat(taken).hasValue(1);
        } finally {
            SidecarSnapshotLock.unregister("a");
        }
    }

    @Test
    void aTablesLockIsNeverTaken() {
        AtomicInteger taken = new AtomicInteger();
        SidecarSnapshotLock.register("b", taken::incrementAndGet);
        try {
            assertThat(configured("b").tableLockingStatement(Duration.ofSeconds(10), "gazelle.torrents")).isEmpty();
            assertThat(taken).hasValue(0);
        } finally {
            SidecarSnapshotLock.unregister("b");
        }
    }

    @Test
    void withoutARegisteredLockDebeziumsSnapshotFails() {
        assertThatThrownBy(() -> configured(null).tableLockingStatement(null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(SidecarSnapshotLock.ID + "=null");
        SidecarSnapshotLock.register("c", () -> {
        });
        SidecarSnapshotLock.unregister("c");
        assertThatThrownBy(() -> configured("c").tableLockingStatement(null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(SidecarSnapshotLock.ID + "=c");
    }

    @Test
    void aFailureToTakeTheLockEndsTheSnapshot() {
        SidecarSnapshotLock.register("d", () -> {
            throw new IllegalStateException("refused");
        });
        try {
            assertThatThrownBy(() -> configured("d").tableLockingStatement(null, null)).hasMessage("refused");
        } finally {
            SidecarSnapshotLock.unregister("d");
        }
    }
}
