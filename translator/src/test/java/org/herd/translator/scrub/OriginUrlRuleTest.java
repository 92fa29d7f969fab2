package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herd.translator.scrub.RuleRun.scrub;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginUrlRuleTest {

    private final OriginUrlRule rule = new OriginUrlRule(List.of("site.example", "tracker.site.example"));

    @Test
    void keysInTheOriginsLinksBecomeKey() {
        assertThat(scrub(rule, "reset at https://site.example/login.php?act=recover&key=a1b2c3d4e5f6a7b8c9d0"))
                .isEqualTo("reset at https://site.example/login.php?act=recover&key=[key]");
        assertThat(scrub(rule, "join: site.example/register.php?invite=x7 now"))
                .isEqualTo("join: site.example/register.php?invite=[key] now");
        assertThat(scrub(rule, "https://www.site.example/feeds.php?feed=x&user=12&passkey=abc&AUTH=def"))
                .isEqualTo("https://www.site.example/feeds.php?feed=x&user=12&passkey=[passkey]&AUTH=[key]");
        assertThat(scrub(rule, "https://tracker.site.example:34000/k3j9x0q1z8m2n7b4v6c5x1a0s9d8f7g6/announce"))
                .isEqualTo("https://tracker.site.example:34000/[key]/announce");
        assertThat(scrub(rule, "[url=https://site.example/x.php?sid=0a1b2c3d4e5f60718293&amp;id=4]x[/url]"))
                .isEqualTo("[url=https://site.example/x.php?sid=[key]&amp;id=4]x[/url]");
    }

    @Test
    void numbersWordsAndOtherHostsStay() {
        for (String text : new String[] {
            "https://site.example/torrents.php?id=1234567890123456&torrentid=99",
            "https://site.example/wiki.php?action=article&name=abcdefghijklmnopqrstu",
            "https://site.example/forums.php?action=viewthread&threadid=7#post12",
            "https://othersite.example/x.php?key=a1b2c3d4e5f6a7b8c9d0",
            "https://site.example.evil.test/x.php?key=a1",
            "https://notsite.example/x.php?key=a1",
            "mail staff@site.example today",
            "visit site.example.",
        }) {
            assertThat(scrub(rule, text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void aHashSearchedForOnTheOriginIsScrubbedAsDocumented() {
        assertThat(scrub(rule, "https://site.example/torrents.php?searchstr=d41d8cd98f00b204e9800998ecf8427e"))
                .isEqualTo("https://site.example/torrents.php?searchstr=[key]");
    }

    @Test
    void needsAHost() {
        assertThatThrownBy(() -> new OriginUrlRule(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
