package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrubPolicyTest {

    @Test
    void defaultsAreEveryRuleOnAndEveryColumnScrubbed() {
        ScrubPolicy p = ScrubPolicy.defaults();
        assertThat(p.rules()).containsExactlyInAnyOrder(BuiltInRule.values());
        assertThat(p.treatment("torrents", "Description")).isEqualTo(ColumnTreatment.SCRUB);
        assertThat(p.patterns()).isEmpty();
        assertThat(p.originHosts()).isEmpty();
        assertThat(ScrubPolicy.builder().build()).isEqualTo(p);
    }

    @Test
    void theBuilderSetsTreatmentsRulesPatternsAndHosts() {
        ScrubPolicy p = ScrubPolicy.builder().keep("torrents_logs_new", "Log").drop("comments", "Body")
                .disable(BuiltInRule.IPV4).pattern("staff", "alice@staff\\.example").originHost("Site.Example.")
                .originHost("tracker.site.example").build();
        assertThat(p.treatment("torrents_logs_new", "Log")).isEqualTo(ColumnTreatment.KEEP);
        assertThat(p.treatment("comments", "Body")).isEqualTo(ColumnTreatment.DROP);
        assertThat(p.treatment("torrents", "Description")).isEqualTo(ColumnTreatment.SCRUB);
        assertThat(p.rules()).doesNotContain(BuiltInRule.IPV4).contains(BuiltInRule.IPV6);
        assertThat(p.originHosts()).containsExactly("site.example", "tracker.site.example");
    }

    @Test
    void describeNamesEverythingButThePatternsExpressions() {
        ScrubPolicy p = ScrubPolicy.builder().keep("torrents_logs_new", "Log").drop("comments", "Body")
                .disable(BuiltInRule.IPV4).pattern("staff", "alice@staff\\.example").originHost("site.example")
                .build();
        assertThat(p.describe()).isEqualTo("text scrub: rules announce-url, key-parameter, origin-url, email, ipv6, "
                + "home-directory (off: ipv4); origin hosts site.example; operator patterns [staff]; "
                + "keep torrents_logs_new.Log; drop comments.Body; every other free-text column scrub");
        assertThat(p.toString()).contains(p.describe()).doesNotContain("alice");
        assertThat(ScrubPolicy.defaults().describe()).contains("origin hosts none", "operator patterns none");
    }

    @Test
    void invalidChoicesAreRefusedNamingWhat() {
        assertThatThrownBy(() -> new ScrubPolicy(Map.of("Description", ColumnTreatment.DROP), EnumSet.noneOf(BuiltInRule.class),
                List.of(), List.of())).hasMessageContaining("column 'Description' must be written table.Column");
        assertThatThrownBy(() -> ScrubPolicy.builder().pattern("a", "x").pattern("a", "y").build())
                .hasMessageContaining("pattern 2 uses the token [a] of an earlier pattern");
        assertThatThrownBy(() -> ScrubPolicy.builder().originHost("https://site.example/").build())
                .hasMessageContaining("origin host 'https://site.example/' must be a host name alone");
        assertThatThrownBy(() -> ScrubPolicy.builder().originHost("site..example").build())
                .hasMessageContaining("has the label ''");
        assertThatThrownBy(() -> ScrubPolicy.builder().originHost(" ").build())
                .hasMessageContaining("an origin host is empty");
        assertThatThrownBy(() -> ScrubPolicy.builder().pattern("staff", "[alice").build())
                .hasMessageContaining("operator pattern [staff] is not valid RE2 syntax").hasMessageNotContaining("alice");
    }

    @Test
    void rulesAndTreatmentsHaveConfigurationNames() {
        assertThat(BuiltInRule.named("Home-Directory")).isEqualTo(BuiltInRule.HOME_DIRECTORY);
        assertThat(ColumnTreatment.named("DROP")).isEqualTo(ColumnTreatment.DROP);
        assertThatThrownBy(() -> BuiltInRule.named("phone")).hasMessageContaining("no text-scrubbing rule 'phone'")
                .hasMessageContaining("home-directory");
        assertThatThrownBy(() -> ColumnTreatment.named("hide")).hasMessageContaining("use scrub, keep or drop");
    }

    @Test
    void noRuleAtAllIsAPolicyToo() {
        ScrubPolicy.Builder b = ScrubPolicy.builder();
        for (BuiltInRule r : BuiltInRule.values()) {
            b.disable(r);
        }
        ScrubPolicy none = b.build();
        assertThat(none.rules()).isEmpty();
        assertThat(none.describe()).startsWith("text scrub: rules none (off: announce-url");
        String text = "mail a@b.com from 1.2.3.4";
        assertThat(new TextScrubber(none).scrub(text, org.herd.gazelle.catalogue.TextKind.PROSE).text()).isSameAs(text);
    }
}
