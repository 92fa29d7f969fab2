package org.herd.crash;

import java.util.Map;

/**
 * What a crash run did and found.
 *
 * @param cycles          kill-and-restart cycles run
 * @param kills           SIGKILLs per victim
 * @param restarts        restarts per victim that came back ready (after a kill or an exit of its own)
 * @param unexpectedExits children that exited without being killed
 * @param workloadSteps   workload transactions committed at the origin while the cycles ran
 * @param lost            origin rows missing from the mirror
 * @param duplicated      mirror rows the origin does not have
 * @param diverged        rows whose payload differs between origin and mirror
 */
public record CrashResult(int cycles, Map<Victim, Integer> kills, Map<Victim, Integer> restarts, int unexpectedExits,
        long workloadSteps, long lost, long duplicated, long diverged) {

    public CrashResult {
        kills = Map.copyOf(kills);
        restarts = Map.copyOf(restarts);
    }

    /** The run's last line. */
    public String line() {
        return "cycles=" + cycles + " lost=" + lost + " duplicated=" + duplicated + " diverged=" + diverged;
    }

    public boolean passed() {
        return lost == 0 && duplicated == 0 && diverged == 0;
    }

    public int exitCode() {
        return passed() ? 0 : 1;
    }
}
