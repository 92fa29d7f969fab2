package org.herd.crash;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * One {@code herd} command (sidecar, mirror, the harness's Kafka broker) in a JVM of its own, so
 * that it can be killed with SIGKILL and started again. The child runs the same Herd as this JVM:
 * {@code java -jar herd.jar ...} when this JVM runs from the Spring Boot jar, otherwise
 * {@code java -cp <this classpath> org.herd.crash.CrashChild ...}. Its output goes to a log file, appended
 * across restarts; a start waits until the child prints its ready line.
 */
final class ChildJvm implements AutoCloseable {

    private static final String CHILD_MAIN = CrashChild.class.getName();

    private final String name;
    private final List<String> command;
    private final Path log;
    private final String readyMarker;
    /** Volatile, not guarded: the shutdown hook must kill a child even while a start waits for it. */
    private volatile Process process;
    /** Guards launching against {@link #close()}, so that no child starts after the harness has closed it. */
    private final Object launchLock = new Object();
    private boolean closed;
    private long readyAt;
    /** Where the log stood when the child last started: lines after it are this run's. */
    private volatile long startedAt;

    ChildJvm(String name, List<String> jvmOptions, List<String> herdArguments, Path log, String readyMarker) {
        this.name = name;
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(jvmOptions);
        c.addAll(launcher());
        c.addAll(herdArguments);
        this.command = List.copyOf(c);
        this.log = log;
        this.readyMarker = readyMarker;
    }

    /**
     * How to run a herd command in a child JVM. From the Spring Boot jar, the class path
     * is that one jar (its manifest names the Start-Class) and only {@code -jar} can run it;
     * anywhere else (tests, an IDE) the class path of this JVM works as it is.
     */
    static List<String> launcher() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
            try (JarFile jar = new JarFile(classPath)) {
                if (jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Start-Class") != null) {
                    return List.of("-jar", Path.of(classPath).toAbsolutePath().toString());
                }
            } catch (IOException e) {
                // Not a jar we can read: use it as a plain class path below.
            }
        }
        return List.of("-cp", classPath, CHILD_MAIN);
    }

    String name() {
        return name;
    }

    /**
     * Starts the child and waits until its log shows the ready line.
     *
     * @return milliseconds from launch until ready
     * @throws IllegalStateException when the child exits or is not ready in time, with its last output
     */
    synchronized long start(Duration timeout) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        Files.createDirectories(log.getParent());
        long from = Files.exists(log) ? Files.size(log) : 0;
        startedAt = from;
        Files.writeString(log, "---- herd crash: starting " + name + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        long launched = System.nanoTime();
        synchronized (launchLock) {
            if (closed) {
                throw new IllegalStateException(name + " is closed: the harness is shutting down");
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }
        long deadline = launched + timeout.toNanos();
        StringBuilder seen = new StringBuilder();
        long offset = from;
        while (true) {
            offset = readFrom(offset, seen);
            if (seen.indexOf(readyMarker) >= 0) {
                readyAt = System.nanoTime();
                return (readyAt - launched) / 1_000_000;
            }
            // Keep only a tail long enough to hold a marker split between two reads.
            if (seen.length() > 4096) {
                seen.delete(0, seen.length() - 1024);
            }
            if (!process.isAlive()) {
                readFrom(offset, seen);
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " while starting; see " + log + ". Last output:\n" + tail(seen));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds()
                        + " s; see " + log + ". Last output:\n" + tail(seen));
            }
            Thread.sleep(100);
        }
    }

    /**
     * Waits until the running child's log shows {@code marker} since it last started, looking every
     * 10 ms, so that the harness can act at a moment the child names (kill it there).
     *
     * @throws IllegalStateException when the child exits or does not print it in time
     */
    void awaitLine(String marker, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder seen = new StringBuilder();
        long offset = startedAt;
        while (true) {
            offset = readFrom(offset, seen);
            if (seen.indexOf(marker) >= 0) {
                return;
            }
            if (seen.length() > 4096) {
                seen.delete(0, seen.length() - 1024);
            }
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited before printing '" + marker + "'; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not print '" + marker + "' within " + timeout.toSeconds()
                        + " s; see " + log + ". Last output:\n" + tail(seen));
            }
            Thread.sleep(10);
        }
    }

    private long readFrom(long offset, StringBuilder into) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length();
            if (length <= offset) {
                return offset;
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
            f.seek(offset);
            f.readFully(bytes);
            into.append(new String(bytes, StandardCharsets.UTF_8));
            return offset + bytes.length;
        }
    }

    private static String tail(StringBuilder seen) {
        return seen.length() <= 2000 ? seen.toString() : seen.substring(seen.length() - 2000);
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Milliseconds since the child last became ready. */
    synchronized long uptimeMs() {
        return (System.nanoTime() - readyAt) / 1_000_000;
    }

    /** The exit code of a child that is no longer running. */
    synchronized int exitCode() {
        return process.exitValue();
    }

    /**
     * SIGKILL: {@link Process#destroyForcibly()} sends SIGKILL on Linux and macOS. The child gets
     * no chance to flush, commit or say goodbye. Waits until the kernel has reaped it.
     */
    synchronized void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL for 60 s");
            }
        }
    }

    /**
     * Kills the child if it still runs and refuses to start it again; for the end of the run and
     * the JVM's shutdown hook, which may run while the harness's main thread is restarting it.
     */
    @Override
    public void close() {
        Process p;
        synchronized (launchLock) {
            closed = true;
            p = process;
        }
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Path log() {
        return log;
    }
}
