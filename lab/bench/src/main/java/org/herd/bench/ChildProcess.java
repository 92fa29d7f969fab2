package org.herd.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.herd.cli.Herd;

/**
 * A sidecar or replicator started by {@link BenchChild} in its own JVM, or one of the operator's
 * commands ({@link #herd}). Reads its progress lines, writes everything else it prints to a log
 * file, and reads its memory from /proc.
 */
final class ChildProcess implements AutoCloseable {

    /** The applications {@link #start} runs, by the role that names them. */
    static final List<String> APPLICATIONS = List.of("sidecar", "mirror");
    private static final String CLASS_ARCHIVE_SUFFIX = ".jsa";

    private final String role;
    private final Process process;
    private final Path log;
    private volatile Map<String, String> last = Map.of();
    private volatile boolean ready;
    private volatile long peakRssKib;
    private Thread reader;

    private ChildProcess(String role, Process process, Path log) {
        this.role = role;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code role} ("sidecar" or "mirror") with the given JVM options and application
     * properties. From the herd jar it runs {@code java -jar herd.jar bench --child ROLE}; from a
     * class path (tests, IDE) it runs {@link BenchChild} on the same class path.
     */
    static ChildProcess start(String role, List<String> jvmOptions, List<String> properties, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path");
        if (runsFromHerdJar(classPath)) {
            command.addAll(List.of("-jar", unpacked(classPath), "bench", "--child", role));
        } else {
            command.addAll(List.of("-cp", classPath, BenchChild.class.getName(), role));
        }
        command.addAll(properties);
        return launch(role, command, log);
    }

    /**
     * Runs the operator's command {@code herd ARGUMENTS} (as {@code herd archive create ...}) in a JVM
     * of its own, its output written to {@code log}: from the herd jar {@code java -jar herd.jar
     * ARGUMENTS}, from a class path {@link Herd#main}. {@link #waitFor} gives its exit code.
     */
    static ChildProcess herd(String role, List<String> jvmOptions, List<String> arguments, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path");
        if (runsFromHerdJar(classPath)) {
            command.addAll(List.of("-jar", unpacked(classPath)));
        } else {
            command.addAll(List.of("-cp", classPath, Herd.class.getName()));
        }
        command.addAll(arguments);
        return launch(role, command, log);
    }

    /**
     * The herd jar unpacked once into plain jars beside it (Spring Boot's {@code -Djarmode=tools
     * extract}: the application's classes in one jar, each library in {@code lib/}, joined by the
     * manifest's class path), and the jar to run there. Loading classes out of the jars nested in the
     * herd jar is slower than out of plain jars: `herd bench --help` takes 1.7 to 1.9 CPU s nested
     * and 1.0 to 1.1 unpacked, and a sidecar or replicator loads several times its classes. Unpacked
     * again when the herd jar's size or time differs from the one unpacked.
     */
    private static synchronized String unpacked(String herdJar) throws IOException {
        Path jar = Path.of(herdJar).toAbsolutePath();
        String name = jar.getFileName().toString();
        Path dir = jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + "-unpacked");
        Path stamp = dir.resolve("unpacked-from");
        String source = Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        if (!Files.isRegularFile(stamp) || !Files.readString(stamp).equals(source)) {
            // A class-data archive names the jars it was made from, by size and time: a JVM ignores
            // one made from an earlier herd jar's, and the bench makes them again when they are gone.
            for (String application : APPLICATIONS) {
                Files.deleteIfExists(dir.resolve(application + CLASS_ARCHIVE_SUFFIX));
            }
            Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", dir.toString(), "--force")
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (p.waitFor() != 0) {
                    throw new IOException("unpacking " + jar + " into " + dir + " failed with exit code "
                            + p.exitValue() + ": " + output.strip());
                }
            } catch (InterruptedException e) {
                p.destroy();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while unpacking " + jar, e);
            }
            Files.writeString(stamp, source);
        }
        return dir.resolve(name).toString();
    }

    /**
     * Where the class-data archive of {@code application} ("sidecar" or "mirror") is kept: beside the
     * unpacked herd jar, whose jars it was made from ({@link ClassArchiveTraining}). Empty when the
     * bench runs from a class path (tests, an IDE): a JVM archives classes out of jars only, not
     * out of the directories such a class path holds.
     */
    static Optional<Path> classArchive(String application) throws IOException {
        if (!APPLICATIONS.contains(application)) {
            throw new IllegalArgumentException("no class-data archive for '" + application + "'; the applications are "
                    + APPLICATIONS);
        }
        String classPath = System.getProperty("java.class.path");
        if (!runsFromHerdJar(classPath)) {
            return Optional.empty();
        }
        return Optional.of(Path.of(unpacked(classPath)).resolveSibling(application + CLASS_ARCHIVE_SUFFIX));
    }

    private static boolean runsFromHerdJar(String classPath) {
        return !classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar") && isHerdJar(classPath);
    }

    private static ChildProcess launch(String role, List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        ChildProcess child = new ChildProcess(role, pb.start(), log);
        child.reader = new Thread(child::readOutput, "herd-bench-" + role + "-out");
        child.reader.setDaemon(true);
        child.reader.start();
        Thread rss = new Thread(child::sampleRss, "herd-bench-" + role + "-rss");
        rss.setDaemon(true);
        rss.start();
        return child;
    }

    /**
     * Waits for the process to end and for its output to be in the log; its exit code.
     *
     * @throws IllegalStateException when it has not ended within {@code timeoutMs} (it is then stopped)
     */
    int waitFor(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            close();
            throw new IllegalStateException("the " + role + " process did not end within " + timeoutMs / 1000
                    + " s; its output is in " + log);
        }
        reader.join(10_000);
        return process.exitValue();
    }

    private static boolean isHerdJar(String path) {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(path)) {
            return jar.getEntry("BOOT-INF/") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(BenchChild.PREFIX)) {
                    parse(line.substring(BenchChild.PREFIX.length()));
                } else {
                    out.println(line);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // The process is gone; its exit is noticed by whoever waits on it.
        }
    }

    private void parse(String line) {
        if (line.equals("ready")) {
            ready = true;
            return;
        }
        Map<String, String> values = new HashMap<>();
        for (String part : line.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                values.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        last = values;
    }

    /** VmHWM is the kernel's own high-water mark; sampled as well in case the process dies first. */
    private void sampleRss() {
        while (process.isAlive()) {
            long hwm = statusKib("VmHWM");
            if (hwm > peakRssKib) {
                peakRssKib = hwm;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long statusKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process just ended: no figure.
        }
        return -1;
    }

    long counter(String name) {
        String v = last.get(name);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** A replicator's records consumed so far: applied, not newer than what it held, or quarantined. */
    long consumed() {
        return counter("applied") + counter("notNewer") + counter("quarantined");
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(last.get(name));
    }

    boolean isReady() {
        return ready;
    }

    /** Fails with the end of the log when the process has exited. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the " + role + " process exited with code " + process.exitValue()
                    + "; its output is in " + log);
        }
    }

    void awaitReady(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!ready) {
            checkAlive();
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the " + role + " process did not start within " + timeoutMs / 1000
                        + " s; its output is in " + log);
            }
            Thread.sleep(20);
        }
    }

    /** Peak resident set size so far, in MiB; -1 where /proc cannot tell. */
    double peakRssMib() {
        long now = statusKib("VmHWM");
        long peak = Math.max(now, peakRssKib);
        return peak < 0 ? -1 : peak / 1024.0;
    }

    double currentRssMib() {
        long now = statusKib("VmRSS");
        return now < 0 ? -1 : now / 1024.0;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        // SIGTERM: the applications close their contexts and commit what they hold.
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
