package org.herd.replicator;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The apply half of the loop: one thread that applies what the loop's thread hands it, one job at a
 * time, while the loop's thread polls and triages the next poll. On two cores this keeps both busy:
 * the loop decodes and verifies in the replicator's JVM while PostgreSQL writes the batch before,
 * instead of the two taking turns.
 *
 * <p>The hand-off has one slot: {@link #submit} is only called once the job before has finished
 * ({@link #await}), so jobs run in the order they were handed over and never two at once, and a job
 * is never handed over after one that failed: its failure is thrown from {@code await} to the
 * loop's thread, which drops what it triaged since and starts over from the stored offsets. The
 * Kafka consumer stays on the loop's thread, which is not shared with this one.
 *
 * @param <J> what the loop hands over
 * @param <D> what applying it returns
 */
final class ApplyStage<J, D> implements AutoCloseable {

    private final Function<J, D> work;
    private final ExecutorService thread;
    /** The job handed over and not awaited yet; only the loop's thread reads and writes it. */
    private Future<D> inFlight;

    /**
     * @param threadName the apply thread's name, for logs and thread dumps
     * @param work       applies one job; runs on the apply thread
     */
    ApplyStage(String threadName, Function<J, D> work) {
        this.work = work;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(false);
            return t;
        });
    }

    /** Whether a job was handed over and not awaited yet. */
    boolean busy() {
        return inFlight != null;
    }

    /**
     * Hands a job over to the apply thread and returns at once.
     *
     * @throws IllegalStateException when the job before has not been awaited: the slot holds one
     */
    void submit(J job) {
        if (inFlight != null) {
            throw new IllegalStateException("a job is in flight; await it before handing over the next");
        }
        inFlight = thread.submit(() -> work.apply(job));
    }

    /**
     * Waits until the job in flight, if any, has finished, and returns what it returned (null when
     * nothing was in flight).
     *
     * @throws RuntimeException the job's own failure, as it threw it
     * @throws InterruptedException when the loop's thread is interrupted while it waits; the job
     *                              goes on and is awaited again by the next call
     */
    D await() throws InterruptedException {
        Future<D> f = inFlight;
        if (f == null) {
            return null;
        }
        try {
            D done = f.get();
            inFlight = null;
            return done;
        } catch (ExecutionException e) {
            inFlight = null;
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Ends the apply thread once the job in flight, if any, has finished: a job is a transaction,
     * committed whole or not at all, so nothing is left half applied even when the caller does not
     * wait.
     */
    @Override
    public void close() {
        thread.shutdown();
    }
}
