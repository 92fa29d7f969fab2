package org.herd.testkit;

import java.util.ArrayList;
import java.util.List;
import org.herd.embedded.EmbeddedPostgres;

/**
 * The mirror (replicator) properties for a PostgreSQL server and broker Herd started itself (the
 * demo, the benchmark, the crash harness, the tests), in one place.
 */
public final class MirrorArguments {

    private MirrorArguments() {
    }

    /**
     * Properties for a mirror of origin {@code origin} into {@code database} on {@code postgres}, in
     * the consumer group the mirror derives from its database, verifying against the test kit's
     * trust root of the origin (every embedded sidecar signs with {@link TestTrust}'s keys). A
     * mutable list: callers add their own.
     */
    public static List<String> embedded(String origin, String bootstrapServers, EmbeddedPostgres postgres,
            String database) {
        return new ArrayList<>(List.of(
                "herd.mirror.origin=" + origin,
                "herd.mirror.kafka.bootstrap-servers=" + bootstrapServers,
                "herd.mirror.trust.root-file=" + TestTrust.rootFile(origin, 1),
                "spring.datasource.url=" + postgres.jdbcUrl(database),
                "spring.datasource.username=" + postgres.user(),
                "spring.datasource.password=" + postgres.password()));
    }

    /** As {@link #embedded(String, String, EmbeddedPostgres, String)}, in consumer group {@code groupId}. */
    public static List<String> embedded(String origin, String bootstrapServers, EmbeddedPostgres postgres,
            String database, String groupId) {
        List<String> properties = embedded(origin, bootstrapServers, postgres, database);
        properties.add("herd.mirror.kafka.group-id=" + groupId);
        return properties;
    }
}
