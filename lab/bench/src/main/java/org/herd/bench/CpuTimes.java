package org.herd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds spent by each process of the bench between two readings, from {@code /proc}: on a
 * machine where the servers, Herd's two processes and the workload share two cores, wall time
 * alone does not say which of them a phase waits for.
 *
 * <p>Processes are grouped by role: the sidecar and the replicator by pid, MariaDB and PostgreSQL
 * by command name (every PostgreSQL backend counts, and backends that ended count through their
 * postmaster), and the bench JVM itself, which also runs the Kafka broker. Child processes of the
 * bench that ended during the phase (pgloader, the operator's commands) count under "exited
 * children", or the name the phase gives them.
 */
final class CpuTimes {

    /** Clock ticks per second of /proc's times (USER_HZ), 100 on every Linux architecture Herd runs on. */
    private static final double TICKS = 100.0;

    private final Map<String, Long> ticks;

    private CpuTimes(Map<String, Long> ticks) {
        this.ticks = ticks;
    }

    /** Reads the current times; the roles whose process cannot be read are absent. */
    static CpuTimes read(ChildProcess sidecar, ChildProcess replicator) {
        return read(sidecar, replicator, "exited children (pgloader)");
    }

    /**
     * As {@link #read(ChildProcess, ChildProcess)}, the bench's child processes that ended counted
     * under {@code exited}: what they were ({@code herd archive create}), which the kernel no longer
     * tells once they have.
     */
    static CpuTimes read(ChildProcess sidecar, ChildProcess replicator, String exited) {
        Map<String, Long> t = new LinkedHashMap<>();
        long self = ProcessHandle.current().pid();
        long sidecarPid = sidecar == null ? -1 : sidecar.pid();
        long replicatorPid = replicator == null ? -1 : replicator.pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                Stat s = Stat.of(p.resolve("stat"));
                if (s == null) {
                    continue;
                }
                if (pid == self) {
                    t.merge("bench and Kafka broker", s.own(), Long::sum);
                    t.merge(exited, s.children(), Long::sum);
                } else if (pid == sidecarPid) {
                    t.merge("sidecar", s.own(), Long::sum);
                } else if (pid == replicatorPid) {
                    t.merge("replicator", s.own(), Long::sum);
                } else if (s.command().equals("mariadbd") || s.command().equals("mysqld")) {
                    t.merge("MariaDB", s.own() + s.children(), Long::sum);
                } else if (s.command().equals("postgres")) {
                    t.merge("PostgreSQL", s.own() + s.children(), Long::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: no figures.
        }
        return new CpuTimes(t);
    }

    /** Seconds of CPU per role since {@code earlier}, largest first, and their total; idle roles left out. */
    Map<String, Double> since(CpuTimes earlier) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        ticks.forEach((role, now) -> {
            long used = now - earlier.ticks.getOrDefault(role, 0L);
            if (used > 0) {
                seconds.put(role, Bench.round(used / TICKS));
            }
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        seconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.put("total", Bench.round(seconds.values().stream().mapToDouble(Double::doubleValue).sum()));
        return sorted;
    }

    /** "sidecar 12.3 s, MariaDB 4.5 s, ..." for the bench's own lines. */
    static String describe(Map<String, Double> cpu) {
        StringBuilder b = new StringBuilder();
        cpu.forEach((role, s) -> {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(role).append(' ').append(s).append(" s");
        });
        return b.toString();
    }

    /** The fields of /proc/PID/stat this class needs. */
    record Stat(String command, long utime, long stime, long cutime, long cstime) {

        static Stat of(Path file) {
            String line;
            try {
                line = Files.readString(file);
            } catch (IOException e) {
                return null; // the process ended meanwhile
            }
            // The command sits in parentheses and may itself hold spaces and parentheses.
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            if (open < 0 || close < open) {
                return null;
            }
            String[] f = line.substring(close + 2).split(" ");
            // After the command: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17).
            return new Stat(line.substring(open + 1, close), Long.parseLong(f[11]), Long.parseLong(f[12]),
                    Long.parseLong(f[13]), Long.parseLong(f[14]));
        }

        long own() {
            return utime + stime;
        }

        long children() {
            return cutime + cstime;
        }
    }
}
