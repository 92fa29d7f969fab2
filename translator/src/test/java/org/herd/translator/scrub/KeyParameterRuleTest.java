package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herd.translator.scrub.RuleRun.scrub;

import org.junit.jupiter.api.Test;

class KeyParameterRuleTest {

    private final KeyParameterRule rule = new KeyParameterRule();

    @Test
    void downloadAndFeedLinksKeepTheirShape() {
        assertThat(scrub(rule, "torrents.php?action=download&id=12&authkey=0a1b2c3d4e5f60718293a4b5c6d7e8f9"
                + "&torrent_pass=k3j9x0q1z8m2n7b4v6c5x1a0s9d8f7g6"))
                .isEqualTo("torrents.php?action=download&id=12&authkey=[key]&torrent_pass=[passkey]");
        assertThat(scrub(rule, "https://site.example/feeds.php?feed=torrents_all&user=7&auth=abc123&passkey=def456"
                + "&authkey=0f0f&name=All"))
                .isEqualTo("https://site.example/feeds.php?feed=torrents_all&user=7&auth=[key]&passkey=[passkey]"
                        + "&authkey=[key]&name=All");
        assertThat(scrub(rule, "http://other.example/announce.php?PASSKEY=AbC123")).isEqualTo(
                "http://other.example/announce.php?PASSKEY=[passkey]");
    }

    @Test
    void htmlEscapedUrlEncodedAndBareParametersAreFound() {
        assertThat(scrub(rule, "[url=torrents.php?action=download&amp;id=1&amp;authkey=aa11&amp;torrent_pass=bb22]dl[/url]"))
                .isEqualTo("[url=torrents.php?action=download&amp;id=1&amp;authkey=[key]&amp;torrent_pass=[passkey]]dl[/url]");
        assertThat(scrub(rule, "?url=x%3Fid%3D1%26authkey%3Daa11%26torrent_pass%3Dbb22"))
                .isEqualTo("?url=x%3Fid%3D1%26authkey%3D[key]%26torrent_pass%3D[passkey]");
        assertThat(scrub(rule, "my passkey=k3j9x0 (please don't share)"))
                .isEqualTo("my passkey=[passkey] (please don't share)");
    }

    @Test
    void otherNamesEmptyValuesAndOtherSpellingsStay() {
        for (String text : new String[] {
            "author=Aphex Twin", "oauth=x1", "authkeys=abc", "my_passkey=abc", "xauth=1",
            "torrents.php?authkey=&id=2", "passkey= abc",
            "\"passkey\": \"k3j9x0\"", "my passkey is k3j9x0",
            "artist.php?id=12&artistname=auth",
        }) {
            assertThat(scrub(rule, text)).as(text).isEqualTo(text);
        }
    }
}
