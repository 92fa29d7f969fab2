package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herd.translator.scrub.RuleRun.scrub;

import org.junit.jupiter.api.Test;

class Ipv4RuleTest {

    private final Ipv4Rule rule = new Ipv4Rule();

    @Test
    void addressesBecomeIp() {
        assertThat(scrub(rule, "my seedbox is 203.0.113.7")).isEqualTo("my seedbox is [ip]");
        assertThat(scrub(rule, "http://198.51.100.23:34000/x")).isEqualTo("http://[ip]:34000/x");
        assertThat(scrub(rule, "ban 10.0.0.0/8 and 192.168.001.010.")).isEqualTo("ban [ip]/8 and [ip].");
        assertThat(scrub(rule, "(255.255.255.255)")).isEqualTo("([ip])");
        assertThat(scrub(rule, "IP:1.2.3.4, ::ffff:9.8.7.6")).isEqualTo("IP:[ip], ::ffff:[ip]");
        assertThat(scrub(rule, "...1.2.3.4...")).isEqualTo("...[ip]...");
        assertThat(scrub(rule, "see...10.0.0.1")).isEqualTo("see...[ip]");
        assertThat(scrub(rule, "IP 8.8.8.8")).isEqualTo("IP [ip]");
    }

    @Test
    void versionsAndOtherDottedNumbersStay() {
        for (String text : new String[] {
            // Not four numbers, or one above 255.
            "foobar2000 1.6.2", "Windows 6.1.7601.17514", "1.2.3.4.5", "2.4.300.1", "1.2.3", "1.2..3.4",
            // A first number of 0, as in EAC's old version numbers.
            "EAC 0.99.0.1", "0.0.0.0",
            // Glued to a word.
            "v1.2.3.4", "x1.2.3.4", "1.2.3.4b", "build_1.2.3.4", "x.1.2.3.4",
            // After a version word.
            "version 1.2.3.4", "Version: 10.0.0.1", "ver. 1.2.3.4", "Build 4.3.2.1", "firmware 1.0.2.3",
            "rev-1.2.3.4", "V 1.0.2.3",
            // Dates and times.
            "12.05.2003", "Range quality 100.0 %", "4:14.60",
        }) {
            assertThat(scrub(rule, text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void aFourPartVersionWithoutAVersionWordIsScrubbedAsDocumented() {
        assertThat(scrub(rule, "foobar2000 1.6.2.1")).isEqualTo("foobar2000 [ip]");
    }
}
