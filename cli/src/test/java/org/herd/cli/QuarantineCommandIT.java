package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.herd.embedded.EmbeddedKafka;
import org.herd.kafka.KafkaConnection;
import org.herd.kafka.KafkaTopicReader;
import org.herd.translator.wire.TopicNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herd quarantine list|replay} of a sidecar against a real broker, its Kafka given as the
 * sidecar's own property or as --kafka.
 */
class QuarantineCommandIT {

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** What one run printed, and its exit code. */
    record Run(int exit, String out, String err) {
    }

    private static Run herd(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Herd.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listsASidecarsQuarantineAndSignalsItToReadTheRowsAgain() throws Exception {
        String prefix = TopicNames.defaultPrefix("qit");
        kafka.createTopic(TopicNames.quarantineTopic(prefix), 1, false);
        kafka.createTopic(TopicNames.signalTopic(prefix), 1, false);
        KafkaConnection connection = KafkaConnection.of(kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(connection.producer("qit-test",
                Map.of()))) {
            for (String q : List.of(
                    "{\"table\":\"torrents\",\"op\":\"update\",\"key\":{\"ID\":5},"
                            + "\"position\":\"mysql-bin.000001:4/1#0\",\"kind\":\"code\",\"column\":\"Media\","
                            + "\"reason\":\"unknown media 'Tape'\"}",
                    "{\"table\":\"tags\",\"op\":\"truncate\",\"key\":{},\"position\":\"mysql-bin.000001:9/1#0\","
                            + "\"reason\":\"TRUNCATE is not replicated\"}")) {
                producer.send(new ProducerRecord<>(TopicNames.quarantineTopic(prefix),
                        q.getBytes(StandardCharsets.UTF_8))).get();
            }
        }

        Run list = herd("quarantine", "list", "--herd.sidecar.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--herd.sidecar.origin", "qit");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("torrents\tupdate\t{\"ID\":5}\tmysql-bin.000001:4/1#0\tcode\tMedia\t"
                + "unknown media 'Tape'", "2 quarantined row change(s) in herd.qit._quarantine");

        Run replay = herd("quarantine", "replay", "--kafka", kafka.bootstrapServers(), "--origin=qit",
                "--database", "gazelle");
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("read again\ttorrents\t(`ID` = 5)", "skipped\ttags truncate",
                "sent 1 snapshot signal(s) to herd.qit._signals");
        List<ConsumerRecord<byte[], byte[]>> signals = KafkaTopicReader.readAll(connection,
                List.of(TopicNames.signalTopic(prefix)));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(new String(s.key(), StandardCharsets.UTF_8)).isEqualTo("qit");
            assertThat(new String(s.value(), StandardCharsets.UTF_8)).contains("execute-snapshot", "gazelle.torrents",
                    "(`ID` = 5)");
        });
    }
}
