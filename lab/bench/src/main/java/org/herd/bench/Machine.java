package org.herd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the figures were measured on; other builds share the machine, so load is recorded too. */
final class Machine {

    private Machine() {
    }

    /** The machine, for the report. */
    record Description(int cpus, String cpuModel, String memTotal, String os, String java, String load1AtStart) {
    }

    static Description describe() {
        return new Description(Runtime.getRuntime().availableProcessors(),
                firstValue(Path.of("/proc/cpuinfo"), "model name"), firstValue(Path.of("/proc/meminfo"), "MemTotal"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), load());
    }

    static String summary() {
        return String.format(Locale.ROOT, "%d cpus, %s, load %s", Runtime.getRuntime().availableProcessors(),
                firstValue(Path.of("/proc/meminfo"), "MemTotal"), load());
    }

    /** The 1-minute load average, or "?" where /proc/loadavg does not exist. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // Not Linux.
        }
        return "?";
    }
}
