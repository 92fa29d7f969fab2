package org.herd.serve.access;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Gazelle's limit: a client's first request opens a window; within it at most {@code requests} are
 * answered. Windows of clients that went quiet are dropped when the table grows, so a storm from
 * many addresses cannot grow it without bound.
 */
public final class RateLimiter {

    private static final int MAX_CLIENTS = 100_000;

    private record Window(long start, AtomicInteger count) {
    }

    private final int requests;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(int requests, Duration window, LongSupplier nanoTime) {
        this.requests = requests;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Counts a request of {@code client}.
     *
     * @return 0 when it may be answered, else the seconds until the client's window ends (at least 1)
     */
    public long acquire(String client) {
        long now = nanoTime.getAsLong();
        if (windows.size() > MAX_CLIENTS) {
            windows.values().removeIf(w -> now - w.start() >= windowNanos);
        }
        Window w = windows.compute(client, (k, old) -> old == null || now - old.start() >= windowNanos
                ? new Window(now, new AtomicInteger()) : old);
        if (w.count().incrementAndGet() <= requests) {
            return 0;
        }
        long left = windowNanos - (now - w.start());
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }
}
