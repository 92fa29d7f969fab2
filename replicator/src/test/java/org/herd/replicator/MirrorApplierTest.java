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
                        "metadata.max.age.ms", "1000")),
                100, Duration.ofMillis(10), new MirrorProperties.EmbeddedPostgres(false, null, 0));

        Properties p = new MirrorApplier(properties, null, new MirrorProgress()).consumerProperties();

        assertThat(p).containsEntry("enable.auto.commit", "false")
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("allow.auto.create.topics", "false")
                .containsEntry("max.poll.records", "100")
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("group.id", "g")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("metadata.max.age.ms", "1000");
        assertThat(properties.topicPrefix()).isEqualTo("herd.site");
    }
}
