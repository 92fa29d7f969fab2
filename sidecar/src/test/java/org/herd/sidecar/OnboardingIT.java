package org.herd.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
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
            s.execute("UPDATE torrents_group SET Name = 'Geogaddi (streamed)' WHERE ID = 10");
            comment(s, COMMENTS + 1, "written while comments were left out");
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> site.records("release_group").size() == 2);
        assertThat(site.count("comment")).as("an excluded table publishes nothing").isZero();
        long groupSnapshots = site.snapshotReads("release_group");
        long releaseSnapshots = site.snapshotReads("release");
        long artistSnapshots = site.snapshotReads("artist");
        assertThat(List.of(groupSnapshots, releaseSnapshots, artistSnapshots)).containsOnly(1L);
        assertThat(LogKeeper.lines()).noneMatch(l -> l.contains("Onboarding"));
        site.stop();

        // Writes keep going while the sidecar restarts with comments included.
        AtomicInteger written = new AtomicInteger();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (Connection c = site.connect(); Statement s = c.createStatement()) {
                while (!Thread.currentThread().isInterrupted()) {
                    int n = written.incrementAndGet();
                    comment(s, 1000 + n, "streamed comment " + n);
                    s.execute("UPDATE torrents SET Description = 'edit " + n + "' WHERE ID = 100");
                    if (n % 5 == 0) {
                        s.execute("UPDATE comments SET Body = 'edited " + n + "' WHERE ID = " + (n % COMMENTS + 1));
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        }, "onboarding-writer");
        writer.start();
        Thread.sleep(500);
        LogKeeper.clear();
        site.start();
        Set<Long> initial = LongStream.rangeClosed(1, COMMENTS + 1).boxed().collect(Collectors.toSet());
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                .until(() -> site.keys("comment", "comment_id", true).containsAll(initial));
        Thread.sleep(2000);
        writer.interrupt();
        writer.join(30_000);
        assertThat(writerFailure.get()).isNull();
        int last = written.get();
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

        // A restart after that sends no signal and reads nothing again.
        LogKeeper.clear();
        site.start();
        try (Connection c = site.connect(); Statement s = c.createStatement()) {
            comment(s, 5000, "after the second restart");
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> site.keys("comment", "comment_id", false).contains(5000L));
        Thread.sleep(3000);
        assertThat(LogKeeper.lines()).noneMatch(l -> l.contains("Onboarding"));
        assertThat(site.count("_signals")).isEqualTo(1);
        assertThat(site.snapshotReads("comment")).isEqualTo(commentSnapshots);
        assertThat(site.snapshotReads("release_group")).isEqualTo(groupSnapshots);
    }

    private static void comment(Statement s, int id, String body) throws Exception {
        s.execute("INSERT INTO comments (ID, Page, PageID, AuthorID, AddedTime, Body) VALUES (" + id
                + ", 'torrents', 10, 7, NOW(), '" + body + "')");
    }
}
