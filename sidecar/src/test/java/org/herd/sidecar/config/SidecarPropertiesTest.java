package org.herd.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.scrub.BuiltInRule;
import org.herd.translator.scrub.ColumnTreatment;
import org.herd.translator.scrub.OperatorPattern;
import org.herd.translator.scrub.ScrubPolicy;
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

    @Test
    void textScrubPolicyBindsFromTheOperatorsProperties() {
        runner.withPropertyValues("herd.sidecar.privacy.text.columns[torrents_logs_new.Log]=drop",
                "herd.sidecar.privacy.text.columns[comments.Body]=KEEP",
                "herd.sidecar.privacy.text.disabled-rules=ipv6,email",
                "herd.sidecar.privacy.text.patterns.staff-host=intra\\.site\\.example",
                "herd.sidecar.privacy.text.origin-hosts=Site.Example",
                "herd.sidecar.privacy.text.log-interval=30s").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    SidecarProperties.Text text = ctx.getBean(SidecarProperties.class).privacy().text();
                    ScrubPolicy policy = text.policy();
                    assertThat(policy.treatment("torrents_logs_new", "Log")).isEqualTo(ColumnTreatment.DROP);
                    assertThat(policy.treatment("comments", "Body")).isEqualTo(ColumnTreatment.KEEP);
                    assertThat(policy.treatment("torrents", "Description")).isEqualTo(ColumnTreatment.SCRUB);
                    assertThat(policy.rules()).doesNotContain(BuiltInRule.IPV6, BuiltInRule.EMAIL)
                            .contains(BuiltInRule.IPV4, BuiltInRule.HOME_DIRECTORY);
                    assertThat(policy.patterns()).extracting(OperatorPattern::token).containsExactly("staff-host");
                    assertThat(policy.originHosts()).containsExactly("site.example");
                    assertThat(text.logInterval()).hasSeconds(30);
                    // Logged at start-up: tokens, never an expression.
                    assertThat(ctx.getBean(SidecarProperties.class).toString()).contains("[staff-host]")
                            .doesNotContain("intra");
                });
        runner.run(ctx -> assertThat(ctx.getBean(SidecarProperties.class).privacy().text().policy())
                .isEqualTo(ScrubPolicy.defaults()));
    }

    @Test
    void aBadOperatorPatternStopsStartUpNamingThePropertyAndTokenNeverTheExpression() {
        runner.withPropertyValues("herd.sidecar.privacy.text.patterns.staff-host=(secret-staff-4471").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx).getFailure().rootCause()
                    .hasMessageContaining("herd.sidecar.privacy.text.patterns[staff-host]")
                    .hasMessageContaining("not valid RE2");
            assertThat(ctx.getStartupFailure()).hasStackTraceContaining("staff-host");
            assertThat(stackTrace(ctx.getStartupFailure())).doesNotContain("secret-staff-4471");
        });
        // Backtracking syntax RE2 does not have is refused too.
        runner.withPropertyValues("herd.sidecar.privacy.text.patterns.twice=(a+)\\1").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.privacy.text.patterns[twice]"));
        runner.withPropertyValues("herd.sidecar.privacy.text.patterns.empty=x*").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.privacy.text.patterns[empty]")
                        .hasMessageContaining("matches the empty string"));
        runner.withPropertyValues("herd.sidecar.privacy.text.patterns.Bad_Token=abc").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.privacy.text.patterns[Bad_Token]"));
    }

    @Test
    void badTreatmentsRulesAndHostsNameTheirProperty() {
        runner.withPropertyValues("herd.sidecar.privacy.text.columns[comments.Body]=hide").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.privacy.text.columns[comments.Body]")
                        .hasMessageContaining("scrub, keep or drop"));
        runner.withPropertyValues("herd.sidecar.privacy.text.columns[Body]=keep").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.privacy.text.columns[Body]"));
        runner.withPropertyValues("herd.sidecar.privacy.text.disabled-rules=passkeys").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.privacy.text.disabled-rules")
                        .hasMessageContaining("announce-url"));
        runner.withPropertyValues("herd.sidecar.privacy.text.origin-hosts=https://site.example/").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.privacy.text.origin-hosts"));
        runner.withPropertyValues("herd.sidecar.privacy.text.log-interval=10ms").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("herd.sidecar.privacy.text.log-interval"));
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
