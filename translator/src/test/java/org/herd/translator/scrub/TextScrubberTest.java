package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.herd.gazelle.catalogue.TextKind;
import org.junit.jupiter.api.Test;

class TextScrubberTest {

    private static final String HEX = "0123456789abcdef0123456789abcdef";

    private final TextScrubber defaults = new TextScrubber(ScrubPolicy.defaults());

    @Test
    void aBbcodeDescriptionReadsTheSameWithTokensWhereTheSecretsWere() {
        String description = String.join("\n",
                "[size=4][b]Boards of Canada - Music Has the Right to Children[/b][/size]",
                "[quote=alice]Ripped by me, write to alice.ripper@example.com if a track skips[/quote]",
                "[url=https://tracker.example:34000/" + HEX + "/announce]my announce URL[/url]",
                "[url=https://site.example/torrents.php?action=download&id=12&authkey=0a1b2c&torrent_pass=" + HEX
                        + "]direct download[/url]",
                "[code]",
                "C:\\Users\\alice\\Music\\BoC\\01 - Wildlife Analysis.flac",
                "[/code]",
                "Seeding from 203.0.113.7 and 2001:db8:85a3::8a2e:370:7334 @ 10 MB/s",
                "Spectrals: [img]https://ptpimg.example/" + HEX + ".png[/img] EAC 0.99.0.1, LAME 3.99.5, MD5 " + HEX,
                "Copy CRC 1A2B3C4D, [url=https://example.org/wiki/1.2.3]notes[/url] @handle");
        ScrubbedText r = defaults.scrub(description, TextKind.PROSE);
        assertThat(r.text()).isEqualTo(String.join("\n",
                "[size=4][b]Boards of Canada - Music Has the Right to Children[/b][/size]",
                "[quote=alice]Ripped by me, write to [email] if a track skips[/quote]",
                "[url=https://tracker.example:34000/[passkey]/announce]my announce URL[/url]",
                "[url=https://site.example/torrents.php?action=download&id=12&authkey=[key]&torrent_pass=[passkey]"
                        + "]direct download[/url]",
                "[code]",
                "C:\\Users\\[user]\\Music\\BoC\\01 - Wildlife Analysis.flac",
                "[/code]",
                "Seeding from [ip] and [ip] @ 10 MB/s",
                "Spectrals: [img]https://ptpimg.example/" + HEX + ".png[/img] EAC 0.99.0.1, LAME 3.99.5, MD5 " + HEX,
                "Copy CRC 1A2B3C4D, [url=https://example.org/wiki/1.2.3]notes[/url] @handle"));
        assertThat(r.findings()).containsExactly(Map.entry("announce-url", 1), Map.entry("key-parameter", 2),
                Map.entry("email", 1), Map.entry("ipv4", 1), Map.entry("ipv6", 1), Map.entry("home-directory", 1));
        assertThat(r.total()).isEqualTo(7);
        assertThat(r.toString()).doesNotContain("alice", HEX, "203.0.113.7");
    }

    @Test
    void anEacLogKeepsItsLinesAndEveryChecksumLine() {
        String log = RipLogs.eac("jsmith");
        ScrubbedText r = defaults.scrub(log, TextKind.RIP_LOG);
        assertThat(r.text()).isEqualTo(RipLogs.eac("[user]"));
        assertThat(r.findings()).containsExactly(Map.entry("home-directory", 2));
        assertThat(r.text().split("\r\n", -1)).hasSameSizeAs(log.split("\r\n", -1));
        assertThat(r.text()).contains("     Copy CRC 1A2B3C4D\r\n",
                "     Accurately ripped (confidence 5)  [ABCD1234]  (AR v2)\r\n",
                "==== Log checksum 7F8E9D0C1B2A39485766F5E4D3C2B1A07F8E9D0C1B2A39485766F5E4D3C2B1A0 ====");
    }

    @Test
    void anXldLogKeepsItsLinesAndItsSignature() {
        String log = RipLogs.xld("jsmith");
        ScrubbedText r = defaults.scrub(log, TextKind.RIP_LOG);
        assertThat(r.text()).isEqualTo(RipLogs.xld("[user]"));
        assertThat(r.findings()).containsExactly(Map.entry("home-directory", 1));
        assertThat(r.text().lines().count()).isEqualTo(log.lines().count());
    }

    @Test
    void aLogWithoutHomeDirectoryIsTheSameString() {
        String log = RipLogs.eac("Public");
        ScrubbedText r = defaults.scrub(log, TextKind.RIP_LOG);
        assertThat(r.text()).isSameAs(log);
        assertThat(r.changed()).isFalse();
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void overlappingFindingsAreReplacedTogetherAndEachRuleCounted() {
        // The address inside IPv6's mixed form is found by both rules: one token.
        ScrubbedText mixed = defaults.scrub("peer ::ffff:192.0.2.128 gone", TextKind.PROSE);
        assertThat(mixed.text()).isEqualTo("peer [ip] gone");
        assertThat(mixed.findings()).containsExactly(Map.entry("ipv4", 1), Map.entry("ipv6", 1));
        // Both key rules find the same values in a link to the origin: replaced once each.
        TextScrubber withHost = new TextScrubber(ScrubPolicy.builder().originHost("site.example").build());
        ScrubbedText link = withHost.scrub("https://site.example/torrents.php?id=1&authkey=a1b2&torrent_pass=" + HEX,
                TextKind.PROSE);
        assertThat(link.text()).isEqualTo("https://site.example/torrents.php?id=1&authkey=[key]&torrent_pass=[passkey]");
        assertThat(link.findings()).containsExactly(Map.entry("key-parameter", 2), Map.entry("origin-url", 2));
        // A partial overlap: the union goes, under the token of the finding that starts first.
        TextScrubber withPattern = new TextScrubber(ScrubPolicy.builder().pattern("greeting", "hi john").build());
        ScrubbedText partial = withPattern.scrub("hi john@example.com!", TextKind.PROSE);
        assertThat(partial.text()).isEqualTo("[greeting]!");
        assertThat(partial.findings()).containsExactly(Map.entry("email", 1), Map.entry("pattern:greeting", 1));
        // Same start, same end: the rule listed first names it.
        ScrubbedText tie = defaults.scrub("C:\\Users\\john@example.com\\Music", TextKind.PROSE);
        assertThat(tie.text()).isEqualTo("C:\\Users\\[email]\\Music");
        assertThat(tie.findings()).containsExactly(Map.entry("email", 1), Map.entry("home-directory", 1));
    }

    @Test
    void scrubbingTwiceChangesNothingMore() {
        String once = defaults.scrub("a@b.com 1.2.3.4 C:\\Users\\x\\y passkey=abc https://t.example/" + HEX
                + "/announce", TextKind.PROSE).text();
        ScrubbedText twice = defaults.scrub(once, TextKind.PROSE);
        assertThat(twice.text()).isSameAs(once);
        assertThat(twice.findings()).isEmpty();
    }

    @Test
    void switchedOffRulesFindNothing() {
        ScrubPolicy noIps = ScrubPolicy.builder().disable(BuiltInRule.IPV4).disable(BuiltInRule.IPV6).build();
        TextScrubber s = new TextScrubber(noIps);
        assertThat(s.ruleNames()).doesNotContain("ipv4", "ipv6", "origin-url").contains("email");
        assertThat(s.scrub("1.2.3.4 2001:db8::1 a@b.com", TextKind.PROSE).text()).isEqualTo("1.2.3.4 2001:db8::1 [email]");
    }

    @Test
    void textThatIsNotFreeTextIsNotScrubbed() {
        String name = "Live @ 10.0.0.1 by x@y.com";
        assertThat(defaults.scrub(name, TextKind.NONE).text()).isSameAs(name);
    }
}
