package org.herd.replicator;

import org.herd.testkit.Jdbc;
import org.herd.testkit.TestRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.herd.translator.NeutralRecord;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Records a mirror cannot apply are quarantined with their kind, entity, key and position and
 * counted in the herd.quarantined metric while the stream goes on; after the operator fixes the
 * cause, a replay applies them through the position guard, and the ones still broken stay.
 */
class QuarantineReplayIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private MirrorHarness mirror;

    @AfterEach
    void closeMirror() {
        if (mirror != null) {
            mirror.close();
        }
    }

    @Test
    void quarantinedRecordsAreCountedListedAndReplayedAfterTheFix() throws Exception {
        // Garbage and a newer format reach the decoder as they are only on a mirror that does not
        // verify; one that verifies refuses unsigned bytes first (MirrorTrustIT).
        MirrorHarness h = new MirrorHarness("replay").withoutVerification().withTopics(1);
        mirror = h;
        h.startMirror();
        // A constraint the records below violate, standing for a mirror schema stricter than the data.
        h.execute("ALTER TABLE herd.artist ADD CONSTRAINT artist_name_short CHECK (length(name) <= 8)");

        String artistTopic = h.topic("artist");
        byte[] garbage = {(byte) 0xff, 0x00, 'x'};
        NeutralRecord longName = TestRecords.artist(h.origin, 1, "A name too long", TestRecords.at(10));
        byte[] futureVersion = new String(WireFormat.encode(TestRecords.artist(h.origin, 5, "Future",
                TestRecords.at(11))), StandardCharsets.UTF_8).replace(WireFormat.FORMAT, "herd/99")
                .getBytes(StandardCharsets.UTF_8);
        NeutralRecord good = TestRecords.artist(h.origin, 2, "Fine", TestRecords.at(12));
        NeutralRecord olderLong = TestRecords.artist(h.origin, 3, "Older and too long", TestRecords.at(20));
        h.sendRaw(artistTopic, "{\"artist_id\":9}".getBytes(StandardCharsets.UTF_8), garbage);
        h.send(longName);
        h.sendRaw(artistTopic, WireFormat.encodeKey(TestRecords.artist(h.origin, 5, "x", TestRecords.at(11))),
                futureVersion);
        h.send(good, olderLong);

        await().atMost(PATIENCE).until(() -> h.progress().quarantined() == 4 && h.progress().applied() == 1);
        // The row's later change applies; the older one stays quarantined until the replay.
        NeutralRecord newer = TestRecords.artist(h.origin, 3, "Newer", TestRecords.at(30));
        h.send(newer);
        await().atMost(PATIENCE).until(() -> h.progress().applied() == 2);
        assertThat(name(h, 2)).isEqualTo("Fine");
        assertThat(name(h, 3)).isEqualTo("Newer");

        // The metric counts them by kind.
        MeterRegistry registry = h.startedMirror().getBean(MeterRegistry.class);
        Map<String, Double> byKind = registry.find(QuarantineMetrics.NAME).tag("side", "mirror")
                .tag("origin", h.origin).counters().stream()
                .collect(Collectors.groupingBy(c -> c.getId().getTag("kind"), Collectors.summingDouble(Counter::count)));
        assertThat(byKind).containsEntry(QuarantinedRecord.UNDECODABLE, 1.0)
                .containsEntry(QuarantinedRecord.UNSUPPORTED_FORMAT, 1.0)
                .containsEntry(QuarantinedRecord.REJECTED, 2.0);
        assertThat(registry.find(QuarantineMetrics.NAME).tag("kind", QuarantinedRecord.REJECTED)
                .tag("entity", "artist").counter().count()).isEqualTo(2.0);

        MirrorQuarantine quarantine = new MirrorQuarantine(h.db, h.origin, h.prefix);
        List<MirrorQuarantine.Entry> listed = quarantine.list(false);
        assertThat(listed).extracting(MirrorQuarantine.Entry::kind).containsExactly(QuarantinedRecord.UNDECODABLE,
                QuarantinedRecord.REJECTED, QuarantinedRecord.UNSUPPORTED_FORMAT, QuarantinedRecord.REJECTED);
        assertThat(listed).extracting(MirrorQuarantine.Entry::offset).containsExactly(0L, 1L, 2L, 4L);
        MirrorQuarantine.Entry rejected = listed.get(1);
        assertThat(rejected.entity()).isEqualTo("artist");
        assertThat(rejected.entityKey()).isEqualTo("{\"artist_id\":1}");
        assertThat(rejected.position()).isEqualTo(TestRecords.at(10).toString());
        assertThat(rejected.reason()).contains("PostgreSQL rejected artist {artist_id=1}", "SQLSTATE 23")
                .doesNotContain("too long");
        // An undecodable record names the entity its topic carries and no key or position.
        assertThat(listed.get(0).entity()).isEqualTo("artist");
        assertThat(listed.get(0).entityKey()).isNull();
        assertThat(listed.get(0).position()).isNull();
        assertThat(listed.get(2).reason()).contains("unsupported format 'herd/99'");
        // Byte for byte.
        assertThat((byte[]) h.query("SELECT record_value FROM herd.quarantine WHERE id = ?", listed.get(0).id())
                .get(0).get("record_value")).isEqualTo(garbage);

        // A replay before the fix changes nothing and keeps every record with its reason.
        MirrorQuarantine.ReplayReport early = quarantine.replay(rejected.id());
        assertThat(early.stillQuarantined()).singleElement().satisfies(e -> {
            assertThat(e.replayCount()).isEqualTo(1);
            assertThat(e.reason()).contains("SQLSTATE 23");
        });
        assertThat(name(h, 1)).isNull();

        // The fix: a migration relaxing the constraint. Then replay everything.
        h.execute("ALTER TABLE herd.artist DROP CONSTRAINT artist_name_short");
        MirrorQuarantine.ReplayReport report = quarantine.replay(null);
        assertThat(report.applied()).extracting(MirrorQuarantine.Entry::entityKey).containsExactly("{\"artist_id\":1}");
        // Older than the row the mirror holds: resolved without overwriting it.
        assertThat(report.notNewer()).extracting(MirrorQuarantine.Entry::entityKey).containsExactly("{\"artist_id\":3}");
        assertThat(report.stillQuarantined()).extracting(MirrorQuarantine.Entry::kind)
                .containsExactly(QuarantinedRecord.UNDECODABLE, QuarantinedRecord.UNSUPPORTED_FORMAT);
        assertThat(report.stillQuarantined()).allSatisfy(e -> assertThat(e.reason()).startsWith("undecodable record"));
        assertThat(name(h, 1)).isEqualTo("A name too long");
        assertThat(name(h, 3)).isEqualTo("Newer");

        assertThat(quarantine.list(false)).hasSize(2);
        assertThat(quarantine.list(true)).hasSize(4).filteredOn(e -> e.resolvedAt() != null)
                .extracting(MirrorQuarantine.Entry::resolution).containsExactly("applied", "not newer");
        assertThatThrownBy(() -> quarantine.replay(rejected.id())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--id " + rejected.id());

        // The stream went on throughout: a later record applies.
        h.send(TestRecords.artist(h.origin, 4, "After", TestRecords.at(40)));
        await().atMost(PATIENCE).until(() -> h.progress().applied() == 3);
        assertThat(name(h, 4)).isEqualTo("After");
    }

    private static String name(MirrorHarness h, long id) {
        List<Map<String, Object>> rows = h.query("SELECT name FROM herd.artist WHERE artist_id = ?", id);
        return rows.isEmpty() ? null : (String) rows.get(0).get("name");
    }
}
