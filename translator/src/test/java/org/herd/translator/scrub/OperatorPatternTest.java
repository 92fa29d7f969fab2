package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.herd.gazelle.catalogue.TextKind;
import org.junit.jupiter.api.Test;

class OperatorPatternTest {

    private static TextScrubber only(String token, String regex) {
        ScrubPolicy.Builder b = ScrubPolicy.builder();
        for (BuiltInRule r : BuiltInRule.values()) {
            b.disable(r);
        }
        return new TextScrubber(b.pattern(token, regex).build());
    }

    @Test
    void matchesBecomeTheTokenAndAreCountedUnderTheirRule() {
        TextScrubber s = only("staff-host", "(?i)staff[0-9]+\\.internal\\.example");
        ScrubbedText r = s.scrub("ask STAFF12.internal.example or staff3.internal.example", TextKind.PROSE);
        assertThat(r.text()).isEqualTo("ask [staff-host] or [staff-host]");
        assertThat(r.findings()).containsExactly(java.util.Map.entry("pattern:staff-host", 2));
    }

    @Test
    void aPatternNeverMatchesAcrossALineBreak() {
        TextScrubber s = only("pair", "a\\s+b");
        assertThat(s.scrub("a b\na\nb\r\na  b", TextKind.PROSE).text()).isEqualTo("[pair]\na\nb\r\n[pair]");
    }

    @Test
    void inARipLogTheEvidenceLinesAreLeftAlone() {
        TextScrubber s = only("hex", "[0-9A-F]{8}");
        String log = "Filename C:\\rip\\DEADBEEF.wav\n     Copy CRC 1A2B3C4D\n     Accurately ripped (confidence 5)  "
                + "[ABCD1234]  (AR v2)\n-----BEGIN XLD SIGNATURE-----\nAAAABBBBCCCCDDDD\n-----END XLD SIGNATURE-----\n"
                + "after 0000FFFF";
        String out = s.scrub(log, TextKind.RIP_LOG).text();
        assertThat(out).isEqualTo("Filename C:\\rip\\[hex].wav\n     Copy CRC 1A2B3C4D\n     Accurately ripped "
                + "(confidence 5)  [ABCD1234]  (AR v2)\n-----BEGIN XLD SIGNATURE-----\nAAAABBBBCCCCDDDD\n"
                + "-----END XLD SIGNATURE-----\nafter [hex]");
        // The same text as prose is all fair game.
        assertThat(s.scrub(log, TextKind.PROSE).text()).doesNotContain("1A2B3C4D", "ABCD1234", "AAAABBBB");
    }

    @Test
    void badPatternsAreRefusedNamingTheTokenAndWhyButNotTheExpression() {
        assertThatThrownBy(() -> new OperatorPattern("staff", "(secret-alice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[staff]").hasMessageContaining("not valid RE2 syntax")
                .hasMessageContaining("missing closing )")
                .hasMessageNotContaining("secret-alice")
                .hasNoCause();
        // Perl's look-ahead and back-references need backtracking: RE2 has neither.
        assertThatThrownBy(() -> new OperatorPattern("look", "alice(?=@)"))
                .hasMessageContaining("[look]").hasMessageNotContaining("alice");
        assertThatThrownBy(() -> new OperatorPattern("empty", "(?:secret)?"))
                .hasMessageContaining("[empty] matches the empty string").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> new OperatorPattern("boundary", "\\b"))
                .hasMessageContaining("matches the empty string");
        assertThatThrownBy(() -> new OperatorPattern("Bad Token", "x"))
                .hasMessageContaining("token 'Bad Token' must match");
        assertThat(new OperatorPattern("ok", "secret-alice").toString())
                .isEqualTo("OperatorPattern[[ok]]").doesNotContain("secret");
    }
}
