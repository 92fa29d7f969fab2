package org.herd.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void parsesOptionsAndDefaults() {
        assertThat(DemoOptions.parse()).isEqualTo(new DemoOptions(false, false, 0.001, 30, 42, 8080));
        assertThat(DemoOptions.parse("--once", "--scale", "0.02", "--steps", "5", "--port", "0"))
                .isEqualTo(new DemoOptions(true, true, 0.02, 5, 42, 0))
                .isEqualTo(DemoOptions.parse("--once", "--scale=0.02", "--steps=5", "--port=0"));
        assertThat(DemoOptions.parse("--survival")).isEqualTo(new DemoOptions(false, true, 0.001, 30, 42, 8080));
    }

    @Test
    void rejectsBadOptionsNamingThem() {
        assertThatThrownBy(() -> DemoOptions.parse("--scale", "big")).hasMessageContaining("--scale")
                .hasMessageContaining("'big'");
        assertThatThrownBy(() -> DemoOptions.parse("--scale", "0")).hasMessageContaining("--scale");
        assertThatThrownBy(() -> DemoOptions.parse("--steps")).hasMessageContaining("--steps");
        assertThatThrownBy(() -> DemoOptions.parse("--fast")).hasMessageContaining("'--fast'");
        assertThatThrownBy(() -> DemoOptions.parse("--port", "70000")).hasMessageContaining("--port");
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
