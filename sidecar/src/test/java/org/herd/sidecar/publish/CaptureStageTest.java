package org.herd.sidecar.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.RowChange;
import org.herd.translator.RowOperation;
import org.junit.jupiter.api.Test;

/** Capture: change events in, row changes out; what is no row change to translate goes aside. */
class CaptureStageTest {

    private final ScriptedProducer producer = ScriptedProducer.acknowledging();
    private final RecordingListener listener = new RecordingListener();
    private final CaptureStage capture = new CaptureStage(new Quarantine(producer, "herd.unit",
            GazelleCatalogue.of(GazelleVariant.WHATCD), new MissingColumns("herd.unit._quarantine"), listener),
            listener, 0);

    @Test
    void aRowChangeComesOutWithItsPositionAndIsCounted() {
        RowChange change = capture.read(TagEvents.change("u", 7, "genre", 300)).orElseThrow();

        assertThat(change.table()).isEqualTo("tags");
        assertThat(change.op()).isEqualTo(RowOperation.UPDATE);
        assertThat(change.after()).containsEntry("ID", 7).containsEntry("TagType", "genre");
        assertThat(change.position()).hasToString("mysql-bin.000004:300/2#0");
        assertThat(listener.rowChanges).containsExactly(change);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void theSidecarsEpochStampsEveryPosition() {
        CaptureStage signing = new CaptureStage(new Quarantine(producer, "herd.unit",
                GazelleCatalogue.of(GazelleVariant.WHATCD), new MissingColumns("herd.unit._quarantine"), listener),
                listener, 2);

        RowChange change = signing.read(TagEvents.change("u", 7, "genre", 300)).orElseThrow();

        assertThat(change.position().epoch()).isEqualTo(2);
        assertThat(change.position()).hasToString("e2:mysql-bin.000004:300/2#0");
    }

    @Test
    void anEventThatIsNoRowChangePassesWithoutATrace() {
        assertThat(capture.read(TagEvents.heartbeat())).isEmpty();
        assertThat(listener.rowChanges).isEmpty();
        assertThat(listener.quarantined).isEmpty();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aTruncateIsQuarantinedNamingTableAndPosition() {
        assertThat(capture.read(TagEvents.change("t", 0, "genre", 400))).isEmpty();

        assertThat(listener.quarantined).singleElement().satisfies(q -> {
            assertThat(q.table()).isEqualTo("tags");
            assertThat(q.op()).isEqualTo("truncate");
            assertThat(q.kind()).isEqualTo(QuarantineRecord.TRUNCATE);
            assertThat(q.key()).isEmpty();
            assertThat(q.position()).contains("pos=400", "file=mysql-bin.000004");
            assertThat(q.reason()).contains("TRUNCATE is not replicated", "herd verify --repair");
        });
        assertThat(producer.history()).extracting(r -> r.topic()).containsExactly("herd.unit._quarantine");
        assertThat(listener.rowChanges).isEmpty();
    }

    @Test
    void anEventThatCannotBeReadIsQuarantinedAsUnreadable() {
        assertThat(capture.read(TagEvents.unreadable(500))).isEmpty();

        assertThat(listener.quarantined).singleElement().satisfies(q -> {
            assertThat(q.table()).isEqualTo("tags");
            assertThat(q.op()).isEqualTo("unknown");
            assertThat(q.kind()).isEqualTo(QuarantineRecord.UNREADABLE);
            assertThat(q.position()).contains("pos=500");
            assertThat(q.reason()).startsWith("unreadable change event: ").contains("op");
        });
        assertThat(listener.rowChanges).isEmpty();
    }
}
