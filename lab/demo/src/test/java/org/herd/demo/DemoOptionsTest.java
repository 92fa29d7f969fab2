package org.herd.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void parsesOptionsAndDefaults() {
        assertThat(DemoOptions.parse()).isEqualTo(new DemoOptions(false, 0.001, 30, 42));
        assertThat(DemoOptions.parse("--once", "--scale", "0.02", "--steps", "5"))
                .isEqualTo(new DemoOptions(true, 0.02, 5, 42))
                .isEqualTo(DemoOptions.parse("--once", "--scale=0.02", "--steps=5"));
    }

    @Test
    void rejectsBadOptionsNamingThem() {
        assertThatThrownBy(() -> DemoOptions.parse("--scale", "big")).hasMessageContaining("--scale")
                .hasMessageContaining("'big'");
        assertThatThrownBy(() -> DemoOptions.parse("--scale", "0")).hasMessageContaining("--scale");
        assertThatThrownBy(() -> DemoOptions.parse("--steps")).hasMessageContaining("--steps");
        assertThatThrownBy(() -> DemoOptions.parse("--fast")).hasMessageContaining("'--fast'");
    }

    @Test
    void workloadKeysMapOntoTheTablesPrimaryKey() {
        assertThat(Demo.gazelleKey("torrents", "12")).isEqualTo(Map.of("ID", 12L));
        assertThat(Demo.gazelleKey("torrents_tags", "3,77")).containsExactly(Map.entry("TagID", 3L),
                Map.entry("GroupID", 77L));
        assertThat(Demo.gazelleKey("torrents_tags", "3")).isEmpty();
        assertThat(Demo.gazelleKey("no_such_table", "3")).isEmpty();
    }
}
