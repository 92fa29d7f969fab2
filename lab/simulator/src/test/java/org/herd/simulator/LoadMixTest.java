package org.herd.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoadMixTest {

    @Test
    void aSpecificationChangesTheDefaultsItNames() {
        LoadMix mix = LoadMix.parse("tracker=0, upload=20,ghost-percent=0,tracker-batch=200");
        assertThat(mix.weights().get(LoadKind.TRACKER)).isZero();
        assertThat(mix.weights().get(LoadKind.UPLOAD)).isEqualTo(20);
        assertThat(mix.weights().get(LoadKind.TAG_VOTE)).isEqualTo(LoadMix.DEFAULT.weights().get(LoadKind.TAG_VOTE));
        assertThat(mix.trackerBatch()).isEqualTo(200);
        assertThat(mix.userBatch()).isEqualTo(LoadMix.DEFAULT.userBatch());
        assertThat(mix.ghostPercent()).isZero();
        assertThat(mix.kinds()).doesNotContain(LoadKind.TRACKER).contains(LoadKind.UPLOAD);
        assertThat(LoadMix.parse("")).isEqualTo(LoadMix.DEFAULT);
    }

    @Test
    void theSpecificationOfAMixMakesThatMix() {
        LoadMix mix = LoadMix.parse("rename=7,user-batch=3");
        assertThat(LoadMix.parse(mix.spec())).isEqualTo(mix);
        assertThat(mix.spec()).startsWith("upload=10,edit=8,tag-vote=30,delete=3,rename=7,")
                .endsWith("tracker-batch=50,user-batch=3,ghost-percent=5");
    }

    @Test
    void wrongSpecificationsAreRefusedNamingThePart() {
        assertThatThrownBy(() -> LoadMix.parse("uploads=3")).hasMessageContaining("unknown name 'uploads'")
                .hasMessageContaining("tag-vote");
        assertThatThrownBy(() -> LoadMix.parse("upload")).hasMessageContaining("'upload' is not name=value");
        assertThatThrownBy(() -> LoadMix.parse("upload=many")).hasMessageContaining("upload")
                .hasMessageContaining("'many'");
        assertThatThrownBy(() -> LoadMix.parse("edit=-1")).hasMessageContaining("weight of edit");
        assertThatThrownBy(() -> LoadMix.parse("ghost-percent=101")).hasMessageContaining("ghost-percent");
        assertThatThrownBy(() -> LoadMix.parse("tracker-batch=0")).hasMessageContaining("tracker-batch");
        Map<LoadKind, Integer> none = new EnumMap<>(LoadKind.class);
        assertThatThrownBy(() -> LoadMix.only(none)).hasMessageContaining("at least one kind");
    }

    @Test
    void kindsAreDrawnInProportionToTheirWeights() {
        LoadMix mix = LoadMix.only(Map.of(LoadKind.TAG_VOTE, 3, LoadKind.COMMENT, 1));
        SplittableRandom random = new SplittableRandom(1);
        Map<LoadKind, Integer> drawn = new EnumMap<>(LoadKind.class);
        for (int i = 0; i < 40_000; i++) {
            drawn.merge(mix.pick(random), 1, Integer::sum);
        }
        assertThat(drawn).containsOnlyKeys(LoadKind.TAG_VOTE, LoadKind.COMMENT);
        // 30,000 and 10,000 expected; the standard deviation is about 87.
        assertThat(drawn.get(LoadKind.TAG_VOTE)).isBetween(29_500, 30_500);
    }
}
