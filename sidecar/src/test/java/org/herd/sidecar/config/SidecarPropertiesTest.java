package org.herd.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.herd.gazelle.catalogue.GazelleVariant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Configuration;

class SidecarPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SidecarProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class)
            .withPropertyValues(
                    "herd.sidecar.origin=demo",
                    "herd.sidecar.source.host=db.example",
                    "herd.sidecar.source.database=gazelle",
                    "herd.sidecar.source.user=herd",
                    "herd.sidecar.source.password=s3cr3t-pw",
                    "herd.sidecar.kafka.bootstrap-servers=kafka:9092",
                    "herd.sidecar.privacy.pseudonym-key=" + KEY,
                    "herd.sidecar.trust.key-file=/etc/herd/origin.key",
                    "herd.sidecar.trust.root-file=/etc/herd/root.json");

    private static final String KEY = "Zm9yIHRlc3RzIG9ubHk6IDMyIGJ5dGVzIG9yIG1vcmU=";

    @Test
    void validConfigurationBindsWithDefaults() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            SidecarProperties p = ctx.getBean(SidecarProperties.class);
            assertThat(p.source().port()).isEqualTo(3306);
            assertThat(p.source().connector()).isEqualTo(SourceConnector.MARIADB);
            assertThat(p.topicPrefix()).isEqualTo("herd.demo");
            assertThat(p.kafka().partitions()).isEqualTo(3);
            assertThat(p.privacy().users()).isEqualTo(org.herd.translator.UserPolicy.PSEUDONYMOUS);
            assertThat(p.privacy().infoHash()).isFalse();
            assertThat(p.toString()).doesNotContain("s3cr3t-pw", KEY);
        });
    }

    @Test
    void pseudonymousUsersNeedAKeyOfThirtyTwoBytesAndTheErrorNeverQuotesIt() {
        runner.withPropertyValues("herd.sidecar.privacy.pseudonym-key=").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.privacy.pseudonym-key is required"));
        runner.withPropertyValues("herd.sidecar.privacy.pseudonym-key=short-key-7781").run(ctx -> {
            assertThat(ctx).getFailure().rootCause().hasMessageContaining("at least 32 bytes");
            assertThat(ctx).getFailure().hasStackTraceContaining("pseudonym-key");
            assertThat(ctx.getStartupFailure().toString()).doesNotContain("short-key-7781");
        });
        runner.withPropertyValues("herd.sidecar.privacy.pseudonym-key=", "herd.sidecar.privacy.users=NONE").run(ctx ->
                assertThat(ctx).hasNotFailed());
    }

    @Test
    void carriedReferencesArePseudonymsAndNeedThePseudonymousPolicy() {
        runner.withPropertyValues("herd.sidecar.privacy.carried-references=true").run(ctx ->
                assertThat(ctx.getBean(SidecarProperties.class).privacy().carriedReferences()).isTrue());
        runner.withPropertyValues("herd.sidecar.privacy.carried-references=true", "herd.sidecar.privacy.users=PUBLIC")
                .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining(
                        "herd.sidecar.privacy.carried-references applies only when herd.sidecar.privacy.users is "
                                + "PSEUDONYMOUS"));
    }

    @Test
    void signingNeedsKeyAndRootUnlessExplicitlyUnsigned() {
        runner.run(ctx -> {
            SidecarProperties.Trust trust = ctx.getBean(SidecarProperties.class).trust();
            assertThat(trust.keyFile()).hasToString("/etc/herd/origin.key");
            assertThat(trust.checkpointInterval()).hasSeconds(5);
            assertThat(trust.batchSize()).isEqualTo(1024);
            assertThat(trust.unsigned()).isFalse();
        });
        runner.withPropertyValues("herd.sidecar.trust.key-file=").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.trust.key-file and herd.sidecar.trust.root-file are required")
                        .hasMessageContaining("herd.sidecar.trust.unsigned=true"));
        runner.withPropertyValues("herd.sidecar.trust.key-file=", "herd.sidecar.trust.root-file=",
                "herd.sidecar.trust.unsigned=true").run(ctx -> assertThat(ctx).hasNotFailed());
        runner.withPropertyValues("herd.sidecar.trust.batch-size=1025").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.trust.batch-size must be 1 to 1024"));
        runner.withPropertyValues("herd.sidecar.trust.checkpoint-interval=10ms").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.trust.checkpoint-interval must be at least 100ms"));
    }

    @Test
    void missingBootstrapServersNamesTheProperty() {
        runner.withPropertyValues("herd.sidecar.kafka.bootstrap-servers=").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.kafka.bootstrap-servers is required"));
    }

    @Test
    void badOriginNamesThePropertyAndTheRule() {
        runner.withPropertyValues("herd.sidecar.origin=Bad Origin!").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.origin")
                        .hasMessageContaining("lower case letters"));
    }

    @Test
    void outOfRangePortNamesTheProperty() {
        runner.withPropertyValues("herd.sidecar.source.port=70000").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.source.port must be 1 to 65535")
                        .hasMessageContaining("70000"));
    }

    @Test
    void variantIsDetectedUnlessNamed() {
        runner.run(ctx -> assertThat(ctx.getBean(SidecarProperties.class).variant()).isEqualTo(VariantSetting.AUTO));
        runner.withPropertyValues("herd.sidecar.variant=OPS").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(SidecarProperties.class).variant().fixed()).contains(GazelleVariant.OPS);
        });
        runner.withPropertyValues("herd.sidecar.variant=whatcd").run(ctx ->
                assertThat(ctx.getBean(SidecarProperties.class).variant().fixed()).contains(GazelleVariant.WHATCD));
    }

    @Test
    void unknownVariantNamesTheProperty() {
        runner.withPropertyValues("herd.sidecar.variant=gazelle2").run(ctx ->
                assertThat(ctx).getFailure().hasStackTraceContaining("herd.sidecar.variant"));
    }

    @Test
    void unknownConnectorNamesTheProperty() {
        runner.withPropertyValues("herd.sidecar.source.connector=oracle").run(ctx ->
                assertThat(ctx).getFailure().hasStackTraceContaining("herd.sidecar.source.connector"));
    }

    @Test
    void debeziumPassThroughCannotWidenCapture() {
        runner.withPropertyValues("herd.sidecar.debezium[column.include.list]=.*").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.debezium")
                        .hasMessageContaining("derives them from its catalogue"));
        runner.withPropertyValues("herd.sidecar.debezium[snapshot.mode]=when_needed").run(ctx ->
                assertThat(ctx).hasNotFailed());
    }
}
