package org.herd.sidecar.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotColumnsTest {

    @Test
    void readsDatesAndTimesAsTheServerWritesThem() {
        assertThat(SnapshotColumns.dateTime("2001-02-03 04:05:06")).isEqualTo(LocalDateTime.of(2001, 2, 3, 4, 5, 6));
        assertThat(SnapshotColumns.dateTime("2001-02-03")).isEqualTo(LocalDateTime.of(2001, 2, 3, 0, 0));
        assertThat(SnapshotColumns.dateTime("2001-02-03 04:05:06.123"))
                .isEqualTo(LocalDateTime.of(2001, 2, 3, 4, 5, 6, 123_000_000));
        assertThat(SnapshotColumns.dateTime("2001-02-03 04:05:06.000007"))
                .isEqualTo(LocalDateTime.of(2001, 2, 3, 4, 5, 6, 7_000));
        assertThatThrownBy(() -> SnapshotColumns.dateTime("2001-0x-03 04:05:06"))
                .hasMessageContaining("'2001-0x-03 04:05:06' is not a date");
    }

    @Test
    void aZeroDateOrAZeroInsideOneIsNullAsDebeziumHasIt() {
        assertThat(SnapshotColumns.dateTime("0000-00-00 00:00:00")).isNull();
        assertThat(SnapshotColumns.dateTime("2009-00-00 00:00:00")).isNull();
        assertThat(SnapshotColumns.dateTime("2009-05-00")).isNull();
    }

    @Test
    void aColumnTypeItDoesNotMapNamesTableColumnAndType() {
        assertThatThrownBy(() -> SnapshotColumns.reader("torrents", "Length", "time", "time"))
                .isInstanceOf(SnapshotColumns.UnsupportedColumnException.class)
                .hasMessageContaining("torrents.Length is time");
    }

    @Test
    void selectsTheCapturedColumnsInTheirOrderQuoted() throws Exception {
        SnapshotColumns columns = new SnapshotColumns("torrents", List.of(
                new SnapshotColumns.Column("ID", "int", SnapshotColumns.reader("torrents", "ID", "int", "int")),
                new SnapshotColumns.Column("Time", "datetime",
                        SnapshotColumns.reader("torrents", "Time", "datetime", "datetime"))));
        assertThat(columns.select("gaz`elle")).isEqualTo("SELECT `ID`, `Time` FROM `gaz``elle`.`torrents`");
    }
}
