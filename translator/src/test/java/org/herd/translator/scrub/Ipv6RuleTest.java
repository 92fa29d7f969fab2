package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herd.translator.scrub.RuleRun.scrub;

import org.junit.jupiter.api.Test;

class Ipv6RuleTest {

    private final Ipv6Rule rule = new Ipv6Rule();

    @Test
    void fullCompressedAndMixedFormsBecomeIp() {
        assertThat(scrub(rule, "addr 2001:0db8:85a3:0000:0000:8a2e:0370:7334 ok"))
                .isEqualTo("addr [ip] ok");
        assertThat(scrub(rule, "2001:db8::8a2e:370:7334")).isEqualTo("[ip]");
        assertThat(scrub(rule, "2001:db8::1")).isEqualTo("[ip]");
        assertThat(scrub(rule, "fe80::a1b2:c3d4:e5f6:789%eth0")).isEqualTo("[ip]%eth0");
        assertThat(scrub(rule, "::ffff:192.0.2.128")).isEqualTo("[ip]");
        assertThat(scrub(rule, "64:ff9b::192.0.2.33")).isEqualTo("[ip]");
        assertThat(scrub(rule, "1:2:3:4:5:6:1.2.3.4")).isEqualTo("[ip]");
        assertThat(scrub(rule, "http://[2001:db8::7]:8080/")).isEqualTo("http://[[ip]]:8080/");
        assertThat(scrub(rule, "IP:2001:db8::7.")).isEqualTo("IP:[ip].");
        assertThat(scrub(rule, "at 2001:db8::7: done")).isEqualTo("at [ip]: done");
        assertThat(scrub(rule, "2001:DB8:0:0:1:0:0:1/64")).isEqualTo("[ip]/64");
    }

    @Test
    void timesMacsScopesAndShortFormsStay() {
        for (String text : new String[] {
            "12:34:56", "1:02:03:04", "Pre-gap length 0:00:02.00", "4:14.60", "00:1A:2B:3C:4D:5E",
            "std::vector", "Foo::bar", "::", "::1", "fe80::1", "a::b", "1:2:3:4:5:6:7:8:9",
            "12345::1:2", "1::2::3", ":::", "2001:db8::1g", "g2001:db8::1", "1:2:3:4:5:6:7:1.2.3.4",
            "::ffff:1.2.3.400", "1.2:3.4:5", "EAC extraction logfile from 6. May 2011, 7:08",
        }) {
            assertThat(scrub(rule, text)).as(text).isEqualTo(text);
        }
    }
}
