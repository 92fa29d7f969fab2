package org.herd.restore;

import static org.assertj.core.api.Assertions.assertThat;

import org.herd.gazelle.catalogue.GazelleVariant;
import org.junit.jupiter.api.Test;

class MirrorUsersTest {

    @Test
    void theFieldsThatCarryAUserReferenceComeFromTheCataloguesUserColumns() {
        for (GazelleVariant variant : GazelleVariant.values()) {
            assertThat(MirrorUsers.userFields(variant)).extracting(f -> f.entity().name() + "." + f.field())
                    .containsExactlyInAnyOrder("collage.owner", "request.requester", "request.filler",
                            "forum_topic.author", "forum_post.author", "comment.author");
        }
    }
}
