package org.herd.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/** A database server running as a child process: started, awaited until ready, stopped by signal. */
final class ServerProcess {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String server;
    private final Process process;
    private final ProcessOutput output;
    private final Logger log;

    private ServerProcess(String server, Process process, ProcessOutput output, Logger log) {
        this.server = server;
        this.process = process;
        this.output = output;
        this.log = log;
    }

    /** The chosen port was taken by someone else between choosing and binding it. */
    static final class PortTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Starts {@code command} and waits until it prints a line containing {@code readyMarker}.
     *
     * @throws PortTakenException if the server could not bind its port
     * @throws EmbeddedServerException if it exits, or is not ready in time, with its last output
     */
    static ServerProcess start(String server, String where, List<String> command, Map<String, String> environment,
            Path workingDir, String readyMarker, Duration timeout, Logger serverLog) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EmbeddedServerException(server + ": could not execute " + command.get(0) + ": " + e, e);
        }
        ProcessOutput output = new ProcessOutput(process, server.toLowerCase() + "-" + process.pid(), serverLog);
        boolean ready;
        try {
            ready = output.await(line -> line.contains(readyMarker), timeout);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException(server + ": interrupted while starting on " + where, e);
        }
        if (!ready) {
            boolean exited = false;
            try {
                // The output ends when the server dies; give the process a moment to be reaped.
                exited = process.waitFor(5, TimeUnit.SECONDS);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                output.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (output.contains("Address already in use")) {
                throw new PortTakenException(server + ": port taken on " + where);
            }
            String why = exited ? "the server exited during startup" + exitCode(process)
                    : "the server was not ready within " + timeout.toSeconds() + "s";
            throw new EmbeddedServerException(server + " failed to start on " + where + ": " + why
                    + ". Last output:\n" + output.tail());
        }
        return new ServerProcess(server, process, output, serverLog);
    }

    /** Runs a short-lived tool (initdb, mariadb-install-db) and fails with its output unless it exits 0. */
    static void run(String server, List<String> command, Map<String, String> environment, Path workingDir,
            Duration timeout, Logger toolLog) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        String tool = Path.of(command.get(0)).getFileName().toString();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EmbeddedServerException(server + ": could not execute " + command.get(0) + ": " + e, e);
        }
        ProcessOutput output = new ProcessOutput(process, tool, toolLog);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new EmbeddedServerException(server + ": " + tool + " did not finish within " + timeout.toSeconds()
                        + "s. Last output:\n" + output.tail());
            }
            output.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException(server + ": interrupted while running " + tool, e);
        }
        if (process.exitValue() != 0) {
            throw new EmbeddedServerException(server + ": " + tool + " failed with exit code " + process.exitValue()
                    + ". Last output:\n" + output.tail());
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends {@code signal} (a name such as TERM or INT) and waits for the process to exit,
     * killing it if it does not stop in time.
     */
    void stop(String signal) {
        signal(signal);
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} (pid {}) did not stop within {}s, killing it", server, process.pid(), STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            output.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void signal(String signal) {
        if (!process.isAlive()) {
            return;
        }
        if ("TERM".equals(signal)) {
            // Through the handle, unlike Process.destroy(), the output pipe stays open so the
            // shutdown messages still drain.
            process.toHandle().destroy();
            return;
        }
        try {
            // The JDK can only send TERM and KILL; the shell builtin sends anything else.
            Process kill = new ProcessBuilder("sh", "-c", "kill -s " + signal + " " + process.pid())
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                process.toHandle().destroy();
            }
        } catch (IOException e) {
            process.toHandle().destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.toHandle().destroy();
        }
    }

    private static String exitCode(Process process) {
        return process.isAlive() ? "" : " with exit code " + process.exitValue();
    }
}
