package org.herd.crash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which victim each cycle kills and when, drawn from the run's seed: victims in blocks of three,
 * each block a random order of all three, so every victim is hit about equally often, the first
 * three cycles hit each once, and no order is fixed. Each cycle waits 1 to 6 s before its kill and
 * keeps the victim down 0 to 3 s.
 *
 * @param kills one per cycle, in order
 */
record KillSchedule(List<Kill> kills) {

    /**
     * One cycle's kill.
     *
     * @param victim   what is killed
     * @param beforeMs how long the cycle lets the workload run before the kill
     * @param downMs   how long the victim stays down before it is started again
     */
    record Kill(Victim victim, long beforeMs, long downMs) {
    }

    KillSchedule {
        kills = List.copyOf(kills);
    }

    static KillSchedule draw(int cycles, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Victim> victims = new ArrayList<>();
        while (victims.size() < cycles) {
            List<Victim> block = new ArrayList<>(List.of(Victim.values()));
            for (int i = block.size() - 1; i > 0; i--) {
                Collections.swap(block, i, random.nextInt(i + 1));
            }
            victims.addAll(block);
        }
        List<Kill> kills = new ArrayList<>();
        for (int cycle = 0; cycle < cycles; cycle++) {
            long before = 1000 + random.nextLong(5001);
            kills.add(new Kill(victims.get(cycle), before, random.nextLong(3001)));
        }
        return new KillSchedule(kills);
    }

    int cycles() {
        return kills.size();
    }
}
