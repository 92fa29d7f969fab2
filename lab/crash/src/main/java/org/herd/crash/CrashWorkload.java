package org.herd.crash;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.herd.simulator.GazelleWorkload;
import org.herd.verify.Verification;

/**
 * Gazelle workload steps at a steady rate, with tracker, user-activity and private-message noise
 * every tenth step, on a thread of its own until stopped.
 */
final class CrashWorkload implements Runnable {

    private final Verification.Connector gazelle;
    private final int rate;
    private final long seed;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * @param rate steps per second
     * @param seed the workload's seed
     */
    CrashWorkload(Verification.Connector gazelle, int rate, long seed) {
        this.gazelle = gazelle;
        this.rate = rate;
        this.seed = seed;
    }

    @Override
    public void run() {
        long interval = 1_000_000_000L / rate;
        try (Connection c = gazelle.connect()) {
            GazelleWorkload w = new GazelleWorkload(c, seed);
            long next = System.nanoTime();
            int inARow = 0;
            while (running.get()) {
                try {
                    w.step();
                    if (steps.incrementAndGet() % 10 == 0) {
                        w.noise(5);
                    }
                    inARow = 0;
                } catch (SQLException | IllegalStateException e) {
                    // The step rolled its transaction back, so the origin is as before it. The
                    // workload throws IllegalStateException when a small site has run out of
                    // something a kind of step needs (every collage deleted): skip that step.
                    failures.incrementAndGet();
                    if (++inARow > 100) {
                        throw e;
                    }
                }
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } else {
                    next = System.nanoTime();
                }
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    void stop() {
        running.set(false);
    }

    /** Steps committed at the origin. */
    long steps() {
        return steps.get();
    }

    /** Steps rolled back and skipped. */
    long failures() {
        return failures.get();
    }

    /** Rethrows what stopped the workload, if anything did. */
    void check() {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("the workload failed after " + steps.get() + " steps: " + e, e);
        }
    }
}
