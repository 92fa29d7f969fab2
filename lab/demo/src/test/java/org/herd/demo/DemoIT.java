package org.herd.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code herd demo --once} on its own embedded servers: a verified stream, a forged record every
 * mirror refuses, the survival story (an archive verified, the origin's topics deleted, a mirror
 * born from the archive alone equal to the first), and every mirror, the born one too, equal to the
 * origin at the end.
 */
class DemoIT {

    @Test
    void demoOnceReportsEveryMirrorEqualToTheOrigin() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            exit = new Demo(new DemoOptions(true, true, 0.0005, 20, 3, 0), out).run();
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        List<String> lines = output.lines().toList();
        System.out.print(output);

        assertThat(exit).as(output).isZero();
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("PASS: every mirror equals the origin (3 mirrors")
                .endsWith("; mirror-born, born from the archive, equals mirror-a");
        assertThat(output).containsPattern("The mirror's site: http://127\\.0\\.0\\.1:\\d+/ ");
        assertThat(output).contains("Snapshot copied:", "mirror-a", "mirror-b", "newUpload", "deleteTorrent",
                "renameArtist", "nothing published", "Change lag");
        assertThat(output).contains("Verified: every record carries the origin's signature", "0 refused");
        assertThat(lines.stream().filter(l -> l.contains(" refused herd.demo.artist partition ")).toList())
                .hasSize(2).allSatisfy(l -> assertThat(l).contains(": unknown_key (").contains("is still '")
                        .doesNotContain("is still 'Renamed by a stranger'"));
        // The final comparison of the origin with mirror-a, mirror-b and mirror-born.
        assertThat(lines.stream().filter(l -> l.trim().startsWith("release ")).toList())
                .hasSize(3).allSatisfy(l -> assertThat(l).endsWith("equal"));

        // The survival story, in its order: the archive made and verified, then the origin's topics
        // deleted, then a mirror born from the archive alone, equal to the first.
        int created = indexOf(lines, "  $ herd archive create --out ");
        int verified = indexOf(lines, "  $ herd archive verify ");
        int deleted = indexOf(lines, "  The origin is gone: ");
        int born = indexOf(lines, "  mirror-born: a new, empty database");
        assertThat(created).isPositive().isLessThan(verified);
        assertThat(verified).isLessThan(deleted);
        assertThat(deleted).isLessThan(born);
        assertThat(lines.subList(created, verified)).anySatisfy(l -> assertThat(l).containsPattern(
                "wrote .*herd-demo-archive\\.torrent, info hash [0-9a-f]{40}"));
        String verdict = lines.get(verified + 1).trim();
        assertThat(verdict).matches("authentic and complete at position e1:\\S+");
        assertThat(lines.get(deleted)).containsPattern("The origin is gone: [1-9]\\d* topics of herd\\.demo\\.\\* "
                + "deleted");

        long total = number(output, "PASS: every mirror equals the origin \\(3 mirrors, \\d+ entities, ([\\d,]+) rows "
                + "each\\)");
        assertThat(total).isPositive();
        // Every live row of the origin came from the archive: the rows loaded are the rows compared.
        assertThat(number(output, "mirror-born verified the archive and loaded ([\\d,]+) rows of \\d+ entities "
                + "at position " + Pattern.quote(verdict.substring(verdict.lastIndexOf(' ') + 1)))).isEqualTo(total);
        assertThat(number(output, "mirror-born against mirror-a \\(herd verify's comparison\\): equal, \\d+ entities, "
                + "([\\d,]+) rows each")).isEqualTo(total);
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with '" + prefix + "'");
    }

    private static long number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        if (!m.find()) {
            throw new AssertionError("no line matches " + regex);
        }
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
