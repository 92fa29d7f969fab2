package org.herd.sidecar;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.herd.sidecar.publish.PipelineListener;
import org.herd.sidecar.publish.RecordFacts;
import org.herd.translator.RowChange;
import org.herd.translator.SourcePosition;

/** What the sidecar has done so far; safe to read from any thread. */
public final class SidecarProgress implements PipelineListener {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SidecarProgress.class);

    /** How often a running snapshot says how far it has got. */
    static final long SNAPSHOT_LOG_INTERVAL_MS = 10_000;

    private final LongAdder rowChanges = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final LongAdder discarded = new LongAdder();
    private final LongAdder quarantined = new LongAdder();
    private final Map<String, LongAdder> publishedByEntity = new ConcurrentHashMap<>();
    private final AtomicBoolean snapshotCompleted = new AtomicBoolean();
    private final AtomicReference<SourcePosition> lastPosition = new AtomicReference<>();
    private final List<Runnable> onSnapshotCompleted = new CopyOnWriteArrayList<>();
    private final SnapshotProgress snapshot = new SnapshotProgress(System::currentTimeMillis);
    private volatile long lastSnapshotLogMs;

    @Override
    public void rowChange(RowChange change) {
        SourcePosition position = change.position();
        rowChanges.increment();
        lastPosition.set(position);
        if (!position.snapshot()) {
            markSnapshotCompleted();
        } else {
            snapshot.read();
            logSnapshotIfDue();
        }
    }

    /** One line every {@value #SNAPSHOT_LOG_INTERVAL_MS} ms while a snapshot runs: rows, rate, time left. */
    private void logSnapshotIfDue() {
        long now = System.currentTimeMillis();
        if (now - lastSnapshotLogMs >= SNAPSHOT_LOG_INTERVAL_MS) {
            if (lastSnapshotLogMs != 0) {
                log.info("Snapshot: {}", snapshot.describe());
            }
            lastSnapshotLogMs = now;
        }
    }

    /** The snapshot's progress: rows read, rate, estimated time left. */
    public SnapshotProgress snapshot() {
        return snapshot;
    }

    @Override
    public void published(RecordFacts record) {
        published.increment();
        publishedByEntity.computeIfAbsent(record.entity(), e -> new LongAdder()).increment();
    }

    @Override
    public void discarded(RowChange change) {
        discarded.increment();
    }

    @Override
    public void quarantined(org.herd.sidecar.publish.QuarantineRecord record) {
        quarantined.increment();
    }

    @Override
    public void snapshotCompleted() {
        markSnapshotCompleted();
    }

    /**
     * Runs {@code action} once, on the capture thread, when the initial snapshot has completed
     * (right away if it already has).
     */
    public void whenSnapshotCompleted(Runnable action) {
        onSnapshotCompleted.add(action);
        if (snapshotCompleted.get() && onSnapshotCompleted.remove(action)) {
            action.run();
        }
    }

    private void markSnapshotCompleted() {
        if (snapshotCompleted.compareAndSet(false, true)) {
            if (snapshot.rows() > 0) {
                log.info("Snapshot completed: {}", snapshot.describe());
            }
            for (Runnable action : onSnapshotCompleted) {
                if (onSnapshotCompleted.remove(action)) {
                    action.run();
                }
            }
        }
    }

    /** Row changes read from Debezium (snapshot reads included). */
    public long rowChanges() {
        return rowChanges.sum();
    }

    /** Records acknowledged by Kafka. */
    public long published() {
        return published.sum();
    }

    /** Updates that changed no public column (tracker and bookkeeping noise): nothing published. */
    public long discarded() {
        return discarded.sum();
    }

    /** Row changes that could not be translated and went to the quarantine topic. */
    public long quarantined() {
        return quarantined.sum();
    }

    public Map<String, Long> publishedByEntity() {
        Map<String, Long> copy = new TreeMap<>();
        publishedByEntity.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** True once the initial snapshot has been read completely and streaming has begun. */
    public boolean isSnapshotCompleted() {
        return snapshotCompleted.get();
    }

    public SourcePosition lastPosition() {
        return lastPosition.get();
    }
}
