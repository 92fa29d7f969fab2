package org.herd.sidecar.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.herd.sidecar.config.SidecarProperties.LostHistoryAction;
import org.junit.jupiter.api.Test;

class CapturedTablesTest {

    private static final List<String> NOW = List.of("comments", "torrents", "torrents_group");

    @Test
    void firstStartRecordsEverythingOnceTheInitialSnapshotHasCompletedAndSignalsNothing() {
        CapturedTables.Plan plan = new CapturedTables(Map.of()).plan(false, false, NOW);
        assertThat(plan.onboard()).isEmpty();
        assertThat(plan.recordNow()).isEmpty();
        assertThat(plan.recordAfterSnapshot()).containsExactlyElementsOf(NOW);
    }

    @Test
    void aTableAddedSinceTheLastRunIsOnboardedAloneAndRecorded() {
        CapturedTables state = new CapturedTables(Map.of("torrents", true, "torrents_group", true));
        CapturedTables.Plan plan = state.plan(true, false, NOW);
        assertThat(plan.onboard()).containsExactly("comments");
        assertThat(plan.recordNow()).containsExactly("comments");
        assertThat(plan.gone()).isEmpty();
        assertThat(plan.recordAfterSnapshot()).isEmpty();
    }

    @Test
    void aTableLeftOutIsRecordedGoneAndOnboardedAgainWhenItComesBack() {
        CapturedTables state = new CapturedTables(Map.of("comments", true, "torrents", true, "torrents_group", true));
        CapturedTables.Plan removed = state.plan(true, false, List.of("torrents", "torrents_group"));
        assertThat(removed.gone()).containsExactly("comments");
        assertThat(removed.onboard()).isEmpty();

        CapturedTables after = new CapturedTables(Map.of("comments", false, "torrents", true, "torrents_group", true));
        assertThat(after.plan(true, false, NOW).onboard()).containsExactly("comments");
    }

    @Test
    void nothingChangedMeansNoSignalAndNothingWritten() {
        CapturedTables state = new CapturedTables(Map.of("comments", true, "torrents", true, "torrents_group", true));
        CapturedTables.Plan plan = state.plan(true, false, NOW);
        assertThat(plan.onboard()).isEmpty();
        assertThat(plan.recordNow()).isEmpty();
        assertThat(plan.gone()).isEmpty();
        assertThat(plan.recordAfterSnapshot()).isEmpty();
    }

    @Test
    void offsetsWithoutAnyRecordAdoptTheCurrentSetWithoutSnapshotting() {
        CapturedTables.Plan plan = new CapturedTables(Map.of()).plan(true, false, NOW);
        assertThat(plan.onboard()).isEmpty();
        assertThat(plan.recordNow()).containsExactlyElementsOf(NOW);
    }

    @Test
    void aFullResnapshotCoversNewTablesWithoutASignal() {
        CapturedTables state = new CapturedTables(Map.of("torrents", true));
        CapturedTables.Plan plan = state.plan(true, true, NOW);
        assertThat(plan.onboard()).isEmpty();
        assertThat(plan.recordAfterSnapshot()).containsExactlyElementsOf(NOW);
    }

    @Test
    void theLatestRecordOfEachTableWins() {
        CapturedTables state = CapturedTables.from(List.of(
                record(0, "table:comments", "{\"table\":\"comments\",\"captured\":true}"),
                record(1, "table:torrents", "{\"table\":\"torrents\",\"captured\":true}"),
                record(2, "table:comments", "{\"table\":\"comments\",\"captured\":false}"),
                record(3, "table:torrents_group", "{\"captured\":true}"),
                record(4, "table:torrents_group", null),
                record(5, "something-else", "{}")));
        assertThat(state.recorded()).containsOnly(Map.entry("comments", false), Map.entry("torrents", true));
    }

    @Test
    void storedOffsetIsTheConnectorsLatestAndNamesItsPosition() {
        String key = "[\"herd-sidecar-demo\",{\"server\":\"demo\"}]";
        List<ConsumerRecord<byte[], byte[]>> records = List.of(
                record(0, key, "{\"ts_sec\":1,\"file\":\"mariadb-bin.000003\",\"pos\":1234,\"gtids\":\"0-1-9\"}"),
                record(1, "[\"herd-sidecar-other\",{\"server\":\"other\"}]", "{\"file\":\"x.000001\",\"pos\":4}"),
                record(2, key, "{\"ts_sec\":2,\"file\":\"mariadb-bin.000004\",\"pos\":567,\"row\":1,\"event\":2}"));
        Optional<StoredOffset> offset = StoredOffset.latest(records, "herd-sidecar-demo");
        assertThat(offset).hasValueSatisfying(o -> {
            assertThat(o).hasToString("mariadb-bin.000004:567");
            assertThat(o.snapshot()).isFalse();
        });
        assertThat(StoredOffset.latest(records, "herd-sidecar-none")).isEmpty();
        assertThat(StoredOffset.latest(List.of(records.get(0), record(3, key, null)), "herd-sidecar-demo")).isEmpty();
        assertThat(StoredOffset.parse("{\"file\":\"f.000001\",\"pos\":4,\"snapshot\":true}".getBytes(
                StandardCharsets.UTF_8)).orElseThrow().snapshot()).isTrue();
    }

    @Test
    void historyIsLostWhenTheStoredFileIsNoLongerListed() {
        StoredOffset stored = new StoredOffset("mariadb-bin.000003", 1234, null, false);
        assertThat(LostHistory.check(stored, List.of("mariadb-bin.000003", "mariadb-bin.000004"), "db:3306"))
                .isEmpty();
        LostHistory lost = LostHistory.check(stored, List.of("mariadb-bin.000007", "mariadb-bin.000008"), "db:3306")
                .orElseThrow();
        assertThat(lost.message(LostHistoryAction.RESNAPSHOT)).startsWith("Lost history: the stored position "
                + "mariadb-bin.000003:1234 is no longer on db:3306 (oldest binlog mariadb-bin.000007); "
                + "re-snapshotting every replicated table (herd.sidecar.on-lost-history=RESNAPSHOT)")
                .contains("herd verify --repair");
        assertThat(lost.message(LostHistoryAction.STOP)).contains("mariadb-bin.000003:1234", "not starting");
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String key, String value) {
        return new ConsumerRecord<>("t", 0, offset, key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
