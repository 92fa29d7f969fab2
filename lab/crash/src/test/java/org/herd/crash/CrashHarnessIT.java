package org.herd.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code herd crash} at three cycles on a tiny site: the sidecar, the replicator and the Kafka
 * broker, real processes of their own, are each killed with SIGKILL once under a live workload
 * and come back (the replicator also once during its first copy), and the mirror still ends up equal to the origin, no row lost, doubled or
 * different.
 */
class CrashHarnessIT {

    @Test
    void eachVictimIsKilledOnceAndTheMirrorStillEqualsTheOrigin() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new Tee(System.out, printed), true, StandardCharsets.UTF_8);

        CrashResult result = new CrashHarness(new CrashOptions(3, 7, 0.0005, 20, null), out).run();

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("cycles=3 lost=0 duplicated=0 diverged=0");
        assertThat(result.exitCode()).isZero();
        // The sidecar is killed once more during its snapshot, the replicator during the first copy.
        assertThat(result.kills()).isEqualTo(Map.of(Victim.SIDECAR, 2, Victim.REPLICATOR, 2, Victim.BROKER, 1));
        assertThat(result.restarts()).isEqualTo(Map.of(Victim.SIDECAR, 2, Victim.REPLICATOR, 2, Victim.BROKER, 1));
        assertThat(lines).filteredOn(l -> l.startsWith("first snapshot ")).singleElement()
                .matches(l -> l.contains("SIGKILL") && l.contains("before its position was stored")
                        && l.contains("restarted"));
        assertThat(lines).filteredOn(l -> l.startsWith("first copy ")).singleElement()
                .matches(l -> l.contains("SIGKILL") && l.contains("restarted"));
        assertThat(lines).filteredOn(l -> l.startsWith("Indexes: ")).singleElement()
                .matches(l -> l.startsWith("Indexes: none deferred"));
        assertThat(result.unexpectedExits()).isZero();
        assertThat(result.workloadSteps()).isPositive();
        assertThat(lines).filteredOn(l -> l.startsWith("cycle ")).hasSize(3)
                .allMatch(l -> l.contains("SIGKILL") && l.contains("restarted"));
    }

    /** Prints to the console and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
