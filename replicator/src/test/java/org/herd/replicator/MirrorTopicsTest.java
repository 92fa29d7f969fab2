package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.Test;

class MirrorTopicsTest {

    private final MirrorTopics topics = new MirrorTopics("herd.site-1");

    @Test
    void patternMatchesTheTopicOfEveryEntityAndNothingElse() {
        Pattern p = topics.pattern();
        for (EntityType e : NeutralSchema.entities()) {
            assertThat(p.matcher("herd.site-1." + e.name()).matches()).as(e.name()).isTrue();
        }
        assertThat(p.matcher("herd.site-1._quarantine").matches()).isFalse();
        assertThat(p.matcher("herd.site-1.playlist").matches()).isFalse();
        assertThat(p.matcher("herd.site-2.artist").matches()).isFalse();
        assertThat(p.matcher("herd.site-1.artist.x").matches()).isFalse();
        // The dot in the prefix is literal.
        assertThat(p.matcher("herdXsite-1.artist").matches()).isFalse();
    }

    @Test
    void entityOfTopic() {
        assertThat(topics.entityOf("herd.site-1.release")).contains(NeutralSchema.RELEASE);
        assertThat(topics.entityOf("herd.site-1.playlist")).isEmpty();
        assertThat(topics.entityOf("herd.site-2.release")).isEmpty();
        assertThat(topics.entityOf("herd.site-1Xrelease")).as("the prefix ends at a dot").isEmpty();
        assertThat(topics.entityOf("herd.site-1")).isEmpty();
        assertThat(topics.entityOf("herd.site-1.")).isEmpty();
        assertThat(topics.entityOf("xherd.site-1.release")).isEmpty();
        assertThat(topics.entityOf("herd.site-1.release.x")).isEmpty();
        assertThat(topics.topicOf(NeutralSchema.ARTIST)).isEqualTo("herd.site-1.artist");
    }
}
