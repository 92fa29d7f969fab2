package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MirrorApplierTest {

    @Test
    void backoffDoublesUpToTheCap() {
        assertThat(MirrorApplier.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(MirrorApplier.backoff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(MirrorApplier.backoff(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(MirrorApplier.backoff(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(MirrorApplier.backoff(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void extraPropertiesCannotTurnOffWhatTheLoopReliesOn() {
        MirrorProperties properties = new MirrorProperties("site", null,
                new MirrorProperties.Kafka("broker:9092", "g", Map.of(
                        "enable.auto.commit", "true",
                        "auto.offset.reset", "latest",
                        "security.protocol", "SSL",
                        "metadata.max.age.ms", "1000",
                        "session.timeout.ms", "20000",
                        "fetch.max.bytes", "1048576",
                        "fetch.max.wait.ms", "500")),
                100, Duration.ofMillis(10), new MirrorProperties.EmbeddedPostgres(false, null, 0), java.util.List.of(),
                MirrorProperties.Trust.off());

        Properties p = new MirrorApplier(properties, null, new MirrorProgress(), MirrorVerification.off("site"))
                .consumerProperties();

        assertThat(p).containsEntry("enable.auto.commit", "false")
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("allow.auto.create.topics", "false")
                .containsEntry("max.poll.records", "100")
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("group.id", "g")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("metadata.max.age.ms", "1000")
                .containsEntry("session.timeout.ms", "20000")
                .containsEntry("fetch.max.bytes", "1048576")
                .containsEntry("fetch.max.wait.ms", "500");
        // Defaults the operator did not set: a killed replicator's partitions come back sooner,
        // fetch responses (each read through a direct buffer as large) stay at 8 MiB, and a fetch
        // that finds nothing holds the connection's next request for 100 ms at most.
        Properties defaults = new MirrorApplier(new MirrorProperties("site", null,
                new MirrorProperties.Kafka("broker:9092", "g", Map.of()), 100, Duration.ofMillis(10),
                new MirrorProperties.EmbeddedPostgres(false, null, 0), java.util.List.of(), MirrorProperties.Trust.off()),
                null, new MirrorProgress(), MirrorVerification.off("site")).consumerProperties();
        assertThat(defaults).containsEntry("session.timeout.ms", "10000").containsEntry("heartbeat.interval.ms", "3000")
                .containsEntry("fetch.max.bytes", "8388608").containsEntry("fetch.max.wait.ms", "100");
        assertThat(properties.topicPrefix()).isEqualTo("herd.site");
    }
}
