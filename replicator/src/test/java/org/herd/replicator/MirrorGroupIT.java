package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.herd.embedded.EmbeddedKafka;
import org.herd.embedded.EmbeddedPostgres;
import org.herd.replicator.MirrorConfiguration.MirrorGroup;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Mirrors left at the default consumer group never share one: each database gets its own
 * identity when it is created, and the group derived from it stays the same across restarts.
 */
class MirrorGroupIT {

    private final EmbeddedKafka kafka = ItServers.kafka();
    private final EmbeddedPostgres postgres = ItServers.postgres();

    private ConfigurableApplicationContext start(String database) {
        return ReplicatorApplication.builder().properties(
                "herd.mirror.origin=groups",
                "herd.mirror.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "herd.mirror.trust.verify=false",
                "spring.datasource.url=" + postgres.jdbcUrl(database),
                "spring.datasource.username=" + postgres.user(),
                "spring.datasource.password=" + postgres.password(),
                "spring.main.banner-mode=off").run();
    }

    @Test
    void defaultGroupIsPerMirrorDatabaseAndStable() {
        String a = "group_a_" + UUID.randomUUID().toString().substring(0, 8);
        String b = "group_b_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.createDatabase(a);
        postgres.createDatabase(b);
        String groupA;
        String groupB;
        try (ConfigurableApplicationContext first = start(a); ConfigurableApplicationContext second = start(b)) {
            groupA = first.getBean(MirrorGroup.class).id();
            groupB = second.getBean(MirrorGroup.class).id();
        }
        assertThat(groupA).startsWith("herd-mirror-").hasSize("herd-mirror-".length() + 13);
        assertThat(groupB).startsWith("herd-mirror-").isNotEqualTo(groupA);
        try (ConfigurableApplicationContext again = start(a)) {
            assertThat(again.getBean(MirrorGroup.class).id()).isEqualTo(groupA);
        }
    }
}
