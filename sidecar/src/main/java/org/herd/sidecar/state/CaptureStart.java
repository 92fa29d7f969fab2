package org.herd.sidecar.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.capture.DebeziumConfig;
import org.herd.sidecar.config.SecretMasker;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.config.SidecarProperties.LostHistoryAction;
import org.herd.sidecar.signal.SnapshotSignal;
import org.herd.sidecar.source.SourceJdbc;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.herd.kafka.KafkaConnection;
import org.herd.sidecar.trust.SidecarSigning;
import org.herd.translator.wire.TopicNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sidecar settles before Debezium starts, from its state in Kafka: whether the stored
 * binlog position still exists (lost history: re-snapshot or stop), whether it publishes under
 * another epoch than last time (a new origin key, or signing for the first time: re-snapshot, so
 * that the topics hold a record of the new epoch for every row), which tables joined the
 * replicated set since the last run, and which tables' free text a changed text-scrub policy now
 * publishes otherwise ({@link ScrubFingerprints}) (onboarding and re-scrubbing: one incremental
 * snapshot signal for them, sent
 * before the engine starts; Debezium's Kafka signal channel reads its topic from its consumer
 * group's committed offset, from the earliest record the first time, so the signal is read once).
 */
public final class CaptureStart {

    private static final Logger log = LoggerFactory.getLogger(CaptureStart.class);

    private CaptureStart() {
    }

    /**
     * What {@link #prepare} settled.
     *
     * @param epochSnapshotDone whether the snapshot of every table under the signing epoch completed
     *                          on an earlier start (see {@link #prepare})
     * @param initialSnapshot   whether capture begins with a snapshot of every captured table: no
     *                          stored offset (a first start, lost history, a new epoch) or one inside
     *                          an unfinished snapshot
     */
    public record Prepared(boolean epochSnapshotDone, boolean initialSnapshot) {
    }

    /**
     * Checks and prepares; under lost history with RESNAPSHOT removes the stored offset. Throws,
     * with the lost-history line, when the history is lost and the operator chose STOP.
     *
     * @return whether capture begins with a snapshot of every table, and whether the snapshot of
     *         every table under the signing epoch completed on an earlier start: the stored offset
     *         is past a snapshot and was stored under this epoch (a new epoch forgets the offset
     *         before it is recorded, so an offset under the recorded epoch was written by this
     *         epoch's capture). Then the topics' rows of earlier epochs that no record of this
     *         epoch replaced are rows the origin no longer holds.
     */
    public static Prepared prepare(SidecarProperties properties, Collection<String> capturedTables,
            Producer<byte[], byte[]> producer, SidecarProgress progress, SecretMasker masker, SidecarSigning signing,
            ScrubFingerprints scrub) throws InterruptedException {
        KafkaConnection kafka = properties.kafka().connection();
        Optional<StoredOffset> offset = StoredOffset.read(kafka, DebeziumConfig.offsetsTopic(properties),
                DebeziumConfig.connectorName(properties));
        String stateTopic = TopicNames.sidecarStateTopic(properties.topicPrefix());
        List<ConsumerRecord<byte[], byte[]>> stateRecords = TopicContents.readAll(kafka, stateTopic);
        PublishedEpoch epoch = new PublishedEpoch(signing.epoch(), signing.keyId().map(k -> k.hex()).orElse(null));
        // Offsets without an epoch record: a sidecar from before epochs were recorded, which did not sign.
        long before = PublishedEpoch.from(stateRecords).map(PublishedEpoch::epoch).orElse(0L);
        boolean resnapshot = false;
        if (offset.isPresent() && !offset.get().snapshot()) {
            Optional<LostHistory> lost = checkHistory(properties, offset.get(), masker);
            if (lost.isPresent()) {
                String line = lost.get().message(properties.onLostHistory());
                if (properties.onLostHistory() == LostHistoryAction.STOP) {
                    log.error("{}", line);
                    throw new IllegalStateException(line);
                }
                log.warn("{}", line);
                // Debezium 3.5's when_needed does not notice on MariaDB: it judges by GTIDs, and
                // MariaDB reports none purged, so it streams, fails, and retries for ever. Removing
                // the stored offset makes it start as on a first start: a snapshot of every
                // captured table, then the stream from the snapshot's position.
                offset.get().forget(producer, DebeziumConfig.offsetsTopic(properties));
                resnapshot = true;
            }
            if (before != epoch.epoch()) {
                log.info("New epoch: publishing under {}, the topics hold records of epoch {}; {} every replicated "
                        + "table, so that they hold a record of epoch {} for every row", epoch, before,
                        resnapshot ? "the re-snapshot of lost history covers" : "re-snapshotting", epoch.epoch());
                if (!resnapshot) {
                    // The same path as lost history: without a stored offset Debezium snapshots every
                    // captured table, then streams on from the snapshot's position.
                    offset.get().forget(producer, DebeziumConfig.offsetsTopic(properties));
                    resnapshot = true;
                }
            }
        }
        boolean epochSnapshotDone = offset.isPresent() && !offset.get().snapshot() && !resnapshot
                && before == epoch.epoch();
        // Recorded before capture starts, so that a crash at any later moment cannot make the next start
        // take the records of this epoch for another's: a snapshot interrupted before it completed is
        // taken again by Debezium from its stored offset (or, without one, from the start).
        if (PublishedEpoch.from(stateRecords).map(PublishedEpoch::epoch).orElse(-1L) != epoch.epoch()) {
            epoch.record(producer, stateTopic);
        }

        CapturedTables state = CapturedTables.from(stateRecords);
        CapturedTables.Plan plan = state.plan(offset.isPresent(), resnapshot, capturedTables);
        if (!plan.gone().isEmpty()) {
            log.info("No longer replicating {}: recorded as gone; adding them back later snapshots them again",
                    plan.gone());
            CapturedTables.record(producer, stateTopic, plan.gone(), false, "left the replicated set");
        }
        // A text-scrub policy that changed since the rows were published: their tables are published
        // again, as onboarding publishes a table, so that mirrors hold their text as the policy now
        // says. A snapshot Debezium takes anyway, or an onboarding one, covers a table already.
        Optional<ScrubFingerprints> scrubRecorded = ScrubFingerprints.from(stateRecords);
        List<String> rescrub = scrub.toPublishAgain(scrubRecorded, offset.isPresent(), resnapshot, plan.onboard());
        List<String> snapshot = new java.util.ArrayList<>(plan.onboard());
        snapshot.addAll(rescrub);
        if (!snapshot.isEmpty()) {
            // One signal for both: Debezium runs one incremental snapshot at a time.
            SnapshotSignal signal = SnapshotSignal.of(snapshot);
            if (!plan.onboard().isEmpty()) {
                log.info("Onboarding {}: an incremental snapshot of their rows (signal {}) while the stream goes on; "
                        + "{}", plan.onboard(), signal.id(), rescrub.isEmpty() ? "no other table is read again"
                                : "with the tables below");
            }
            if (!rescrub.isEmpty()) {
                log.info("Text-scrub policy changed for {} since their rows were published{}: publishing them again "
                        + "with an incremental snapshot (signal {}) while the stream goes on, so that mirrors hold "
                        + "their text as the policy now says", rescrub, scrubRecorded.isEmpty()
                                ? " (none recorded: published before text scrubbing)" : "", signal.id());
            }
            signal.send(producer, properties.topicPrefix(), properties.origin(), properties.source().database());
        }
        // Recorded once the snapshot that publishes the rows under it is certain: taken by Debezium
        // on this start (no offsets, re-snapshot), or signalled above (Debezium keeps an incremental
        // snapshot's progress in its offsets and resumes it after a restart).
        if (!scrubRecorded.equals(Optional.of(scrub))) {
            scrub.record(producer, stateTopic);
        }
        if (!plan.recordNow().isEmpty()) {
            CapturedTables.record(producer, stateTopic, plan.recordNow(), true,
                    plan.onboard().isEmpty() ? "captured" : "onboarding snapshot signalled");
        }
        if (!plan.recordAfterSnapshot().isEmpty()) {
            List<String> tables = plan.recordAfterSnapshot();
            progress.whenSnapshotCompleted(() -> {
                try {
                    CapturedTables.record(producer, stateTopic, tables, true, "snapshot completed");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    // Not fatal: the next start finds offsets and no record, and records the set then.
                    log.warn("Could not record the captured tables in {}: {}", stateTopic, masker.mask(e.toString()));
                }
            });
        }
        return new Prepared(epochSnapshotDone, offset.isEmpty() || offset.get().snapshot() || resnapshot);
    }

    private static Optional<LostHistory> checkHistory(SidecarProperties properties, StoredOffset offset,
            SecretMasker masker) {
        String server = properties.source().host() + ":" + properties.source().port();
        try (Connection c = SourceJdbc.connect(properties)) {
            return LostHistory.check(offset, c, server);
        } catch (SQLException e) {
            // Debezium checks too and fails on its own; the sidecar must not refuse to start only
            // because this look-ahead could not run (a grant missing, say).
            log.warn("Could not compare the stored position {} with the binlogs of {}: {}", offset, server,
                    masker.mask(e.getMessage()));
            return Optional.empty();
        }
    }
}
