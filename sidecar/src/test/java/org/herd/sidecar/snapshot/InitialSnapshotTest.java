package org.herd.sidecar.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.herd.sidecar.config.SecretMasker;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.config.SourceConnector;
import org.herd.sidecar.config.VariantSetting;
import org.herd.translator.UserPolicy;
import org.junit.jupiter.api.Test;

/** When the sidecar leaves the initial snapshot to Debezium; decided before any server is asked. */
class InitialSnapshotTest {

    private static SidecarProperties properties(SourceConnector connector, Map<String, String> debezium) {
        return new SidecarProperties("site", VariantSetting.WHATCD,
                new SidecarProperties.Source(connector, "db", 3306, "gazelle", "herd", "pw-12345", 7),
                new SidecarProperties.Kafka("k:9092", null, 3, (short) -1, Map.of()),
                new SidecarProperties.Privacy(UserPolicy.NONE, null, false, false), debezium, Duration.ofSeconds(1),
                List.of(), SidecarProperties.LostHistoryAction.RESNAPSHOT,
                new SidecarProperties.Trust(null, null, Duration.ofSeconds(5), 1024, true),
                SidecarProperties.InitialSnapshotReader.SIDECAR);
    }

    private static InitialSnapshot snapshot(SidecarProperties p) {
        return new InitialSnapshot(p, Map.of("torrents", List.of("ID")), 0, new SecretMasker(p));
    }

    @Test
    void aMySqlSourceLeavesItToDebeziumSayingWhy() {
        assertThat(snapshot(properties(SourceConnector.MYSQL, Map.of())).unavailable())
                .hasValueSatisfying(why -> assertThat(why).contains("MYSQL").contains("consistent read"));
    }

    @Test
    void anotherSnapshotModeLeavesItToDebezium() {
        assertThat(snapshot(properties(SourceConnector.MARIADB, Map.of("snapshot.mode", "always"))).unavailable())
                .hasValue("herd.sidecar.debezium[snapshot.mode] is always");
    }

    @Test
    void anUnreachableServerIsNamedWithoutItsPassword() {
        // initial and when_needed pass the mode check; the columns are read next, from a server
        // that is not there.
        for (String mode : List.of("initial", "when_needed")) {
            assertThat(snapshot(properties(SourceConnector.MARIADB, Map.of("snapshot.mode", mode,
                    "database.connectTimeout", "200"))).unavailable())
                    .hasValueSatisfying(why -> assertThat(why).startsWith("reading the captured columns failed")
                            .doesNotContain("pw-12345"));
        }
    }
}
