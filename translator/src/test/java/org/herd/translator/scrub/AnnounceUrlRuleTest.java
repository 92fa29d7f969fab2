package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herd.translator.scrub.RuleRun.scrub;

import org.junit.jupiter.api.Test;

class AnnounceUrlRuleTest {

    private static final String HEX = "0123456789abcdef0123456789abcdef";
    /** WhatCD's make_secret: 32 random lower-case letters and digits. */
    private static final String ALNUM = "k3j9x0q1z8m2n7b4v6c5x1a0s9d8f7g6";

    private final AnnounceUrlRule rule = new AnnounceUrlRule();

    @Test
    void theKeyBeforeAnnounceOrScrapeInAnyUrlBecomesPasskey() {
        assertThat(scrub(rule, "https://tracker.example:34000/" + HEX + "/announce"))
                .isEqualTo("https://tracker.example:34000/[passkey]/announce");
        assertThat(scrub(rule, "http://tracker.what.cd:34000/" + ALNUM + "/announce?info_hash=x"))
                .isEqualTo("http://tracker.what.cd:34000/[passkey]/announce?info_hash=x");
        assertThat(scrub(rule, "scrape at http://t.example/" + HEX.toUpperCase() + "/scrape."))
                .isEqualTo("scrape at http://t.example/[passkey]/scrape.");
        assertThat(scrub(rule, "[url=https://tracker.example/" + HEX + "/announce]my tracker[/url]"))
                .isEqualTo("[url=https://tracker.example/[passkey]/announce]my tracker[/url]");
    }

    @Test
    void theKeyAfterAnnounceAsOtherTrackersPutItBecomesPasskey() {
        assertThat(scrub(rule, "https://other.example/announce/" + HEX))
                .isEqualTo("https://other.example/announce/[passkey]");
    }

    @Test
    void escapedAndSchemelessFormsAreFound() {
        assertThat(scrub(rule, "{\"announce\":\"https:\\/\\/t.example\\/" + HEX + "\\/announce\"}"))
                .isEqualTo("{\"announce\":\"https:\\/\\/t.example\\/[passkey]\\/announce\"}");
        assertThat(scrub(rule, "https%3A%2F%2Ft.example%2F" + HEX + "%2Fannounce"))
                .isEqualTo("https%3A%2F%2Ft.example%2F[passkey]%2Fannounce");
        assertThat(scrub(rule, "tracker.example:34000/" + HEX + "/announce"))
                .isEqualTo("tracker.example:34000/[passkey]/announce");
    }

    @Test
    void hashesAndOtherSegmentsStay() {
        for (String text : new String[] {
            // A bare MD5 or one in a link that is no announce URL.
            "MD5 " + HEX + " of the image",
            "https://img.example/" + HEX + "/cover.jpg",
            "https://img.example/" + HEX + ".jpg/announce",
            // A public tracker's announce URL: the host is no key.
            "udp://opentracker.example:1337/announce",
            "http://localhost/announce",
            // Segments of other lengths or with other characters.
            "https://t.example/0123456789abcde/announce",
            "https://t.example/" + HEX + HEX + HEX + "/announce",
            "https://t.example/" + HEX.substring(0, 20) + "-" + HEX.substring(20) + "/announce",
            // Words that only start like the keyword.
            "https://t.example/" + HEX + "/announcements",
            "https://t.example/" + HEX + "/scraper",
            "announce " + HEX,
        }) {
            assertThat(scrub(rule, text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void twoUrlsOnOneLineAreBothScrubbed() {
        String text = "a https://t.example/" + HEX + "/announce b https://u.example/announce/" + ALNUM + " c";
        assertThat(scrub(rule, text)).isEqualTo("a https://t.example/[passkey]/announce b https://u.example/announce/[passkey] c");
        assertThat(RuleRun.count(rule, text)).isEqualTo(2);
    }
}
