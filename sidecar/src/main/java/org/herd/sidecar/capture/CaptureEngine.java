package org.herd.sidecar.capture;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.source.SourceRecord;
import org.herd.sidecar.config.SecretMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Debezium engine on its own thread and restarts it after a failure. A restart
 * resumes from the offsets stored in Kafka, which cover only batches Kafka acknowledged. When the
 * sidecar takes the initial snapshot itself, that runs first on the same thread, and again from
 * the beginning after a failure, until it has stored the position Debezium streams from.
 */
public final class CaptureEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CaptureEngine.class);

    private final Properties config;
    private final DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> consumer;
    private final Duration restartDelay;
    private final SecretMasker masker;
    private final AtomicReference<DebeziumEngine<RecordChangeEvent<SourceRecord>>> engine = new AtomicReference<>();
    private volatile FirstStep first;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;

    /** What runs before Debezium streams: the sidecar's own initial snapshot. */
    @FunctionalInterface
    public interface FirstStep {
        void run() throws Exception;
    }

    /** @param first runs once to its end before Debezium starts, again after each failure; null for none */
    public CaptureEngine(Properties config, DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> consumer,
            Duration restartDelay, SecretMasker masker, FirstStep first) {
        this.first = first;
        this.config = config;
        this.consumer = consumer;
        this.restartDelay = restartDelay;
        this.masker = masker;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "herd-capture");
        thread.start();
    }

    private void loop() {
        try {
            while (running && first != null) {
                try {
                    first.run();
                    first = null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    if (!running) {
                        return;
                    }
                    log.error("The initial snapshot failed: {}. Taking it again from the beginning in {}.",
                            masker.mask(rootCause(e)), restartDelay);
                    sleep(restartDelay);
                }
            }
            while (running) {
                AtomicReference<String> failure = new AtomicReference<>();
                DebeziumEngine<RecordChangeEvent<SourceRecord>> e = DebeziumEngine
                        .create(ChangeEventFormat.of(Connect.class))
                        .using(config)
                        .notifying(consumer)
                        .using((success, message, error) -> {
                            if (!success) {
                                failure.set(masker.mask(message + (error == null ? "" : ": " + rootCause(error))));
                            }
                        })
                        .build();
                engine.set(e);
                if (!running) {
                    break;
                }
                e.run();
                if (running && failure.get() != null) {
                    log.error("Capture stopped: {}. Restarting in {} from the last acknowledged position.",
                            failure.get(), restartDelay);
                    sleep(restartDelay);
                } else if (running) {
                    log.warn("Capture engine ended without an error; restarting in {}", restartDelay);
                    sleep(restartDelay);
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    private static String rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == t ? t.toString() : t + " (cause: " + c + ")";
    }

    /** Waits, but returns as soon as the engine is being closed. */
    private void sleep(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        try {
            while (running && System.nanoTime() < until) {
                Thread.sleep(100);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        if (first != null && thread != null) {
            // The initial snapshot waits on Kafka between batches; the interrupt ends it there.
            thread.interrupt();
        }
        DebeziumEngine<RecordChangeEvent<SourceRecord>> e = engine.get();
        if (e != null) {
            try {
                e.close();
            } catch (IOException ex) {
                log.warn("Closing the capture engine failed: {}", masker.mask(ex.toString()));
            }
        }
        try {
            if (!stopped.await(60, TimeUnit.SECONDS)) {
                log.warn("Capture thread did not stop within 60 s");
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
