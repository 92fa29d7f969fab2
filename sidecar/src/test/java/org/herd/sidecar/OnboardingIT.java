package org.herd.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.herd.testkit.BackgroundWrites;
import org.herd.translator.NeutralRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A table added to the replicated set of a running site: the sidecar snapshots that table alone
 * with an incremental snapshot while the stream keeps flowing, reads no other table again, and
 * does not do it twice.
 */
class OnboardingIT {

    private static final int COMMENTS = 60;

    private final SidecarSite site;

    OnboardingIT() throws Exception {
        site = new SidecarSite();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void anIncludedTableIsSnapshottedAloneWhileChangesKeepFlowing() throws Exception {
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO artists_group (ArtistID, Name, RevisionID, VanityHouse, LastCommentID) "
                    + "VALUES (1, 'Boards of Canada', NULL, 0, 0)");
            s.execute("INSERT INTO torrents_group (ID, CategoryID, Name, Year, ReleaseType, TagList, Time, WikiBody, "
                    + "WikiImage) VALUES (10, 1, 'Geogaddi', 2002, 1, 'electronic', NOW(), '', '')");
            s.execute("INSERT INTO torrents (ID, GroupID, UserID, Media, Format, Encoding, info_hash, FileCount, "
                    + "FileList, Size, Time, Description) VALUES (100, 10, 1, 'CD', 'FLAC', 'Lossless', 'h100', 1, "
                    + "'.flac s1s a.flac÷', 1000, NOW(), 'first')");
            for (int id = 1; id <= COMMENTS; id++) {
                comment(s, id, "comment " + id);
            }
        }
        LogKeeper.clear();
        site.start("herd.sidecar.exclude-tables=comments");
        await().atMost(Duration.ofMinutes(3)).until(site.progress()::isSnapshotCompleted);
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            comment(s, COMMENTS + 1, "written while comments were left out");
            // The marker, written after the comment. The sidecar publishes in binlog order and counts
            // a record as published once Kafka has acknowledged it and every record sent before it:
            // once the marker counts, a record of the comment would have counted first.
            s.execute("UPDATE torrents_group SET Name = 'Geogaddi (streamed)' WHERE ID = 10");
        }
        await().atMost(Duration.ofMinutes(2))
                .until(() -> site.progress().publishedByEntity().getOrDefault("release_group", 0L) == 2);
        assertThat(site.progress().publishedByEntity()).as("an excluded table publishes nothing")
                .doesNotContainKey("comment");
        assertThat(site.count("comment")).as("an excluded table publishes nothing").isZero();
        long groupSnapshots = site.snapshotReads("release_group");
        long releaseSnapshots = site.snapshotReads("release");
        long artistSnapshots = site.snapshotReads("artist");
        assertThat(List.of(groupSnapshots, releaseSnapshots, artistSnapshots)).containsOnly(1L);
        assertThat(LogKeeper.lines()).noneMatch(l -> l.contains("Onboarding"));
        site.stop();

        // Writes keep going while the sidecar restarts with comments included.
        BackgroundWrites writer = BackgroundWrites.start("onboarding-writer", site::connect, c -> {
            Statement s = c.createStatement();
            return n -> {
                comment(s, 1000 + n, "streamed comment " + n);
                s.execute("UPDATE torrents SET Description = 'edit " + n + "' WHERE ID = 100");
                if (n % 5 == 0) {
                    s.execute("UPDATE comments SET Body = 'edited " + n + "' WHERE ID = " + (n % COMMENTS + 1));
                }
                // Paces the writer (about ten rows a second) across the restart and the onboarding
                // snapshot; what the test waits for, it waits for by count.
                Thread.sleep(100);
            };
        });
        // Some rows written while the sidecar is down, more while it snapshots and after.
        await().atMost(Duration.ofMinutes(1)).until(() -> writer.steps() >= 5);
        LogKeeper.clear();
        site.start();
        Set<Long> initial = LongStream.rangeClosed(1, COMMENTS + 1).boxed().collect(Collectors.toSet());
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                .until(() -> site.keys("comment", "comment_id", true).containsAll(initial));
        int atSnapshot = writer.steps();
        await().atMost(Duration.ofMinutes(1)).until(() -> writer.steps() >= atSnapshot + 20);
        writer.close();
        int last = writer.steps();
        await().atMost(Duration.ofMinutes(2)).until(() -> site.keys("comment", "comment_id", false)
                .contains(1000L + last) && site.records("release").stream()
                .anyMatch(r -> ("edit " + last).equals(r.payload().get("description"))));

        assertThat(LogKeeper.lines()).filteredOn(l -> l.contains("Onboarding")).singleElement().asString()
                .contains("[comments]");
        // Streamed changes of the new table and of the others arrived, not as snapshot reads.
        List<NeutralRecord> comments = site.records("comment");
        assertThat(comments).filteredOn(r -> !r.position().snapshot() && (Long) r.key().get("comment_id") > 1000)
                .hasSizeGreaterThanOrEqualTo(last - 1);
        assertThat(site.records("release")).filteredOn(r -> !r.position().snapshot()).hasSizeGreaterThanOrEqualTo(last);
        // No other table was read again.
        assertThat(site.snapshotReads("release_group")).isEqualTo(groupSnapshots);
        assertThat(site.snapshotReads("release")).isEqualTo(releaseSnapshots);
        assertThat(site.snapshotReads("artist")).isEqualTo(artistSnapshots);
        assertThat(site.count("_signals")).isEqualTo(1);
        long commentSnapshots = site.snapshotReads("comment");
        site.stop();

        // A restart after that sends no signal and reads nothing again. The sidecar decides and
        // signals an onboarding before its start returns: no line and no second signal now means none.
        LogKeeper.clear();
        site.start();
        assertThat(LogKeeper.lines()).noneMatch(l -> l.contains("Onboarding"));
        assertThat(site.count("_signals")).isEqualTo(1);
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            comment(s, 5000, "after the second restart");
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> site.keys("comment", "comment_id", false).contains(5000L));
        // Nor does Debezium read the onboarding signal again or resume its snapshot, and no table
        // was read again since the onboarding. The marker is a signal of its own, naming one
        // torrent: Debezium takes signals in the order of their topic and snapshots the tables they
        // name one after another, so any other snapshot read would come before the marker's read
        // of torrent 100. Stopped once the marker is there, the sidecar has delivered whatever it
        // sent before it, on every topic.
        site.signalSnapshot(Map.of("torrents", "ID = 100"));
        await().atMost(Duration.ofMinutes(2)).until(() -> site.snapshotReads("release") > releaseSnapshots);
        site.stop();
        assertThat(site.snapshotReads("release")).as("the marker's read").isEqualTo(releaseSnapshots + 1);
        assertThat(site.snapshotReads("comment")).isEqualTo(commentSnapshots);
        assertThat(site.snapshotReads("release_group")).isEqualTo(groupSnapshots);
        assertThat(site.snapshotReads("artist")).isEqualTo(artistSnapshots);
        assertThat(site.count("_signals")).as("the onboarding signal and the marker").isEqualTo(2);
    }

    private static void comment(Statement s, int id, String body) throws Exception {
        s.execute("INSERT INTO comments (ID, Page, PageID, AuthorID, AddedTime, Body) VALUES (" + id
                + ", 'torrents', 10, 7, NOW(), '" + body + "')");
    }
}
