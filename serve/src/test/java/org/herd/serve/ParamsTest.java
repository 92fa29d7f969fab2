package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.herd.serve.api.Failure;
import org.herd.serve.api.Params;
import org.junit.jupiter.api.Test;

class ParamsTest {

    private static Params of(String... kv) {
        java.util.Map<String, String[]> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.merge(kv[i], new String[] {kv[i + 1]}, (a, b) -> {
                String[] c = java.util.Arrays.copyOf(a, a.length + 1);
                c[a.length] = b[0];
                return c;
            });
        }
        return new Params(m, 10);
    }

    @Test
    void idsArePositiveNumbers() {
        assertThat(of("id", "42").requiredId("id")).isEqualTo(42);
        for (String bad : new String[] {"0", "-1", "x", "1.0", "9999999999999999999", " 1"}) {
            assertThatThrownBy(() -> of("id", bad).requiredId("id")).isInstanceOf(Failure.class)
                    .hasMessage("bad id parameter");
        }
        assertThatThrownBy(() -> of().requiredId("id")).hasMessage("bad id parameter");
        assertThat(of("id", "").id("id")).isEmpty();
    }

    @Test
    void pagesAreFromOneToTheMost() {
        assertThat(of().page(100)).isEqualTo(1);
        assertThat(of("page", "7").page(100)).isEqualTo(7);
        for (String bad : new String[] {"0", "-1", "abc", "101", "99999999999999999999"}) {
            assertThatThrownBy(() -> of("page", bad).page(100)).isInstanceOf(Failure.class)
                    .hasMessageStartingWith("bad page parameter");
        }
    }

    @Test
    void textIsTrimmedAndBounded() {
        assertThat(of("q", "  a b ").text("q")).contains("a b");
        assertThat(of("q", "   ").text("q")).isEmpty();
        assertThatThrownBy(() -> of("q", "x".repeat(11)).text("q")).hasMessage("q is longer than 10 characters");
        // Characters, not UTF-16 units: ten notes fit.
        assertThat(of("q", "\uD83C\uDFB5".repeat(10)).text("q")).isPresent();
    }

    @Test
    void listsCollectPhpArrays() {
        assertThat(of("format", "FLAC", "format[]", "MP3").list("format", false)).containsExactlyInAnyOrder("FLAC", "MP3");
        assertThat(new Params(Map.of("filter_cat[1]", new String[] {"1"}, "filter_cat[3]", new String[] {"1"}), 10)
                .list("filter_cat", true)).containsExactlyInAnyOrder("1", "3");
    }

    @Test
    void flagsAreZeroOrOne() {
        assertThat(of("haslog", "1").bool("haslog")).contains(true);
        assertThat(of("haslog", "0").bool("haslog")).contains(false);
        assertThatThrownBy(() -> of("haslog", "yes").bool("haslog")).hasMessage("bad haslog parameter: 0 or 1");
    }

    @Test
    void quotingAClientsValueIsShortAndPrintable() {
        assertThat(Failure.quote("a".repeat(100))).hasSize(43);
        assertThat(Failure.quote("a\u0000b\nc")).isEqualTo("'a?b?c'");
    }
}
