package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Properties are typed, defaulted as documented, and a wrong one stops start-up naming it. */
class ServePropertiesTest {

    @Configuration
    @EnableConfigurationProperties(ServeProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Bound.class)
            .withBean(org.springframework.validation.beanvalidation.LocalValidatorFactoryBean.class);

    @Test
    void defaultsAreGazelles() {
        runner.run(context -> {
            ServeProperties p = context.getBean(ServeProperties.class);
            assertThat(p.port()).isEqualTo(8080);
            assertThat(p.rateLimit().requests()).isEqualTo(5);
            assertThat(p.rateLimit().window()).hasSeconds(10);
            assertThat(p.rateLimit().enabled()).isTrue();
            assertThat(p.siteRateLimit().requests()).isEqualTo(60);
            assertThat(p.statementTimeout()).hasSeconds(5);
            assertThat(p.closed()).isFalse();
            assertThat(ServeProperties.PAGE_SIZE).isEqualTo(50);
        });
    }

    @Test
    void wrongValuesAreNamed() {
        for (String[] wrong : new String[][] {{"herd.serve.port=70000", "herd.serve.port"},
            {"herd.serve.rate-limit.requests=0", "herd.serve.rate-limit.requests"},
            {"herd.serve.statement-timeout=1ms", "herd.serve.statement-timeout"},
            {"herd.serve.default-origin=Not An Origin", "herd.serve.default-origin"},
            {"herd.serve.max-search-length=0", "herd.serve.max-search-length"}}) {
            runner.withPropertyValues(wrong[0]).run(context -> assertThat(context).hasFailed()
                    .getFailure().rootCause().hasMessageContaining(wrong[1]));
        }
    }

    @Test
    void readTokensAreNeverShown() {
        runner.withPropertyValues("herd.serve.read-tokens=s3cret,other").run(context -> {
            ServeProperties p = context.getBean(ServeProperties.class);
            assertThat(p.closed()).isTrue();
            assertThat(p.toString()).doesNotContain("s3cret", "other").contains("2 (****)");
        });
    }
}
