package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herd.translator.scrub.RuleRun.count;
import static org.herd.translator.scrub.RuleRun.scrub;

import org.junit.jupiter.api.Test;

class EmailRuleTest {

    private final EmailRule rule = new EmailRule();

    @Test
    void addressesBecomeEmail() {
        assertThat(scrub(rule, "mail me: john.smith+rips@mail.example.co.uk, thanks"))
                .isEqualTo("mail me: [email], thanks");
        assertThat(scrub(rule, "[email]a_b-c@x-y.example[/email]")).isEqualTo("[email][email][/email]");
        assertThat(scrub(rule, "<mailto:ripper@example.org>")).isEqualTo("<mailto:[email]>");
        assertThat(scrub(rule, "Contact jöns@exämple.se.")).isEqualTo("Contact [email].");
        assertThat(scrub(rule, "?to=john%40example.com&x=1")).isEqualTo("?to=[email]&x=1");
        assertThat(scrub(rule, "Thanks...john@example.com")).isEqualTo("Thanks...[email]");
        assertThat(scrub(rule, "ru: a@b.xn--p1ai")).isEqualTo("ru: [email]");
    }

    @Test
    void addressesNextToEachOtherAreAllFound() {
        assertThat(scrub(rule, "a@b.com.c@d.com")).isEqualTo("[email].[email]");
        assertThat(scrub(rule, "a@b.com,c@d.org;e@f.net")).isEqualTo("[email],[email];[email]");
        assertThat(count(rule, "x@y.zz x@y.zz x@y.zz")).isEqualTo(3);
    }

    @Test
    void aDomainThatRunsOnEndsAtItsLastTopLevelDomain() {
        assertThat(scrub(rule, "john@example.com.123")).isEqualTo("[email].123");
        assertThat(scrub(rule, "john@example.com-")).isEqualTo("[email]-");
        assertThat(scrub(rule, "john@example.com..")).isEqualTo("[email]..");
    }

    @Test
    void ordinaryAtSignsStay() {
        for (String text : new String[] {
            "@ 320kbps", "recorded live @ Fabric", "@handle said so", "me@home", "user@localhost",
            "a@b.c", "x@10.0.0.1", "@@@", "a@", "@b.com", "foo@.com", "foo@-x.com", "john at example dot com",
            "email@", "V0 @ 245kbps avg",
        }) {
            assertThat(scrub(rule, text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void aFileNameShapedLikeAnAddressIsScrubbedAsDocumented() {
        assertThat(scrub(rule, "cover@2x.png")).isEqualTo("[email]");
    }
}
