package org.herd.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KillScheduleTest {

    @Test
    void everyBlockOfThreeKillsEachVictimOnce() {
        KillSchedule schedule = KillSchedule.draw(20, 1);
        assertThat(schedule.cycles()).isEqualTo(20);
        List<Victim> victims = schedule.kills().stream().map(KillSchedule.Kill::victim).toList();
        for (int block = 0; block + 3 <= victims.size(); block += 3) {
            assertThat(victims.subList(block, block + 3)).as("cycles %d to %d", block + 1, block + 3)
                    .containsExactlyInAnyOrder(Victim.values());
        }
        // 20 = six whole blocks and two of a seventh.
        assertThat(victims.subList(18, 20)).doesNotHaveDuplicates();
    }

    @Test
    void waitsStayInTheirRangesAndFollowTheSeed() {
        KillSchedule schedule = KillSchedule.draw(30, 7);
        assertThat(schedule.kills()).allSatisfy(k -> {
            assertThat(k.beforeMs()).isBetween(1000L, 6000L);
            assertThat(k.downMs()).isBetween(0L, 3000L);
        });
        assertThat(KillSchedule.draw(30, 7)).isEqualTo(schedule);
        assertThat(KillSchedule.draw(30, 8)).isNotEqualTo(schedule);
        // The order of the victims is not fixed: some block differs from the first.
        List<Victim> first = schedule.kills().subList(0, 3).stream().map(KillSchedule.Kill::victim).toList();
        assertThat(List.of(3, 6, 9, 12, 15, 18, 21, 24, 27)).anySatisfy(from -> assertThat(schedule.kills()
                .subList(from, from + 3).stream().map(KillSchedule.Kill::victim).toList()).isNotEqualTo(first));
    }
}
