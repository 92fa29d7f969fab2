package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationMetadataTest {

    @Test
    void everyApplicationsPropertiesAreOnTheClassPathWithTheirDefaults() {
        ConfigurationMetadata sidecar = ConfigurationMetadata.load(List.of("herd.sidecar"));
        assertThat(sidecar.properties()).containsKeys("herd.sidecar.origin", "herd.sidecar.kafka.properties",
                "herd.sidecar.debezium").allSatisfy((name, p) -> assertThat(name).startsWith("herd.sidecar."));
        assertThat(sidecar.get("herd.sidecar.source.port").orElseThrow().defaultValue()).isEqualTo("3306");
        assertThat(ConfigurationMetadata.load(List.of("herd.mirror")).get("herd.mirror.batch-size").orElseThrow()
                .defaultValue()).isEqualTo("2000");
        assertThat(ConfigurationMetadata.load(List.of("herd.verify")).get("herd.verify.recheck-delay").orElseThrow()
                .defaultValue()).isEqualTo("5s");
    }

    @Test
    void bindsWhatSpringBootsRelaxedBindingBinds() {
        ConfigurationMetadata sidecar = ConfigurationMetadata.load(List.of("herd.sidecar"));
        assertThat(sidecar.binds("herd.sidecar.kafka.bootstrap-servers")).isTrue();
        assertThat(sidecar.binds("herd.sidecar.kafka.bootstrapServers")).isTrue();
        assertThat(sidecar.binds("herd.sidecar.kafka.bootstrap_servers")).isTrue();
        assertThat(sidecar.binds("herd.sidecar.kafka.properties.sasl.jaas.config")).isTrue();
        assertThat(sidecar.binds("herd.sidecar.debezium[database.ssl.mode]")).isTrue();
        assertThat(sidecar.binds("herd.sidecar.exclude-tables[1]")).isTrue();
        assertThat(sidecar.binds("herd.sidecar.kafka.bootstrap-server")).isFalse();
        assertThat(sidecar.binds("herd.sidecar.kafka")).isFalse();
        assertThat(sidecar.binds("herd.sidecar.origin.x")).isFalse();
        assertThat(sidecar.closest("herd.sidecar.privacy.user")).hasValue("herd.sidecar.privacy.users");
    }

    @Test
    void helpShowsTheFirstClauseWithoutMarkup() {
        assertThat(PropertyArguments.firstClause("prefix of every topic; default {@code herd.<origin>}"))
                .isEqualTo("prefix of every topic");
        assertThat(PropertyArguments.firstClause("the Gazelle code base: AUTO (the default) detects it. More."))
                .isEqualTo("the Gazelle code base: AUTO detects it");
    }
}
