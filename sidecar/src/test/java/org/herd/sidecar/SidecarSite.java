package org.herd.sidecar;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.herd.testkit.SidecarArguments;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.NeutralRecord;
import org.herd.translator.wire.WireFormat;
import org.herd.kafka.KafkaTopicReader;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Gazelle database on the shared embedded MariaDB with its own origin and topics, and the
 * sidecar for it, started and stopped at will: for the tests of what the sidecar does across
 * restarts.
 */
final class SidecarSite implements AutoCloseable {

    final EmbeddedStack stack = EmbeddedStack.shared();
    final EmbeddedMariaDb mariaDb = stack.mariaDb();
    final String db = "gazelle_" + UUID.randomUUID().toString().substring(0, 8);
    final String origin = "it-" + db.substring(8);
    final String prefix = "herd." + origin;
    private ConfigurableApplicationContext sidecar;

    SidecarSite() throws Exception {
        mariaDb.createDatabase(db);
        try (Connection c = connect()) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
        }
    }

    Connection connect() throws Exception {
        return mariaDb.connect(db);
    }

    ConfigurableApplicationContext start(String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "herd.sidecar.origin=" + origin,
                "herd.sidecar.source.connector=MARIADB",
                "herd.sidecar.source.host=" + mariaDb.host(),
                "herd.sidecar.source.port=" + mariaDb.port(),
                "herd.sidecar.source.database=" + db,
                "herd.sidecar.source.user=" + mariaDb.user(),
                "herd.sidecar.source.password=" + mariaDb.password(),
                "herd.sidecar.source.server-id=" + (1000 + Math.abs(db.hashCode() % 100000)),
                "herd.sidecar.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "herd.sidecar.kafka.partitions=2",
                "herd.sidecar.privacy.pseudonym-key=" + SidecarArguments.EMBEDDED_PSEUDONYM_KEY,
                "herd.sidecar.restart-delay=1s"));
        properties.addAll(org.herd.testkit.TestTrust.sidecarProperties(origin, 1));
        properties.addAll(List.of(extra));
        sidecar = SidecarApplication.builder().properties(properties.toArray(String[]::new)).run();
        return sidecar;
    }

    SidecarProgress progress() {
        return sidecar.getBean(SidecarProgress.class);
    }

    void stop() {
        if (sidecar != null) {
            sidecar.close();
            sidecar = null;
        }
    }

    List<NeutralRecord> records(String entity) {
        return KafkaTopicReader.readAll(stack.kafka().bootstrapServers(), Set.of(prefix + "." + entity)).stream()
                .map(r -> WireFormat.decode(r.value()))
                .collect(Collectors.toList());
    }

    int count(String topicSuffix) {
        return KafkaTopicReader.readAll(stack.kafka().bootstrapServers(), Set.of(prefix + "." + topicSuffix)).size();
    }

    /** Keys (the named key field) of the entity's records, of snapshot reads only or of all. */
    Set<Object> keys(String entity, String keyField, boolean snapshotOnly) {
        return records(entity).stream().filter(r -> !snapshotOnly || r.position().snapshot())
                .map(r -> r.key().get(keyField)).collect(Collectors.toSet());
    }

    long snapshotReads(String entity) {
        return records(entity).stream().filter(r -> r.position().snapshot()).count();
    }

    @Override
    public void close() {
        stop();
    }
}
