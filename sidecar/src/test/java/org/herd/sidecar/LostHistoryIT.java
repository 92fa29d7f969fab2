package org.herd.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.herd.kafka.KafkaConnection;
import org.herd.sidecar.state.StoredOffset;
import org.herd.translator.NeutralRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sidecar that comes back after its binlog position was purged: it says so in one line and
 * snapshots again (the gap's inserts and updates arrive), or refuses to start, as configured.
 *
 * <p>Purging binlogs on the shared embedded MariaDB is safe for the other tests: each starts a
 * sidecar for a new database and origin, which snapshots first and streams from the binlog's end.
 */
class LostHistoryIT {

    private final SidecarSite site;

    LostHistoryIT() throws Exception {
        site = new SidecarSite();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void aPurgedPositionIsNamedAndEveryTableSnapshottedAgain() throws Exception {
        String stored = snapshotThenStopAndPurgeAfterAGap();

        LogKeeper.clear();
        site.start();
        await().atMost(Duration.ofMinutes(3)).until(() -> site.keys("release", "release_id", false).contains(101L)
                && site.records("release_group").stream().anyMatch(r -> "Geogaddi (gap)".equals(r.payload().get("name"))));
        assertThat(LogKeeper.lines()).filteredOn(l -> l.contains("Lost history")).singleElement().asString()
                .startsWith("WARN Lost history: the stored position " + stored + " is no longer on "
                        + site.mariaDb.host() + ":" + site.mariaDb.port() + " (oldest binlog ")
                .contains("re-snapshotting every replicated table (herd.sidecar.on-lost-history=RESNAPSHOT)",
                        "herd verify --repair");
        // The gap's changes arrive as snapshot reads; the stream goes on afterwards.
        NeutralRecord inserted = site.records("release").stream()
                .filter(r -> r.key().get("release_id").equals(101L)).findFirst().orElseThrow();
        assertThat(inserted.position().snapshot()).isTrue();
        assertThat(site.records("release_group").stream().filter(r -> "Geogaddi (gap)".equals(r.payload().get("name")))
                .findFirst().orElseThrow().position().snapshot()).isTrue();
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE torrents_group SET Name = 'Geogaddi (after)' WHERE ID = 10");
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> site.records("release_group").stream()
                .anyMatch(r -> "Geogaddi (after)".equals(r.payload().get("name")) && !r.position().snapshot()));
        site.stop();

        // Nothing is lost any more: the next start says nothing about it.
        LogKeeper.clear();
        site.start();
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE torrents_group SET Name = 'Geogaddi (again)' WHERE ID = 10");
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> site.records("release_group").stream()
                .anyMatch(r -> "Geogaddi (again)".equals(r.payload().get("name"))));
        assertThat(LogKeeper.lines()).noneMatch(l -> l.contains("Lost history"));
    }

    @Test
    void underStopStartUpFailsNamingThePurgedPosition() throws Exception {
        String stored = snapshotThenStopAndPurgeAfterAGap();
        LogKeeper.clear();
        assertThatThrownBy(() -> site.start("herd.sidecar.on-lost-history=STOP"))
                .rootCause()
                .hasMessageStartingWith("Lost history: the stored position " + stored + " is no longer on ")
                .hasMessageContaining("not starting (herd.sidecar.on-lost-history=STOP)");
        assertThat(LogKeeper.lines()).filteredOn(l -> l.contains("Lost history")).singleElement().asString()
                .startsWith("ERROR Lost history");
    }

    /** The stored position (file:pos) the stopped sidecar would resume from, now purged. */
    private String snapshotThenStopAndPurgeAfterAGap() throws Exception {
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO torrents_group (ID, CategoryID, Name, Year, ReleaseType, TagList, Time, WikiBody, "
                    + "WikiImage) VALUES (10, 1, 'Geogaddi', 2002, 1, 'electronic', NOW(), '', '')");
            torrent(s, 100);
        }
        site.start();
        await().atMost(Duration.ofMinutes(3)).until(site.progress()::isSnapshotCompleted);
        await().atMost(Duration.ofMinutes(1)).until(() -> site.records("release").size() == 1);
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE torrents_group SET Name = 'Geogaddi (streamed)' WHERE ID = 10");
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> site.records("release_group").size() == 2);
        site.stop();
        String stored = StoredOffset.read(KafkaConnection.of(site.stack.kafka().bootstrapServers()),
                site.prefix + "._offsets", "herd-sidecar-" + site.origin).orElseThrow().toString();

        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            torrent(s, 101);
            s.execute("UPDATE torrents_group SET Name = 'Geogaddi (gap)' WHERE ID = 10");
            s.execute("FLUSH BINARY LOGS");
            String current;
            try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                current = rs.getString(1);
            }
            // MariaDB keeps a file while its binlog checkpoint is pending or a dump thread that
            // has not yet noticed the stopped sidecar still reads it: purge until it is gone.
            String storedFile = stored.substring(0, stored.indexOf(':'));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                s.execute("PURGE BINARY LOGS TO '" + current + "'");
                List<String> left = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
                    while (rs.next()) {
                        left.add(rs.getString(1));
                    }
                }
                return !left.contains(storedFile);
            });
        }
        return stored;
    }

    private static void torrent(Statement s, int id) throws Exception {
        s.execute("INSERT INTO torrents (ID, GroupID, UserID, Media, Format, Encoding, info_hash, FileCount, "
                + "FileList, Size, Time, Description) VALUES (" + id + ", 10, 1, 'CD', 'FLAC', 'Lossless', 'h" + id
                + "', 1, '.flac s1s a.flac÷', 1000, NOW(), 'torrent " + id + "')");
    }
}
