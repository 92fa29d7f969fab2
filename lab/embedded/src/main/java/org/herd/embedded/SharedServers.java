package org.herd.embedded;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * One server of each kind per JVM, for tests: each started on first use and stopped when the JVM
 * exits ({@link OpenServers}). A start runs in the background, so that {@link EmbeddedStack#shared()}
 * starts its three together; a test that needs one kind only starts that one. A start that failed
 * fails every later call the same way.
 */
final class SharedServers {

    private static final ExecutorService STARTER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "herd-shared-start");
        thread.setDaemon(true);
        return thread;
    });

    private static CompletableFuture<EmbeddedMariaDb> mariaDb;
    private static CompletableFuture<EmbeddedKafka> kafka;
    private static CompletableFuture<EmbeddedPostgres> postgres;

    private SharedServers() {
    }

    static synchronized CompletableFuture<EmbeddedMariaDb> mariaDb() {
        if (mariaDb == null) {
            mariaDb = startInBackground(() -> EmbeddedMariaDb.start(null));
        }
        return mariaDb;
    }

    static synchronized CompletableFuture<EmbeddedKafka> kafka() {
        if (kafka == null) {
            kafka = startInBackground(() -> EmbeddedKafka.start(null));
        }
        return kafka;
    }

    static synchronized CompletableFuture<EmbeddedPostgres> postgres() {
        if (postgres == null) {
            postgres = startInBackground(() -> EmbeddedPostgres.start(null));
        }
        return postgres;
    }

    /** Waits until the server has started; throws what its start threw. */
    static <S> S await(CompletableFuture<S> server) {
        try {
            return server.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof EmbeddedServerException ese ? ese
                    : new EmbeddedServerException("A shared server failed to start: " + cause, cause);
        }
    }

    private static <S> CompletableFuture<S> startInBackground(Supplier<S> start) {
        return CompletableFuture.supplyAsync(start, STARTER);
    }
}
