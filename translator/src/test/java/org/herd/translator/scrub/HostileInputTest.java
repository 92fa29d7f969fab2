package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.herd.gazelle.catalogue.TextKind;
import org.junit.jupiter.api.Test;

/**
 * Texts of 16 MB (a MEDIUMTEXT column's size) built to make a careless scanner or a backtracking
 * expression take quadratic or exponential time. Each is scrubbed with every rule on, an origin
 * host and an operator pattern, and must come out right; that the test finishes is the hang guard
 * (no time is asserted: the figures belong in a benchmark, not here).
 */
class HostileInputTest {

    private static final int SIZE = 16 * 1024 * 1024;

    private final TextScrubber scrubber = new TextScrubber(ScrubPolicy.builder().originHost("site.example")
            .pattern("staff", "staff-[a-z]+@internal").build());

    private static String repeat(String unit) {
        return unit.repeat(SIZE / unit.length());
    }

    /** 16 MB of equal parts, each a run of one unit, parts separated by a line holding a space. */
    private static String runsOf(String... units) {
        StringBuilder s = new StringBuilder(SIZE);
        int part = SIZE / units.length;
        for (String unit : units) {
            s.append(unit.repeat(part / unit.length())).append("\n \n");
        }
        return s.toString();
    }

    private void assertUnchanged(String text, TextKind kind) {
        ScrubbedText r = scrubber.scrub(text, kind);
        assertThat(r.findings()).isEmpty();
        assertThat(r.text()).isSameAs(text);
    }

    @Test
    void sixteenMegabytesOfAtSignsPassThrough() {
        assertUnchanged(repeat("@"), TextKind.PROSE);
    }

    @Test
    void sixteenMegabytesOfDigitsAndDotsPassThrough() {
        assertUnchanged(repeat("1.1."), TextKind.PROSE);
        assertUnchanged(repeat("255.255.255.255."), TextKind.RIP_LOG);
    }

    @Test
    void sixteenMegabytesOfColonsPassThrough() {
        assertUnchanged(repeat(":"), TextKind.PROSE);
    }

    @Test
    void sixteenMegabytesOfBackslashesPassThrough() {
        assertUnchanged(repeat("\\"), TextKind.PROSE);
        assertUnchanged(repeat("\\"), TextKind.RIP_LOG);
    }

    @Test
    void longRunsOfOtherSeparatorsHexAndColonsPassThrough() {
        assertUnchanged(runsOf("/", ".", "%", "=", "1234567890", "0123456789abcdef", "ab:", "a:b::", "%2F", "%5C"),
                TextKind.PROSE);
    }

    @Test
    void almostFindingsRepeatedEverywherePassThrough() {
        assertUnchanged(runsOf("a@", "x@y.", "%40", "C:\\Users\\ ", "/home/ ", "announce/", "/announce", "authkey= ",
                "1.2.3.4.", "site.example.", "staff-", "a.b.c.d.", "\\\\Users\\\\ "), TextKind.PROSE);
    }

    @Test
    void millionsOfFindingsAreAllReplacedAndCounted() {
        String unit = "1.2.3.4 a@b.cd C:\\Users\\u\\ ";
        String text = repeat(unit);
        ScrubbedText r = scrubber.scrub(text, TextKind.PROSE);
        int n = SIZE / unit.length();
        assertThat(r.findings()).containsExactly(Map.entry("email", n), Map.entry("ipv4", n),
                Map.entry("home-directory", n));
        assertThat(r.text()).isEqualTo("[ip] [email] C:\\Users\\[user]\\ ".repeat(n));
    }

    @Test
    void aLargeRealisticTextHasEverySecretReplaced() {
        String paragraph = "[b]Track 1[/b] ripped with EAC 0.99.0.1 to C:\\Users\\secretuser\\Music\\x.wav, mail "
                + "secret@example.com, seedbox 198.51.100.23, https://tracker.example/0123456789abcdef0123456789abcdef"
                + "/announce, https://site.example/login.php?key=a1b2c3d4e5f6a7b8c9d0 staff-alice@internal\n";
        int copies = SIZE / paragraph.length();
        ScrubbedText r = scrubber.scrub(paragraph.repeat(copies), TextKind.PROSE);
        assertThat(r.findings()).containsExactly(Map.entry("announce-url", copies), Map.entry("origin-url", copies),
                Map.entry("email", copies), Map.entry("ipv4", copies), Map.entry("home-directory", copies),
                Map.entry("pattern:staff", copies));
        assertThat(r.text()).doesNotContain("secretuser", "secret@", "198.51.100.23", "0123456789abcdef", "a1b2c3d4",
                "alice");
        assertThat(r.text().lines().count()).isEqualTo(copies);
    }

    @Test
    void undecodableTextIsScrubbedAroundAndPassedThroughUnchanged() {
        // U+FFFD is what a decoder makes of invalid UTF-8; unpaired surrogates cannot come from
        // decoding, but the scrubber must not trip over them (the translator rejects them later).
        String noise = "\uFFFD\uD800x\uDC00\uFFFD";
        String text = noise + "a@b.cd" + noise + "C:\\Users\\bob\uFFFD\\x" + noise + "10.0.0.1" + "\uD83D\uDE00" + noise;
        ScrubbedText r = scrubber.scrub(text, TextKind.PROSE);
        assertThat(r.text()).isEqualTo(noise + "[email]" + noise + "C:\\Users\\[user]\\x" + noise + "[ip]"
                + "\uD83D\uDE00" + noise);
        assertThat(r.findings()).containsExactly(Map.entry("email", 1), Map.entry("ipv4", 1),
                Map.entry("home-directory", 1));

        String junk = repeat("\uFFFD\uD800");
        assertUnchanged(junk, TextKind.PROSE);
        assertUnchanged(junk, TextKind.RIP_LOG);
    }
}
