package org.herd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTimesTest {

    @Test
    void readsTimesAfterACommandHoldingSpacesAndParentheses(@TempDir Path dir) throws Exception {
        Path stat = dir.resolve("stat");
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        Files.writeString(stat, "4242 (odd (name) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 731 52 9 4 20 0 1 0\n");
        CpuTimes.Stat s = CpuTimes.Stat.of(stat);
        assertEquals("odd (name) x", s.command());
        assertEquals(731 + 52, s.own());
        assertEquals(9 + 4, s.children());
        assertNull(CpuTimes.Stat.of(dir.resolve("gone")));
    }

    @Test
    void countsTheCpuThisProcessSpendsAsTheBenchs() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
        CpuTimes before = CpuTimes.read(null, null);
        // Spin until this thread has used 300 ms of CPU, however loaded the machine is.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
        List<Double> sink = new ArrayList<>();
        while (threads.getCurrentThreadCpuTime() < until) {
            sink.add(Math.sqrt(sink.size()));
            if (sink.size() > 100_000) {
                sink.clear();
            }
        }
        Map<String, Double> cpu = CpuTimes.read(null, null).since(before);
        double bench = cpu.get("bench and Kafka broker");
        assertTrue(bench >= 0.29, "300 ms of busy loop shows as at least 0.29 CPU s: " + cpu);
        List<Double> roles = cpu.entrySet().stream().filter(e -> !e.getKey().equals("total"))
                .map(Map.Entry::getValue).toList();
        assertEquals(roles.stream().sorted(java.util.Comparator.reverseOrder()).toList(), roles,
                "largest first: " + cpu);
        assertEquals(roles.stream().mapToDouble(Double::doubleValue).sum(), cpu.get("total"), 0.05,
                cpu.toString());
    }
}
