package org.herd.replicator;

import org.herd.testkit.Jdbc;
import org.herd.testkit.TestRecords;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.Test;

class MirrorProgressTest {

    private static final long NOW = 1_700_000_000_000L;

    private final MirrorProgress progress = new MirrorProgress(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    private static SourcePosition streamed(long pos, long tsMs) {
        return new SourcePosition("mysql-bin.000002", pos, 0, 0, false, tsMs);
    }

    @Test
    void countsAppliedDeletesNotNewerAndQuarantined() {
        NeutralRecord a = TestRecords.artist("s", 1, "A", streamed(10, NOW - 200));
        NeutralRecord d = TestRecords.delete("s", NeutralSchema.TAG, 3, streamed(30, NOW - 100));
        QuarantinedRecord q = new QuarantinedRecord("t", 0, 1, null, null, "bad");

        progress.record(new BatchResult(List.of(a, d), 5, List.of(q, q)));

        assertThat(progress.applied()).isEqualTo(2);
        assertThat(progress.deletes()).isEqualTo(1);
        assertThat(progress.notNewer()).isEqualTo(5);
        assertThat(progress.quarantined()).isEqualTo(2);
        assertThat(progress.appliedByEntity()).isEqualTo(Map.of("artist", 1L, "tag", 1L));
        assertThat(progress.lastPosition()).isEqualTo(d.position());
        assertThat(progress.lastLagMs()).isEqualTo(100);
    }

    @Test
    void countsWhatWasRefusedByReasonInTheLineAndTellsTheMetric() {
        List<RejectedRecord> told = new java.util.ArrayList<>();
        MirrorProgress p = new MirrorProgress(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), q -> { },
                told::add);
        RejectedRecord unsigned = RejectedRecord.of(RejectedRecord.RECORD, "t", 0, 1, "unsigned", "no headers", null,
                null, null, null, null, null, null, false);
        RejectedRecord bad = RejectedRecord.of(RejectedRecord.RECORD, "t", 0, 2, "bad_signature", "altered", null, null,
                null, null, null, null, null, false);
        RejectedRecord forged = RejectedRecord.of(RejectedRecord.CHECKPOINT, "c", 0, 3, "bad_signature", "forged", null,
                null, null, null, null, null, null, false);

        p.record(new BatchResult(List.of(), 0, List.of(), List.of(unsigned, bad, bad)));
        p.recordRejected(forged);

        assertThat(p.rejected()).isEqualTo(4);
        assertThat(p.rejectedByReason()).containsExactly(Map.entry("bad_signature", 2L),
                Map.entry("checkpoint bad_signature", 1L), Map.entry("unsigned", 1L));
        assertThat(told).containsExactly(unsigned, bad, bad, forged);
        assertThat(p.snapshot().describe()).contains("0 quarantined, 4 rejected (bad_signature 2, "
                + "checkpoint bad_signature 1, unsigned 1), at no position yet");
    }

    @Test
    void lastPositionIsTheHighestEvenWhenTopicsInterleave() {
        SourcePosition high = new SourcePosition("mysql-bin.000003", 4, 0, 0, false, NOW - 1);
        progress.record(new BatchResult(List.of(TestRecords.artist("s", 1, "A", high)), 0, List.of()));
        progress.record(new BatchResult(List.of(TestRecords.artist("s", 2, "B", streamed(99_999, NOW - 1))), 0,
                List.of()));

        assertThat(progress.lastPosition()).isEqualTo(high);
    }

    @Test
    void snapshotRowsAndUnknownCommitTimesHaveNoLag() {
        SourcePosition snapshot = new SourcePosition("mysql-bin.000001", 4, 0, 0, true, NOW - 60_000);
        progress.record(new BatchResult(List.of(TestRecords.artist("s", 1, "A", snapshot),
                TestRecords.artist("s", 2, "B", streamed(5, 0))), 0, List.of()));

        assertThat(progress.lastLagMs()).isEqualTo(-1);
        assertThat(progress.recentLag()).isEqualTo(MirrorProgress.LagSummary.NONE);
    }

    @Test
    void lagPercentilesOverRecentRecordsOnly() {
        List<NeutralRecord> old = new ArrayList<>();
        for (int i = 0; i < MirrorProgress.RESERVOIR_SIZE; i++) {
            old.add(TestRecords.artist("s", i, "A", streamed(i, NOW - 1_000_000)));
        }
        progress.record(new BatchResult(old, 0, List.of()));
        List<NeutralRecord> recent = new ArrayList<>();
        for (int i = 1; i <= MirrorProgress.RESERVOIR_SIZE; i++) {
            recent.add(TestRecords.artist("s", i, "A", streamed(10_000 + i, NOW - i)));
        }
        progress.record(new BatchResult(recent, 0, List.of()));

        MirrorProgress.LagSummary lag = progress.recentLag();
        assertThat(lag.samples()).isEqualTo(MirrorProgress.RESERVOIR_SIZE);
        assertThat(lag.max()).isEqualTo(MirrorProgress.RESERVOIR_SIZE);
        assertThat(lag.p50()).isEqualTo(MirrorProgress.RESERVOIR_SIZE / 2);
        assertThat(lag.p99()).isEqualTo((long) Math.ceil(0.99 * MirrorProgress.RESERVOIR_SIZE));
        assertThat(progress.lastLagMs()).isEqualTo(MirrorProgress.RESERVOIR_SIZE);
    }

    @Test
    void originClockAheadGivesZeroNotNegativeLag() {
        progress.record(new BatchResult(List.of(TestRecords.artist("s", 1, "A", streamed(5, NOW + 5_000))), 0,
                List.of()));
        assertThat(progress.lastLagMs()).isZero();
    }

    @Test
    void describesRateAndLagInOneLine() {
        MirrorProgress.Snapshot before = new MirrorProgress.Snapshot(NOW - 10_000, 0, 0, 0, 0, Map.of(), null, -1,
                MirrorProgress.LagSummary.NONE, Map.of());
        progress.record(new BatchResult(List.of(TestRecords.artist("s", 1, "A", streamed(7, NOW - 20))), 0,
                List.of()));

        String line = progress.snapshot().describeSince(before);

        assertThat(line).isEqualTo("1 applied (0/s), 0 not newer, 0 deletes, 0 quarantined, 0 rejected, at "
                + "mysql-bin.000002:7/0#0, lag 20 ms (p50 20, p99 20, max 20 of last 1)");
        assertThat(progress.snapshot().rateSince(before)).isEqualTo(0.1);
    }

    @Test
    void countsFromSeveralThreads() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 1000; i++) {
                    progress.record(new BatchResult(List.of(TestRecords.artist("s", i, "A", streamed(i, NOW - 1))),
                            1, List.of()));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(progress.applied()).isEqualTo(4000);
        assertThat(progress.notNewer()).isEqualTo(4000);
        assertThat(progress.appliedByEntity()).containsEntry("artist", 4000L);
        assertThat(progress.recentLag().samples()).isEqualTo(MirrorProgress.RESERVOIR_SIZE);
    }
}
