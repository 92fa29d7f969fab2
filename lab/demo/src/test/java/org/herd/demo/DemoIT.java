package org.herd.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code herd demo --once} on its own embedded servers: a verified stream, a forged record every
 * mirror refuses, and every mirror equal to the origin at the end.
 */
class DemoIT {

    @Test
    void demoOnceReportsEveryMirrorEqualToTheOrigin() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            exit = new Demo(new DemoOptions(true, 0.0005, 20, 3, 0), out).run();
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        List<String> lines = output.lines().toList();
        System.out.print(output);

        assertThat(exit).as(output).isZero();
        assertThat(lines.get(lines.size() - 1)).startsWith("PASS: every mirror equals the origin (2 mirrors");
        assertThat(output).containsPattern("The mirror's site: http://127\\.0\\.0\\.1:\\d+/ ");
        assertThat(output).contains("Snapshot copied:", "mirror-a", "mirror-b", "newUpload", "deleteTorrent",
                "renameArtist", "nothing published", "Change lag");
        assertThat(output).contains("Verified: every record carries the origin's signature", "0 refused");
        assertThat(lines.stream().filter(l -> l.contains(" refused herd.demo.artist partition ")).toList())
                .hasSize(2).allSatisfy(l -> assertThat(l).contains(": unknown_key (").contains("is still '")
                        .doesNotContain("is still 'Renamed by a stranger'"));
        assertThat(lines.stream().filter(l -> l.trim().startsWith("release ")).toList())
                .hasSize(2).allSatisfy(l -> assertThat(l).endsWith("equal"));
    }
}
