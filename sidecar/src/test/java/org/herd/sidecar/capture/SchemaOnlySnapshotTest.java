package org.herd.sidecar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class SchemaOnlySnapshotTest {

    @Test
    void recordsTheDefinitionsUnderTheSidecarsLockWithoutDataStreamOrSignals() {
        Properties streaming = new Properties();
        streaming.setProperty("snapshot.mode", "initial");
        streaming.setProperty("snapshot.locking.mode", "minimal");
        streaming.setProperty("signal.enabled.channels", "kafka");
        streaming.setProperty("heartbeat.interval.ms", "0");
        streaming.setProperty("table.include.list", "gazelle\\.torrents");
        Properties p = SchemaOnlySnapshot.config(streaming);
        assertThat(p.getProperty("snapshot.mode")).isEqualTo("configuration_based");
        assertThat(p.getProperty("snapshot.mode.configuration.based.snapshot.schema")).isEqualTo("true");
        assertThat(p.getProperty("snapshot.mode.configuration.based.snapshot.data")).isEqualTo("false");
        assertThat(p.getProperty("snapshot.mode.configuration.based.start.stream")).isEqualTo("false");
        // The sidecar takes the lock when Debezium asks for it.
        assertThat(p.getProperty("snapshot.locking.mode")).isEqualTo("custom");
        assertThat(p.getProperty("snapshot.locking.mode.custom.name")).isEqualTo(SidecarSnapshotLock.NAME);
        assertThat(p.getProperty("signal.enabled.channels")).isEqualTo("jmx");
        // The heartbeat after the snapshot is how the sidecar learns the definitions are recorded.
        assertThat(p.getProperty("heartbeat.interval.ms")).isEqualTo("10000");
        assertThat(p.getProperty("table.include.list")).isEqualTo("gazelle\\.torrents");
        assertThat(streaming.getProperty("snapshot.mode")).isEqualTo("initial");
        // Closing the engine waits for its offset store's idle fetch.
        assertThat(p.getProperty("fetch.max.wait.ms")).isEqualTo("100");
        assertThat(streaming.getProperty("fetch.max.wait.ms")).isNull();
    }

    @Test
    void keepsTheFetchWaitAnOperatorSet() {
        Properties streaming = new Properties();
        streaming.setProperty("fetch.max.wait.ms", "250");
        assertThat(SchemaOnlySnapshot.config(streaming).getProperty("fetch.max.wait.ms")).isEqualTo("250");
    }
}
