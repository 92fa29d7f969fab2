package org.herd.crash;

import java.util.Map;
import org.herd.verify.Verification;

/**
 * What a crash run did and found: the verdict, from {@code herd verify}'s comparison of the mirror
 * with the origin once the mirror has caught up.
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

    /** The verdict of a run whose comparison found {@code comparison}. */
    static CrashResult of(int cycles, Victims victims, long workloadSteps, Verification.Result comparison) {
        return new CrashResult(cycles, victims.kills(), victims.restarts(), victims.unexpectedExits(), workloadSteps,
                comparison.lost(), comparison.extra(), comparison.differing());
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
