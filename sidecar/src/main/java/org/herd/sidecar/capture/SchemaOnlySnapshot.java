package org.herd.sidecar.capture;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.source.SourceRecord;
import org.herd.sidecar.config.SecretMasker;
import org.herd.sidecar.snapshot.InitialSnapshot;

/**
 * Debezium's snapshot of the table definitions alone, for the sidecar's own snapshot: the engine
 * records the schema history at the current binlog position, sends the heartbeat it sends after
 * every snapshot, and is closed. It streams nothing and stores no offset (the heartbeat is never
 * marked processed), so a crash before the sidecar stores the position leaves Debezium with no
 * position to resume from. While its engine starts, Debezium's DDL parser is warmed on the
 * definitions it is about to parse under the lock ({@link DdlParserWarmUp}).
 */
public final class SchemaOnlySnapshot implements InitialSnapshot.SchemaSnapshot {

    private final Properties config;
    private final SecretMasker masker;
    private final Duration timeout;
    private final DdlParserWarmUp warmUp;

    /**
     * @param streaming the connector configuration capture streams with ({@link DebeziumConfig#build})
     * @param timeout   how long the engine may take to start and record the definitions
     * @param warmUp    run while the engine starts; the lock waits for it
     */
    public SchemaOnlySnapshot(Properties streaming, SecretMasker masker, Duration timeout, DdlParserWarmUp warmUp) {
        this.config = config(streaming);
        this.masker = masker;
        this.timeout = timeout;
        this.warmUp = warmUp;
    }

    /**
     * The streaming configuration turned into a snapshot of the definitions alone, under the lock
     * the sidecar takes when Debezium asks for it ({@link SidecarSnapshotLock}).
     */
    static Properties config(Properties streaming) {
        Properties p = new Properties();
        p.putAll(streaming);
        p.setProperty("snapshot.mode", "configuration_based");
        p.setProperty("snapshot.mode.configuration.based.snapshot.schema", "true");
        p.setProperty("snapshot.mode.configuration.based.snapshot.data", "false");
        p.setProperty("snapshot.mode.configuration.based.start.stream", "false");
        // The sidecar takes the global read lock when Debezium asks for it, after the engine has
        // started and right before it reads the binlog position, and releases it once the
        // definitions are recorded.
        p.setProperty("snapshot.locking.mode", "custom");
        p.setProperty("snapshot.locking.mode.custom.name", SidecarSnapshotLock.NAME);
        // The heartbeat that ends the snapshot is the signal that the definitions are recorded.
        if (Long.parseLong(p.getProperty("heartbeat.interval.ms", "0")) <= 0) {
            p.setProperty("heartbeat.interval.ms", "10000");
        }
        // Signals wait in their topic for the engine that streams.
        p.setProperty("signal.enabled.channels", "jmx");
        // The engine's offset store reads its topic with a consumer whose fetch, finding nothing,
        // waits at the broker for fetch.max.wait.ms; closing the engine waits for that fetch, after
        // the lock is released and before the first row is read: up to 0.45 s with the consumer's
        // 500 ms (docs/benchmarks.md).
        p.putIfAbsent("fetch.max.wait.ms", "100");
        return p;
    }

    @Override
    public InitialSnapshot.Recorded record(InitialSnapshot.Lock lock) throws InterruptedException {
        String lockId = UUID.randomUUID().toString();
        Properties engineConfig = new Properties();
        engineConfig.putAll(config);
        engineConfig.setProperty(SidecarSnapshotLock.ID, lockId);
        CompletableFuture<InitialSnapshot.Position> recorded = new CompletableFuture<>();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> engine = DebeziumEngine
                .create(ChangeEventFormat.of(Connect.class))
                .using(engineConfig)
                .notifying((events, committer) -> {
                    for (RecordChangeEvent<SourceRecord> event : events) {
                        Map<String, ?> offset = event.record().sourceOffset();
                        if (offset != null && offset.get("file") instanceof String file
                                && offset.get("pos") instanceof Number pos) {
                            recorded.complete(new InitialSnapshot.Position(file, pos.longValue(),
                                    offset.get("gtids") instanceof String gtids ? gtids : null));
                        }
                    }
                })
                .using((success, message, error) -> recorded.completeExceptionally(new IllegalStateException(
                        "Debezium's snapshot of the table definitions ended before it recorded them: "
                                + masker.mask(message + (error == null ? "" : ": " + error)))))
                .build();
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "herd-capture-schema"));
        InitialSnapshot.Recorded running = new InitialSnapshot.Recorded() {
            @Override
            public InitialSnapshot.Position position() {
                return recorded.join();
            }

            @Override
            public void close() throws InterruptedException {
                try {
                    engine.close();
                } catch (IOException e) {
                    // Closing after the heartbeat: nothing of it is needed any more.
                } finally {
                    SidecarSnapshotLock.unregister(lockId);
                }
                thread.shutdown();
                thread.awaitTermination(60, TimeUnit.SECONDS);
            }
        };
        SidecarSnapshotLock.register(lockId, DdlParserWarmUp.before(lock, warmUp.start(), DdlParserWarmUp.WAIT));
        try {
            thread.execute(engine);
            recorded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return running;
        } catch (ExecutionException e) {
            running.close();
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            running.close();
            throw new IllegalStateException("Debezium's snapshot of the table definitions took more than " + timeout);
        } catch (InterruptedException e) {
            running.close();
            throw e;
        }
    }
}
