package org.herd.testkit;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes to a Gazelle database on a thread of its own while a test does something else (restarts a
 * sidecar, stops the broker, runs verify, changes the schema): step after step on one connection,
 * until closed. A test waits for a number of steps, never for a time; a step that sleeps only paces
 * the writes.
 */
public final class BackgroundWrites implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);

    /** One step; {@code n} counts from 1. */
    @FunctionalInterface
    public interface Step {
        void run(int n) throws Exception;
    }

    /** Prepares the steps on the thread's connection: a workload, a statement. */
    @FunctionalInterface
    public interface Steps {
        Step on(Connection connection) throws Exception;
    }

    private final String name;
    private final AtomicInteger done = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private boolean closed;

    private BackgroundWrites(String name, Callable<Connection> connect, Steps steps) {
        this.name = name;
        this.thread = new Thread(() -> {
            try (Connection c = connect.call()) {
                Step step = steps.on(c);
                while (running) {
                    step.run(done.get() + 1);
                    done.incrementAndGet();
                }
            } catch (Throwable t) {
                failure = t;
            }
        }, name);
        thread.setDaemon(true);
    }

    /** Starts writing on a connection of its own from {@code connect}. */
    public static BackgroundWrites start(String name, Callable<Connection> connect, Steps steps) {
        BackgroundWrites writes = new BackgroundWrites(name, connect, steps);
        writes.thread.start();
        return writes;
    }

    /** Steps completed so far. */
    public int steps() {
        return done.get();
    }

    /** Stops after the step under way and waits for it; fails with what a step threw. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
        if (thread.isAlive()) {
            throw new AssertionError(name + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
        }
        if (failure != null) {
            throw new AssertionError(name + " failed after " + done.get() + " steps: " + failure, failure);
        }
    }
}
