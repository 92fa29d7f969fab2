package org.herd.crash;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The child JVMs the harness kills (the Kafka broker, the sidecar, the replicator): starting them,
 * a kill and restart, bringing back one that exited by itself, and killing all of them on the way
 * out. Counts what happened to each.
 */
final class Victims implements AutoCloseable {

    private final Duration startTimeout;
    /** Read by the shutdown hook while the main thread fills it. */
    private final Map<Victim, ChildJvm> children = new ConcurrentHashMap<>();
    private final Map<Victim, Integer> kills = new EnumMap<>(Victim.class);
    private final Map<Victim, Integer> restarts = new EnumMap<>(Victim.class);
    private final Map<Victim, List<Long>> restartMs = new EnumMap<>(Victim.class);
    private int unexpectedExits;

    /** What one kill-and-restart did. */
    record Restart(Victim victim, long killedPid, long uptimeMs, long downMs, long pid, long readyMs) {
    }

    Victims(Duration startTimeout) {
        this.startTimeout = startTimeout;
        for (Victim v : Victim.values()) {
            kills.put(v, 0);
            restarts.put(v, 0);
            restartMs.put(v, new ArrayList<>());
        }
    }

    /** Starts a child and waits until it is ready; returns milliseconds until ready. */
    long start(Victim victim, ChildJvm child) throws IOException, InterruptedException {
        if (children.putIfAbsent(victim, child) != null) {
            throw new IllegalStateException(victim.label() + " has a child already");
        }
        return child.start(startTimeout);
    }

    /** Waits until the victim's log shows {@code marker} since its last start. */
    void awaitLine(Victim victim, String marker) throws IOException, InterruptedException {
        children.get(victim).awaitLine(marker, startTimeout);
    }

    long pid(Victim victim) {
        return children.get(victim).pid();
    }

    /** Kills a victim with SIGKILL, keeps it down for {@code downMs} and starts it again. */
    Restart killAndRestart(Victim victim, long downMs) throws IOException, InterruptedException {
        return killAndRestart(victim, downMs, () -> {
        });
    }

    /** What the harness looks at while a victim is down, before it starts again. */
    @FunctionalInterface
    interface WhileDown {
        void run() throws InterruptedException;
    }

    /** As {@link #killAndRestart(Victim, long)}, running {@code whileDown} once the victim is dead. */
    Restart killAndRestart(Victim victim, long downMs, WhileDown whileDown) throws IOException, InterruptedException {
        ChildJvm child = children.get(victim);
        long pid = child.pid();
        long uptime = child.uptimeMs();
        child.kill();
        kills.merge(victim, 1, Integer::sum);
        whileDown.run();
        Thread.sleep(downMs);
        long back = child.start(startTimeout);
        restarts.merge(victim, 1, Integer::sum);
        restartMs.get(victim).add(back);
        return new Restart(victim, pid, uptime, downMs, child.pid(), back);
    }

    /** A child that died without being killed is reported and started again. */
    void reviveExited(Consumer<String> say) throws IOException, InterruptedException {
        for (Map.Entry<Victim, ChildJvm> e : children.entrySet()) {
            ChildJvm child = e.getValue();
            if (!child.isAlive()) {
                unexpectedExits++;
                int code = child.exitCode();
                long back = child.start(startTimeout);
                restarts.merge(e.getKey(), 1, Integer::sum);
                say.accept(String.format(Locale.ROOT, "  %s exited by itself (code %d; see %s); restarted (pid %d) in "
                        + "%.1f s", child.name(), code, child.log(), child.pid(), back / 1000.0));
            }
        }
    }

    Map<Victim, Integer> kills() {
        return Map.copyOf(kills);
    }

    Map<Victim, Integer> restarts() {
        return Map.copyOf(restarts);
    }

    int unexpectedExits() {
        return unexpectedExits;
    }

    /** Kills per victim and how fast each came back. */
    String summary() {
        StringBuilder b = new StringBuilder("Kills:");
        for (Victim v : Victim.values()) {
            List<Long> ms = new ArrayList<>(restartMs.get(v));
            Collections.sort(ms);
            b.append(String.format(Locale.ROOT, "  %s %d (back in median %.1f s, max %.1f s)", v.label(), kills.get(v),
                    ms.isEmpty() ? 0 : ms.get(ms.size() / 2) / 1000.0, ms.isEmpty() ? 0 : ms.get(ms.size() - 1) / 1000.0));
        }
        return b.toString();
    }

    /** Kills every child; safe to call from a shutdown hook and more than once. */
    @Override
    public void close() {
        for (ChildJvm child : children.values()) {
            child.close();
        }
    }
}
