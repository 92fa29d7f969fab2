package org.herd.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GazelleWorkload;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.BackgroundWrites;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sidecar's own initial snapshot against Debezium's, on one generated WhatCD site: the same
 * records in every entity topic, and, with the site written to while the snapshot is read, a
 * stream that goes on from the snapshot's position without losing or repeating a change.
 */
class InitialSnapshotIT {

    /** Pseudonyms differ between origins by design; user ids do not. */
    private static final String USERS = "herd.sidecar.privacy.users=PUBLIC";

    private SidecarSite site;
    private SidecarSite second;

    @BeforeEach
    void load() throws Exception {
        site = new SidecarSite();
        try (Connection c = site.connect()) {
            new GazelleDataGenerator(new GeneratorSettings(7, 0.0005)).load(c, (table, written, planned) -> {
            });
            try (Statement s = c.createStatement()) {
                // Values a type mapping gets wrong first: a zero date, text outside the Basic
                // Multilingual Plane, quotes, an empty string, a NULL, the largest unsigned INT.
                s.execute("INSERT INTO torrents_group (ID, ArtistID, CategoryID, Name, Year, ReleaseType, TagList, "
                        + "Time, WikiBody, WikiImage, RevisionID) VALUES (900001, NULL, 1, 'Mo\\'s \"Σ\" \uD83C\uDFB5', "
                        + "2002, 1, '', '0000-00-00 00:00:00', '', '', NULL)");
                s.execute("INSERT INTO torrents_group (ID, ArtistID, CategoryID, Name, Year, ReleaseType, TagList, "
                        + "Time, WikiBody, WikiImage) VALUES (900002, NULL, 1, 'x', 0, 1, '', "
                        + "'2001-02-03 04:05:06', 'w', 'i')");
            }
        }
    }

    @AfterEach
    void close() {
        if (second != null) {
            second.close();
        }
        site.close();
    }

    @Test
    void theSidecarsSnapshotPublishesTheRecordsDebeziumsDoes() throws Exception {
        site.start(USERS, "herd.sidecar.initial-snapshot=DEBEZIUM");
        await().atMost(Duration.ofMinutes(3)).until(site.progress()::isSnapshotCompleted);
        Map<String, Map<Object, Object>> debezium = latest(site);
        site.stop();

        second = site.sameDatabase("own");
        second.start(USERS);
        await().atMost(Duration.ofMinutes(3)).until(second.progress()::isSnapshotCompleted);
        Map<String, Map<Object, Object>> own = latest(second);

        assertThat(own.get("release").size()).isGreaterThan(50);
        assertThat(own.get("release_group")).containsKey(Map.of("release_group_id", 900001L).toString());
        for (String entity : debezium.keySet()) {
            assertSame(entity, own.get(entity), debezium.get(entity));
        }
        // Every snapshot record is a snapshot read at one position.
        List<NeutralRecord> releases = second.records("release");
        assertThat(releases).allMatch(r -> r.position().snapshot());
        assertThat(releases.stream().map(r -> r.position().pos()).distinct()).hasSize(1);
    }

    @Test
    void changesWrittenDuringTheSnapshotArriveOnceAfterIt() throws Exception {
        int started;
        int during;
        try (BackgroundWrites writes = BackgroundWrites.start("snapshot-writes", site::connect, c -> {
            GazelleWorkload w = new GazelleWorkload(c, 5);
            return n -> w.step();
        })) {
            await().until(() -> writes.steps() >= 20);
            started = writes.steps();
            site.start(USERS);
            await().atMost(Duration.ofMinutes(3)).until(site.progress()::isSnapshotCompleted);
            during = writes.steps();
            await().until(() -> writes.steps() >= during + 40);
        }
        assertThat(during).as("steps written while the sidecar started and read").isGreaterThan(started);
        // A snapshot of the final state, by Debezium under another origin (and replication client id).
        second = site.sameDatabase("final");
        second.start(USERS, "herd.sidecar.initial-snapshot=DEBEZIUM", "herd.sidecar.source.server-id=4242");
        await().atMost(Duration.ofMinutes(3)).until(second.progress()::isSnapshotCompleted);
        Map<String, Map<Object, Object>> finalState = latest(second);
        // Each key's latest record in the first origin's topics, once its stream has caught up, is
        // what that snapshot says: nothing written during or after the snapshot lost, nothing stale on top.
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            Map<String, Map<Object, Object>> streamed = withoutDeletes(latest(site));
            for (String entity : finalState.keySet()) {
                assertSame(entity, streamed.get(entity), finalState.get(entity));
            }
        });
    }

    /** Fails naming the first few keys whose records differ, not the whole topics. */
    private static void assertSame(String entity, Map<Object, Object> actual, Map<Object, Object> expected) {
        java.util.Set<Object> keys = new java.util.TreeSet<>(java.util.Comparator.comparing(Object::toString));
        keys.addAll(actual.keySet());
        keys.addAll(expected.keySet());
        List<String> differ = keys.stream().filter(k -> !java.util.Objects.equals(actual.get(k), expected.get(k)))
                .limit(3).map(k -> k + ": " + actual.get(k) + " instead of " + expected.get(k)).toList();
        assertThat(differ).as(entity + " (" + actual.size() + " keys, expected " + expected.size() + ")").isEmpty();
    }

    /** Each entity's records, the latest per key: key to op and payload. */
    private static Map<String, Map<Object, Object>> latest(SidecarSite site) {
        Map<String, Map<Object, Object>> entities = new TreeMap<>();
        for (EntityType entity : NeutralSchema.entities()) {
            Map<Object, Object> byKey = new HashMap<>();
            site.records(entity.name()).stream()
                    .sorted(java.util.Comparator.comparing(NeutralRecord::position))
                    .forEach(r -> byKey.put(r.key().toString(), r.op() == Operation.DELETE ? Operation.DELETE
                            : r.payload()));
            entities.put(entity.name(), byKey);
        }
        return entities;
    }

    private static Map<String, Map<Object, Object>> withoutDeletes(Map<String, Map<Object, Object>> entities) {
        entities.values().forEach(m -> m.values().removeIf(v -> v == Operation.DELETE));
        return entities;
    }
}
