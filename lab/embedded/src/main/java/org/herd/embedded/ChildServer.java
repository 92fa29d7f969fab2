package org.herd.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * What the database servers that run as child processes have in common: a data dir (kept, or a
 * temp dir deleted on close), a private run dir, a port kept across restarts, and the stop,
 * restart and close sequence. Subclasses say how to launch the process and which signal stops
 * it gracefully.
 */
abstract class ChildServer implements AutoCloseable {

    private static final int PORT_ATTEMPTS = 5;

    private final String name;
    private final String stopSignal;
    private final Logger log;
    protected final Path dataDir;
    protected final boolean temporary;
    protected final Path runDir;
    protected int port;
    private ServerProcess process;
    private boolean closed;

    ChildServer(String name, String stopSignal, Logger log, Path dataDir, boolean temporary, Path runDir) {
        this.name = name;
        this.stopSignal = stopSignal;
        this.log = log;
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.runDir = runDir;
    }

    /** Makes a server on its directories, before anything is started. */
    interface Constructor<S extends ChildServer> {
        S create(Path dataDir, boolean temporary, Path runDir);
    }

    /**
     * Creates the server's directories ({@code dataDir} null = a temp dir deleted on close),
     * registers it for clean-up at JVM exit, and starts it; a server that fails to start is
     * closed again, so nothing is left behind.
     */
    static <S extends ChildServer> S start(String name, Path dataDir, String dataPrefix, String runPrefix,
            Constructor<S> constructor) {
        S server;
        try {
            boolean temporary = dataDir == null;
            Path dir = temporary ? Files.createTempDirectory(dataPrefix) : dataDir.toAbsolutePath();
            Files.createDirectories(dir);
            server = constructor.create(dir, temporary, Files.createTempDirectory(runPrefix));
        } catch (IOException e) {
            throw new EmbeddedServerException(name + ": could not create its directories: " + e, e);
        }
        OpenServers.register(server);
        try {
            server.startFirstTime();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Initialises a new data dir if needed and starts the server on a free port. */
    abstract void startFirstTime();

    /** Starts the server process on {@link #port}; may throw {@link ServerProcess.PortTakenException}. */
    abstract ServerProcess launchProcess();

    final synchronized void launch() {
        process = launchProcess();
    }

    /**
     * Launches on a free port, trying another when a concurrent process takes the chosen one
     * between the check and the server's bind.
     */
    final synchronized void launchOnFreePort() {
        for (int attempt = 1; ; attempt++) {
            port = Ports.freePort();
            try {
                launch();
                return;
            } catch (ServerProcess.PortTakenException e) {
                if (attempt == PORT_ATTEMPTS) {
                    throw new EmbeddedServerException(name + ": no free port after " + attempt + " attempts", e);
                }
                log.debug("{} port {} was taken meanwhile, trying another", name, port);
            }
        }
    }

    public String host() {
        return Ports.LOOPBACK;
    }

    public int port() {
        return port;
    }

    /** The data dir given at start, or the temp dir chosen for it. */
    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server gracefully; the data dir and port are kept for {@link #restart()}. */
    public synchronized void stop() {
        if (process != null) {
            ServerProcess running = process;
            process = null;
            running.stop(stopSignal);
        }
    }

    /** Stops and starts the server again on the same port and data dir. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException(name + " was closed");
        }
        stop();
        long started = System.nanoTime();
        try {
            launch();
        } catch (ServerProcess.PortTakenException e) {
            throw new EmbeddedServerException(name + " could not restart: port " + port
                    + " was taken by another process while it was stopped", e);
        }
        log.info("{} restarted on {}:{} in {} ms", name, host(), port, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            OpenServers.unregister(this);
            Files2.deleteQuietly(runDir, log);
            if (temporary) {
                Files2.deleteQuietly(dataDir, log);
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + host() + ":" + port + ", " + dataDir + "]";
    }
}
