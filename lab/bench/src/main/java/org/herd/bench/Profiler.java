package org.herd.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * async-profiler (Maven Central's tools.profiler:async-profiler, which carries the native agent for
 * Linux on x64 and arm64) for {@code --profile}: the agent option that makes a child JVM sample its
 * CPU from start to exit and write a flame graph, {@code <role>-cpu.html}, next to the report.
 *
 * <p>CPU samples come from perf events where the kernel allows them (as root, or with
 * {@code kernel.perf_event_paranoid} at most 1), which see native and kernel frames too; elsewhere
 * async-profiler falls back to a timer on the JVM's threads.
 */
final class Profiler {

    private final Path library;

    private Profiler(Path library) {
        this.library = library;
    }

    /**
     * The agent unpacked into {@code dir}, or empty with the reason said when this platform has none.
     */
    static Optional<Profiler> unpack(Path dir, java.util.function.Consumer<String> say) throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        String platform = !os.contains("linux") ? null
                : arch.equals("amd64") || arch.equals("x86_64") ? "linux-x64"
                : arch.equals("aarch64") ? "linux-arm64" : null;
        if (platform == null) {
            say.accept("  --profile: async-profiler has no agent for " + os + "/" + arch
                    + "; only the flight recordings are written");
            return Optional.empty();
        }
        String resource = platform + "/libasyncProfiler.so";
        try (InputStream in = Profiler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                say.accept("  --profile: " + resource + " is not on the class path (tools.profiler:async-profiler); "
                        + "only the flight recordings are written");
                return Optional.empty();
            }
            Path library = Files.createDirectories(dir).resolve("libasyncProfiler.so");
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(new Profiler(library));
        }
    }

    /** The JVM option that profiles a process's CPU from start to exit into {@code flameGraph} (.html). */
    String agentOption(Path flameGraph) {
        return "-agentpath:" + library + "=start,event=cpu,interval=10ms,file=" + flameGraph;
    }
}
