package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Binding and validation of {@code herd.mirror.*}: a mirror with bad configuration must not start,
 * and the report Spring Boot prints must name the property.
 */
class MirrorPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MirrorProperties.class)
    static class PropertiesOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    private static final String[] VALID = {
        "herd.mirror.origin=site-1",
        "herd.mirror.kafka.bootstrap-servers=localhost:9092",
        "herd.mirror.trust.root-file=/etc/herd/site-1.root.json",
    };

    @Test
    void defaults() {
        runner.withPropertyValues(VALID).run(context -> {
            assertThat(context).hasNotFailed();
            MirrorProperties p = context.getBean(MirrorProperties.class);
            assertThat(p.origin()).isEqualTo("site-1");
            assertThat(p.topicPrefix()).isEqualTo("herd.site-1");
            // No fixed default: the group derives from the mirror database's identity at start-up.
            assertThat(p.kafka().groupId()).isNull();
            assertThat(p.kafka().properties()).isEmpty();
            assertThat(p.batchSize()).isEqualTo(2000);
            assertThat(p.pollTimeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(p.embeddedPostgres().enabled()).isFalse();
            assertThat(p.embeddedPostgres().directory()).isNull();
            assertThat(p.embeddedPostgres().port()).isZero();
            assertThat(p.trust().verify()).isTrue();
            assertThat(p.trust().rootFile()).isEqualTo(Path.of("/etc/herd/site-1.root.json"));
            assertThat(p.trust().expiryWarning()).isEqualTo(Duration.ofDays(30));
            assertThat(p.trust().checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void aMirrorVerifiesUnlessToldNotToAndThenNeedsNoRootFile() {
        assertFailsNaming("herd.mirror.trust.root-file", "herd.mirror.origin=site",
                "herd.mirror.kafka.bootstrap-servers=localhost:9092");
        assertFailsNaming("herd.mirror.trust.verify=false", "herd.mirror.origin=site",
                "herd.mirror.kafka.bootstrap-servers=localhost:9092");
        runner.withPropertyValues("herd.mirror.origin=site", "herd.mirror.kafka.bootstrap-servers=localhost:9092",
                "herd.mirror.trust.verify=false").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(MirrorProperties.class).trust().verify()).isFalse();
                    assertThat(context.getBean(MirrorProperties.class).trust().rootFile()).isNull();
                });
    }

    @Test
    void checkpointIntervalMustBePositive() {
        runner.withPropertyValues(VALID).withPropertyValues("herd.mirror.trust.checkpoint-interval=0s")
                .run(context -> assertThat(failureReport(context.getStartupFailure()))
                        .contains("herd.mirror.trust.checkpoint-interval"));
    }

    @Test
    void everythingSet() {
        runner.withPropertyValues(VALID)
                .withPropertyValues(
                        "herd.mirror.topic-prefix=relay.site",
                        "herd.mirror.kafka.group-id=mirror-b",
                        "herd.mirror.kafka.properties.security.protocol=SASL_SSL",
                        "herd.mirror.batch-size=500",
                        "herd.mirror.poll-timeout=2s",
                        "herd.mirror.embedded-postgres.enabled=true",
                        "herd.mirror.embedded-postgres.directory=/var/lib/herd/pg",
                        "herd.mirror.trust.expiry-warning=7d",
                        "herd.mirror.trust.checkpoint-interval=5m")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    MirrorProperties p = context.getBean(MirrorProperties.class);
                    assertThat(p.topicPrefix()).isEqualTo("relay.site");
                    assertThat(p.kafka().groupId()).isEqualTo("mirror-b");
                    assertThat(p.kafka().properties()).isEqualTo(Map.of("security.protocol", "SASL_SSL"));
                    assertThat(p.batchSize()).isEqualTo(500);
                    assertThat(p.pollTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(p.embeddedPostgres().enabled()).isTrue();
                    assertThat(p.embeddedPostgres().directory()).isEqualTo(Path.of("/var/lib/herd/pg"));
                    assertThat(p.trust().expiryWarning()).isEqualTo(Duration.ofDays(7));
                    assertThat(p.trust().checkpointInterval()).isEqualTo(Duration.ofMinutes(5));
                });
    }

    @Test
    void missingOrigin() {
        assertFailsNaming("herd.mirror.origin", "herd.mirror.kafka.bootstrap-servers=localhost:9092");
    }

    @Test
    void badOrigin() {
        assertFailsNaming("herd.mirror.origin", "herd.mirror.origin=What.CD",
                "herd.mirror.kafka.bootstrap-servers=localhost:9092");
    }

    @Test
    void missingBootstrapServers() {
        assertFailsNaming("herd.mirror.kafka.bootstrap-servers", "herd.mirror.origin=site");
    }

    @Test
    void embeddedPostgresWithoutDirectory() {
        assertFailsNaming("herd.mirror.embedded-postgres.directory", "herd.mirror.origin=site",
                "herd.mirror.kafka.bootstrap-servers=localhost:9092", "herd.mirror.embedded-postgres.enabled=true");
    }

    @Test
    void embeddedPostgresPortCannotBeFixedYet() {
        assertFailsNaming("herd.mirror.embedded-postgres.port", "herd.mirror.origin=site",
                "herd.mirror.kafka.bootstrap-servers=localhost:9092", "herd.mirror.embedded-postgres.enabled=true",
                "herd.mirror.embedded-postgres.directory=/tmp/pg", "herd.mirror.embedded-postgres.port=5433");
    }

    @Test
    void batchSizeMustBePositive() {
        runner.withPropertyValues(VALID).withPropertyValues("herd.mirror.batch-size=0")
                .run(context -> assertThat(failureReport(context.getStartupFailure()))
                        .contains("herd.mirror.batch-size"));
    }

    private void assertFailsNaming(String property, String... properties) {
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            assertThat(failureReport(context.getStartupFailure())).contains(property);
        });
    }

    /** What Spring Boot prints when start-up fails: the analysis of its failure analyzers. */
    private static String failureReport(Throwable failure) {
        assertThat(failure).isNotNull();
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((m, e) -> { }));
        FailureAnalysis analysis = analyzers.stream()
                .map(a -> a.analyze(failure))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no failure analysis for " + failure));
        return analysis.getDescription() + "\n" + analysis.getAction();
    }
}
