package org.herd.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"herd\" password=\"s3cr3t-scram\";";

    /** What an operator on a SASL_SSL cluster sets, plus attempts to change what no role may change. */
    private final KafkaConnection secured = new KafkaConnection("k1:9093,k2:9093", Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", JAAS,
            "ssl.truststore.location", "/etc/herd/truststore.jks",
            "ssl.truststore.password", "trust-pw",
            "bootstrap.servers", "elsewhere:9092",
            "acks", "1",
            "enable.idempotence", "false",
            "enable.auto.commit", "true",
            "linger.ms", "5"));

    @Test
    void securitySettingsReachEveryRole() {
        Map<String, String> security = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS, "ssl.truststore.location", "/etc/herd/truststore.jks",
                "ssl.truststore.password", "trust-pw");
        assertThat(secured.producer("herd-sidecar-site", Map.of())).containsAllEntriesOf(security);
        assertThat(secured.consumer(Map.of(), Map.of("group.id", "g"))).containsAllEntriesOf(security);
        assertThat(secured.admin()).containsAllEntriesOf(security);

        Map<String, String> debezium = secured.debezium();
        // The offset store and its admin client read the engine's top-level settings.
        assertThat(debezium).containsAllEntriesOf(security).containsEntry("bootstrap.servers", "k1:9093,k2:9093");
        security.forEach((k, v) -> assertThat(debezium)
                .containsEntry("schema.history.internal.producer." + k, v)
                .containsEntry("schema.history.internal.consumer." + k, v)
                .containsEntry("signal.consumer." + k, v));
        assertThat(debezium).containsEntry("schema.history.internal.kafka.bootstrap.servers", "k1:9093,k2:9093")
                .containsEntry("signal.kafka.bootstrap.servers", "k1:9093,k2:9093");
    }

    @Test
    void roleSettingsWinOverTheOperatorsWhereTheyAreNotNegotiable() {
        Map<String, Object> producer = secured.producer("herd-sidecar-site", Map.of("linger.ms", 1000,
                "compression.type", "lz4"));
        assertThat(producer).containsEntry("bootstrap.servers", "k1:9093,k2:9093")
                .containsEntry("client.id", "herd-sidecar-site")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer")
                // A default of the role, overridden by the operator; another one kept.
                .containsEntry("linger.ms", "5")
                .containsEntry("compression.type", "lz4");

        Map<String, Object> consumer = secured.consumer(Map.of("session.timeout.ms", 10000),
                Map.of("group.id", "herd-mirror-1", "auto.offset.reset", "earliest"));
        assertThat(consumer).containsEntry("bootstrap.servers", "k1:9093,k2:9093")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("group.id", "herd-mirror-1")
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("session.timeout.ms", "10000")
                .containsEntry("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");

        assertThat(secured.admin()).containsEntry("bootstrap.servers", "k1:9093,k2:9093");
        assertThat(secured.debezium()).containsEntry("bootstrap.servers", "k1:9093,k2:9093");
    }

    @Test
    void describeMasksSecretsAndKeepsTheRest() {
        String described = secured.describe();
        assertThat(described).startsWith("k1:9093,k2:9093 (")
                .contains("security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512",
                        "sasl.jaas.config=****", "ssl.truststore.password=****",
                        "ssl.truststore.location=/etc/herd/truststore.jks")
                .doesNotContain("s3cr3t-scram", "trust-pw");
        assertThat(secured.toString()).doesNotContain("s3cr3t-scram", "trust-pw");
        assertThat(secured.secrets()).containsExactlyInAnyOrder(JAAS, "trust-pw");
        assertThat(KafkaConnection.of("k:9092").describe()).isEqualTo("k:9092");
    }

    @Test
    void secretsAreKafkasPasswordSettingsAndWhatIsNamedLikeOne() {
        assertThat(KafkaConnection.isSecret("ssl.keystore.key")).isTrue();
        assertThat(KafkaConnection.isSecret("ssl.key.password")).isTrue();
        assertThat(KafkaConnection.isSecret("sasl.jaas.config")).isTrue();
        assertThat(KafkaConnection.isSecret("sasl.oauthbearer.client.credentials.client.secret")).isTrue();
        assertThat(KafkaConnection.isSecret("security.protocol")).isFalse();
        assertThat(KafkaConnection.isSecret("ssl.keystore.location")).isFalse();
    }
}
