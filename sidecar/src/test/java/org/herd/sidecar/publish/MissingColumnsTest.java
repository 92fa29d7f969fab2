package org.herd.sidecar.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import org.herd.translator.RowChange;
import org.herd.translator.SourcePosition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A missing column is said once per table and column, and again once it is back and gone again. */
class MissingColumnsTest {

    private final MissingColumns missing = new MissingColumns("herd.unit._quarantine");
    private final Logger logger = (Logger) LoggerFactory.getLogger(MissingColumns.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    private static SourcePosition at(long pos) {
        return new SourcePosition("mysql-bin.000009", pos, 0, 0, false, 1);
    }

    private static RowChange torrent(long pos, Map<String, Object> row) {
        return RowChange.update("torrents", row, row, at(pos));
    }

    private List<String> logged() {
        return lines.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Test
    void eachTableAndColumnIsReportedOnceUntilItIsBack() {
        Map<String, Object> withoutDescription = Map.of("ID", 1L, "Media", "CD");
        missing.missing("torrents", "Description", torrent(100, withoutDescription));
        missing.missing("torrents", "Description", torrent(200, withoutDescription));
        missing.missing("torrents", "FileList", torrent(300, withoutDescription));
        // A change without the column says nothing of it.
        missing.back(torrent(350, withoutDescription));
        missing.back(torrent(400, Map.of("ID", 1L, "Media", "CD", "Description", "back")));
        missing.missing("torrents", "Description", torrent(500, withoutDescription));

        assertThat(logged()).containsExactly(
                "WARN Gazelle table torrents no longer has column Description as Herd reads it (renamed or dropped?), "
                        + "first missed by a change of torrents at mysql-bin.000009:100/0#0: every change that needs "
                        + "it is quarantined in herd.unit._quarantine until the column is back; then `herd quarantine "
                        + "replay` reads those rows again",
                "WARN Gazelle table torrents no longer has column FileList as Herd reads it (renamed or dropped?), "
                        + "first missed by a change of torrents at mysql-bin.000009:300/0#0: every change that needs "
                        + "it is quarantined in herd.unit._quarantine until the column is back; then `herd quarantine "
                        + "replay` reads those rows again",
                "INFO Gazelle table torrents has column Description again at mysql-bin.000009:400/0#0; its changes "
                        + "flow again (missing since mysql-bin.000009:100/0#0)",
                "WARN Gazelle table torrents no longer has column Description as Herd reads it (renamed or dropped?), "
                        + "first missed by a change of torrents at mysql-bin.000009:500/0#0: every change that needs "
                        + "it is quarantined in herd.unit._quarantine until the column is back; then `herd quarantine "
                        + "replay` reads those rows again");
    }

    @Test
    void aTableThatNamedNoColumnIsBackWithAnyChangeOfItThatTranslates() {
        RowChange post = RowChange.read("forums_posts", Map.of("ID", 9L), at(100));
        missing.missing("forums_topics", null, post);
        missing.back(RowChange.read("forums_topics", Map.of("ID", 3L), at(200)));

        assertThat(logged()).containsExactly(
                "WARN Gazelle table forums_topics no longer has column (a column or the table itself) as Herd reads "
                        + "it (renamed or dropped?), first missed by a change of forums_posts at "
                        + "mysql-bin.000009:100/0#0: every change that needs it is quarantined in herd.unit._quarantine "
                        + "until the column is back; then `herd quarantine replay` reads those rows again",
                "INFO Gazelle table forums_topics has column (a column or the table itself) again at "
                        + "mysql-bin.000009:200/0#0; its changes flow again (missing since mysql-bin.000009:100/0#0)");
    }
}
