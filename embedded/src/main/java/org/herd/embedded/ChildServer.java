package org.herd.embedded;

import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * What the database servers that run as child processes have in common: a data dir (kept, or a
 * temp dir deleted on close), a private run dir, a port kept across restarts, and the stop,
 * restart and close sequence. Subclasses say how to launch the process and which signal stops
 * it gracefully.
 */
abstract class ChildServer implements AutoCloseable {

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

    /** Starts the server process on {@link #port}; may throw {@link ServerProcess.PortTakenException}. */
    abstract ServerProcess launchProcess();

    final synchronized void launch() {
        process = launchProcess();
    }

    public String host() {
        return Ports.LOOPBACK;
    }

    public int port() {
        return port;
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
