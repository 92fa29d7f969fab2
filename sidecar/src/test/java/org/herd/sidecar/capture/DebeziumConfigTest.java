package org.herd.sidecar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.sidecar.config.SecretMasker;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.config.SourceConnector;
import org.herd.sidecar.config.VariantSetting;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.UserPolicy;
import org.junit.jupiter.api.Test;

class DebeziumConfigTest {

    static SidecarProperties properties(Map<String, String> debezium) {
        return properties(debezium, List.of());
    }

    static SidecarProperties properties(Map<String, String> debezium, List<String> excludeTables) {
        return new SidecarProperties("demo", VariantSetting.WHATCD,
                new SidecarProperties.Source(SourceConnector.MARIADB, "db", 3306, "gazelle", "herd", "pw-12345", 7),
                new SidecarProperties.Kafka("k:9092", null, 3, (short) -1, Map.of("sasl.jaas.config", "jaas-secret")),
                new SidecarProperties.Privacy(UserPolicy.PSEUDONYMOUS, "pseudonym-key-of-at-least-32-bytes!", false, false),
                debezium, Duration.ofSeconds(1), excludeTables, SidecarProperties.LostHistoryAction.RESNAPSHOT,
                new SidecarProperties.Trust(null, null, Duration.ofSeconds(5), 1024, true),
                SidecarProperties.InitialSnapshotReader.SIDECAR);
    }

    private final Translator translator = new Translator(new TranslatorSettings("demo", GazelleVariant.WHATCD));

    @Test
    void capturesOnlyCataloguedPublicColumnsOfMappedTables() {
        Properties p = DebeziumConfig.build(properties(Map.of()), translator.capturedColumns());
        String tables = p.getProperty("table.include.list");
        String columns = p.getProperty("column.include.list");

        assertThat(matchesAny(tables, "gazelle.torrents")).isTrue();
        assertThat(matchesAny(tables, "gazelle.users_main")).isFalse();
        assertThat(matchesAny(tables, "gazelle.pm_messages")).isFalse();
        assertThat(matchesAny(columns, "gazelle.torrents.Media")).isTrue();
        assertThat(matchesAny(columns, "gazelle.torrents.info_hash")).isFalse();
        assertThat(matchesAny(columns, "gazelle.torrents.UserID")).isFalse();
        assertThat(matchesAny(columns, "gazelle.torrents.Seeders")).isFalse();
        // Regex metacharacters in names are quoted: "gazelleXtorrents" must not match.
        assertThat(matchesAny(tables, "gazelleXtorrents")).isFalse();
        assertThat(p.getProperty("connector.class")).isEqualTo("io.debezium.connector.mariadb.MariaDbConnector");
        assertThat(p.getProperty("offset.storage")).endsWith("KafkaOffsetBackingStore");
        assertThat(p.getProperty("offset.storage.topic")).isEqualTo("herd.demo._offsets");
        assertThat(p.getProperty("schema.history.internal.kafka.topic")).isEqualTo("herd.demo._schema-history");
        // Kafka Connect's offset store reads the engine's own top-level client settings.
        assertThat(p.getProperty("sasl.jaas.config")).isEqualTo("jaas-secret");
    }

    @Test
    void excludedTablesAreLeftOutOfTheIncludeListsAndUnknownNamesStopStartUp() {
        Properties p = DebeziumConfig.build(properties(Map.of(), List.of("comments")), translator.capturedColumns());
        assertThat(matchesAny(p.getProperty("table.include.list"), "gazelle.comments")).isFalse();
        assertThat(matchesAny(p.getProperty("column.include.list"), "gazelle.comments.Body")).isFalse();
        assertThat(matchesAny(p.getProperty("table.include.list"), "gazelle.torrents")).isTrue();
        // Every table's DDL is kept, so that a table included later is known to the binlog reader.
        assertThat(p.getProperty("schema.history.internal.store.only.captured.tables.ddl")).isEqualTo("false");
        assertThat(p.getProperty("schema.history.internal.store.only.captured.databases.ddl")).isEqualTo("true");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DebeziumConfig.build(
                properties(Map.of(), List.of("comments", "users_main", "no_such_table")), translator.capturedColumns()))
                .hasMessageContaining("herd.sidecar.exclude-tables")
                .hasMessageContaining("[users_main, no_such_table]");
    }

    @Test
    void passThroughCannotOverrideDerivedSettings() {
        Properties p = DebeziumConfig.build(properties(Map.of("snapshot.mode", "when_needed",
                "topic.prefix", "evil")), translator.capturedColumns());
        assertThat(p.getProperty("snapshot.mode")).isEqualTo("when_needed");
        assertThat(p.getProperty("topic.prefix")).isEqualTo("demo");
    }

    @Test
    void kafkaClientPropertiesReachEveryKafkaClientOfDebeziumAndReplaceNoDerivedSetting() {
        SidecarProperties p = properties(Map.of());
        SidecarProperties secured = new SidecarProperties(p.origin(), p.variant(), p.source(),
                new SidecarProperties.Kafka("k:9093", null, 3, (short) 3, Map.of("security.protocol", "SASL_SSL",
                        "sasl.jaas.config", "jaas-secret", "offset.storage.topic", "elsewhere")),
                p.privacy(), p.debezium(), p.restartDelay(), p.excludeTables(), p.onLostHistory(), p.trust(),
                p.initialSnapshot());
        Properties d = DebeziumConfig.build(secured, translator.capturedColumns());
        // The offset store reads the engine's own settings; the schema history and the signal
        // channel read theirs under Debezium's prefixes.
        for (String prefix : List.of("", "schema.history.internal.producer.", "schema.history.internal.consumer.",
                "signal.consumer.")) {
            assertThat(d.getProperty(prefix + "security.protocol")).as(prefix).isEqualTo("SASL_SSL");
            assertThat(d.getProperty(prefix + "sasl.jaas.config")).as(prefix).isEqualTo("jaas-secret");
        }
        assertThat(d.getProperty("bootstrap.servers")).isEqualTo("k:9093");
        assertThat(d.getProperty("schema.history.internal.kafka.bootstrap.servers")).isEqualTo("k:9093");
        assertThat(d.getProperty("signal.kafka.bootstrap.servers")).isEqualTo("k:9093");
        assertThat(d.getProperty("offset.storage.topic")).isEqualTo("herd.demo._offsets");
        assertThat(d.getProperty("offset.storage.replication.factor")).isEqualTo("3");
    }

    @Test
    void masksConfiguredSecrets() {
        SecretMasker masker = new SecretMasker(properties(Map.of()));
        assertThat(masker.mask("key pseudonym-key-of-at-least-32-bytes!")).isEqualTo("key ****");
        assertThat(masker.mask("Access denied for herd using password pw-12345; jaas=jaas-secret"))
                .isEqualTo("Access denied for herd using password ****; jaas=****");
    }

    private static boolean matchesAny(String list, String name) {
        for (String regex : list.split(",")) {
            if (Pattern.compile(regex).matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }
}
