package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuarantineCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "quarantine";
        System.arraycopy(args, 0, command, 1, args.length);
        return Herd.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(command);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void usageErrorsNameTheBadOptionAndExitTwo() {
        assertThat(run("purge")).isEqualTo(2);
        assertThat(err()).contains("herd quarantine: ", "'purge'");
        err.reset();
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("Missing action: list or replay");
        err.reset();
        assertThat(run("list", "--mirror", "jdbc:postgresql://h/m", "--colour", "red")).isEqualTo(2);
        assertThat(err()).contains("herd quarantine list: Unknown option: '--colour'");
        err.reset();
        assertThat(run("replay", "--mirror", "jdbc:postgresql://h/m", "--origin", "site")).isEqualTo(2);
        assertThat(err()).contains("exactly one of --id N and --all");
        err.reset();
        assertThat(run("replay", "--mirror", "jdbc:postgresql://h/m", "--origin", "site", "--id", "x")).isEqualTo(2);
        assertThat(err()).contains("'--id'", "'x'");
        err.reset();
        assertThat(run("replay", "--mirror=jdbc:postgresql://h/m", "--origin=site", "--id=0")).isEqualTo(2);
        assertThat(err()).contains("'--id': '0' is not a positive whole number");
        err.reset();
        assertThat(run("list", "--mirror", "mysql://h/m")).isEqualTo(2);
        assertThat(err()).contains("--mirror': 'mysql://h/m' is not a jdbc:postgresql: URL");
        err.reset();
        assertThat(run("list", "--mirror", "jdbc:postgresql://h/m", "--kafka", "k:9092")).isEqualTo(2);
        assertThat(err()).contains("--mirror and --kafka: give one");
        err.reset();
        assertThat(run("replay", "--kafka", "k:9092", "--origin", "site")).isEqualTo(2);
        assertThat(err()).contains("--database is required");
        err.reset();
        assertThat(run("list", "--kafka", "k:9092", "--origin", "site", "--id", "3")).isEqualTo(2);
        assertThat(err()).contains("Unknown option: '--id'");
        err.reset();
        assertThat(run("list", "--kafka", "k:9092", "--origin", "site", "--resolved")).isEqualTo(2);
        assertThat(err()).contains("--resolved does not apply to herd quarantine list of a sidecar");
        err.reset();
        assertThat(run("list", "--mirror", "jdbc:postgresql://h/m", "--herd.sidecar.kafka.bootstrap-servers=k:1"))
                .isEqualTo(2);
        assertThat(err()).contains("do not apply to a mirror's quarantine");
        err.reset();
        assertThat(run("list")).isEqualTo(2);
        assertThat(err()).contains("--mirror JDBC_URL or --kafka SERVERS is required");
    }

    @Test
    void aSidecarsQuarantineIsReadWithTheSidecarsKafkaClientProperties() {
        // An invalid protocol stops the Kafka client as it is created: the property reached it.
        assertThat(run("list", "--kafka", "127.0.0.1:1", "--origin", "site",
                "--herd.sidecar.kafka.properties.security.protocol=BOGUS",
                "--herd.sidecar.kafka.properties.sasl.jaas.config=s3cr3t-jaas")).isEqualTo(2);
        assertThat(err()).startsWith("herd quarantine list: ").contains("BOGUS", "security.protocol")
                .doesNotContain("s3cr3t-jaas");
        err.reset();
        // Servers and client properties as the sidecar reads them, from its environment too.
        System.setProperty("herd.sidecar.kafka.bootstrap-servers", "127.0.0.1:1");
        System.setProperty("herd.sidecar.kafka.properties.security.protocol", "BOGUS");
        System.setProperty("herd.sidecar.origin", "site");
        try {
            assertThat(run("list")).isEqualTo(2);
            assertThat(err()).contains("BOGUS", "security.protocol");
        } finally {
            System.clearProperty("herd.sidecar.kafka.bootstrap-servers");
            System.clearProperty("herd.sidecar.kafka.properties.security.protocol");
            System.clearProperty("herd.sidecar.origin");
        }
    }

    @Test
    void aFailedConnectionNeverPrintsThePassword() {
        // Nothing listens on port 1: the driver fails, and its message must not carry the secret.
        int code = run("list", "--mirror", "jdbc:postgresql://127.0.0.1:1/m?password=urlsecret", "--user", "u",
                "--password", "s3cr3t-pw");
        // Could not run: 2, as herd verify; 1 would mean records remain quarantined.
        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith("herd quarantine list: ").doesNotContain("s3cr3t-pw").doesNotContain("urlsecret");
        assertThat(QuarantineCommand.mask("jdbc:x?password=abc&user=u failed for s3cr3t", "s3cr3t"))
                .isEqualTo("jdbc:x?password=****&user=u failed for ****");
    }

    @Test
    void aSidecarReplayReadsTheQuarantinedRowsByKeyAndSkipsTruncates() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> quarantined = List.of(
                json.readTree("{\"table\":\"torrents\",\"op\":\"update\",\"key\":{\"ID\":100},\"position\":\"f:1/0#0\"}"),
                json.readTree("{\"table\":\"torrents\",\"op\":\"update\",\"key\":{\"ID\":101},\"position\":\"f:2/0#0\"}"),
                json.readTree("{\"table\":\"torrents\",\"op\":\"update\",\"key\":{\"ID\":100},\"position\":\"f:3/0#0\"}"),
                json.readTree("{\"table\":\"torrents_tags\",\"op\":\"insert\",\"key\":{\"TagID\":1,\"GroupID\":2},"
                        + "\"position\":\"f:4/0#0\"}"),
                json.readTree("{\"table\":\"wiki\",\"op\":\"insert\",\"key\":{\"Title\":\"it's\"},\"position\":\"p\"}"),
                json.readTree("{\"table\":\"tags\",\"op\":\"truncate\",\"key\":{},\"position\":\"f:5/0#0\"}"));
        QuarantineCommand.SidecarReplay plan = QuarantineCommand.SidecarReplay.plan(quarantined, null);
        assertThat(plan.filters()).containsEntry("torrents", List.of("(`ID` = 100) OR (`ID` = 101)"))
                .containsEntry("torrents_tags", List.of("(`TagID` = 1 AND `GroupID` = 2)"))
                .containsEntry("wiki", List.of("(`Title` = 'it''s')"))
                .doesNotContainKey("tags");
        assertThat(plan.skipped()).singleElement().asString().contains("tags truncate", "herd verify --repair");
        assertThat(QuarantineCommand.SidecarReplay.plan(quarantined, "wiki").filters()).containsOnlyKeys("wiki");
    }
}
