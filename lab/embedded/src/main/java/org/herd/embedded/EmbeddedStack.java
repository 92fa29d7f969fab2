package org.herd.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB, Kafka and PostgreSQL together, each in its own subdir of a work dir
 * ({@code mariadb/}, {@code kafka/}, {@code postgres/}). The three start in parallel.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);
    private static EmbeddedStack shared;

    private final Path workDir;
    private final boolean temporary;
    private final boolean isShared;
    private final EmbeddedMariaDb mariaDb;
    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;
    private boolean closed;

    private EmbeddedStack(Path workDir, boolean temporary, boolean isShared, EmbeddedMariaDb mariaDb, EmbeddedKafka kafka,
            EmbeddedPostgres postgres) {
        this.workDir = workDir;
        this.temporary = temporary;
        this.isShared = isShared;
        this.mariaDb = mariaDb;
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /**
     * One stack per JVM for integration tests: the JVM's shared servers ({@link EmbeddedMariaDb#shared()},
     * {@link EmbeddedKafka#shared()}, {@link EmbeddedPostgres#shared()}), started together on the
     * first call and stopped when the JVM exits. Its {@link #close()} does nothing, so tests may use
     * it in try-with-resources without stopping it for the tests that follow. It has no work dir of
     * its own ({@link #workDir()} is null): each server keeps a temp dir.
     */
    public static synchronized EmbeddedStack shared() {
        if (shared == null) {
            long started = System.nanoTime();
            CompletableFuture<EmbeddedMariaDb> mariaDb = SharedServers.mariaDb();
            CompletableFuture<EmbeddedKafka> kafka = SharedServers.kafka();
            CompletableFuture<EmbeddedPostgres> postgres = SharedServers.postgres();
            shared = new EmbeddedStack(null, false, true, SharedServers.await(mariaDb), SharedServers.await(kafka),
                    SharedServers.await(postgres));
            LOG.info("Shared embedded stack ready in {} ms: MariaDB {}:{}, Kafka {}, PostgreSQL {}:{}",
                    (System.nanoTime() - started) / 1_000_000, shared.mariaDb.host(), shared.mariaDb.port(),
                    shared.kafka.bootstrapServers(), shared.postgres.host(), shared.postgres.port());
        }
        return shared;
    }

    public EmbeddedMariaDb mariaDb() {
        return mariaDb;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        if (isShared) {
            LOG.debug("Ignoring close() of the shared stack; it stops when the JVM exits");
            return;
        }
        closeNow();
    }

    @Override
    public String toString() {
        return "EmbeddedStack[" + workDir + "]";
    }

    private synchronized void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeAll(kafka, mariaDb, postgres);
        } finally {
            if (temporary) {
                Files2.deleteQuietly(workDir, LOG);
            }
        }
    }

    /** Starts all three servers under {@code workDir}; null = a temp dir deleted on close. */
    public static EmbeddedStack start(Path workDir) {
        long started = System.nanoTime();
        boolean temporary = workDir == null;
        Path dir;
        try {
            dir = temporary ? Files.createTempDirectory("herd-stack-") : workDir.toAbsolutePath();
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new EmbeddedServerException("Stack: could not create its work dir: " + e, e);
        }
        ExecutorService starter = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "herd-stack-start");
            thread.setDaemon(true);
            return thread;
        });
        CompletableFuture<EmbeddedMariaDb> mariaDb = async(() -> EmbeddedMariaDb.start(dir.resolve("mariadb")), starter);
        CompletableFuture<EmbeddedKafka> kafka = async(() -> EmbeddedKafka.start(dir.resolve("kafka")), starter);
        CompletableFuture<EmbeddedPostgres> postgres = async(() -> EmbeddedPostgres.start(dir.resolve("postgres")), starter);
        starter.shutdown();
        try {
            CompletableFuture.allOf(mariaDb, kafka, postgres).join();
        } catch (CompletionException e) {
            // Whatever did start must not outlive the failure.
            closeAll(mariaDb.exceptionally(t -> null).join(), kafka.exceptionally(t -> null).join(),
                    postgres.exceptionally(t -> null).join());
            if (temporary) {
                Files2.deleteQuietly(dir, LOG);
            }
            Throwable cause = e.getCause();
            throw cause instanceof EmbeddedServerException ese ? ese
                    : new EmbeddedServerException("Stack failed to start: " + cause, cause);
        }
        EmbeddedStack stack = new EmbeddedStack(dir, temporary, false, mariaDb.join(), kafka.join(), postgres.join());
        LOG.info("Embedded stack started in {} ms: MariaDB {}:{}, Kafka {}, PostgreSQL {}:{} (work dir {})",
                (System.nanoTime() - started) / 1_000_000, stack.mariaDb.host(), stack.mariaDb.port(),
                stack.kafka.bootstrapServers(), stack.postgres.host(), stack.postgres.port(), dir);
        return stack;
    }

    private static <T> CompletableFuture<T> async(Supplier<T> startServer, ExecutorService executor) {
        return CompletableFuture.supplyAsync(startServer, executor);
    }

    private static void closeAll(AutoCloseable... servers) {
        RuntimeException failure = null;
        for (AutoCloseable server : servers) {
            if (server == null) {
                continue;
            }
            try {
                server.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new EmbeddedServerException("Stack: could not close " + server + ": " + e, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
