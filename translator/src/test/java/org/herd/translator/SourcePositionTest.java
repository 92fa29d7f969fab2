package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourcePositionTest {

    @Test
    void ordersByFileSequenceThenPositionThenRow() {
        SourcePosition a = new SourcePosition("mysql-bin.000009", 900_000, 9, 3, false, 0);
        SourcePosition b = new SourcePosition("mysql-bin.000010", 4, 0, 0, false, 0);
        SourcePosition c = new SourcePosition("mysql-bin.000010", 120, 2, 0, false, 0);
        SourcePosition d = new SourcePosition("mysql-bin.000010", 120, 2, 1, false, 0);
        // A later event of the same transaction orders after every row of an earlier one.
        SourcePosition d2 = new SourcePosition("mysql-bin.000010", 120, 4, 0, false, 0);
        // The sequence, not the name, decides: 1000000 sorts before 999999 as text.
        SourcePosition e = new SourcePosition("mysql-bin.1000000", 4, 0, 0, false, 0);
        SourcePosition f = new SourcePosition("mysql-bin.999999", 4, 0, 0, false, 0);
        List<SourcePosition> list = new ArrayList<>(List.of(e, d2, d, c, f, b, a));
        list.sort(null);
        assertThat(list).containsExactly(a, b, c, d, d2, f, e);
        assertThat(d.isAfter(c)).isTrue();
        assertThat(c.isAfter(c)).isFalse();
    }

    @Test
    void theEpochOrdersBeforeEverythingElse() {
        SourcePosition old = new SourcePosition(1, "mysql-bin.000950", 900_000, 9, 3, false, 0);
        // A successor origin on another server starts its binlog names again.
        SourcePosition successor = new SourcePosition(2, "mariadb-bin.000001", 4, 0, 0, true, 0);
        SourcePosition unsigned = new SourcePosition("mysql-bin.999999", 4, 0, 0, false, 0);
        List<SourcePosition> list = new ArrayList<>(List.of(successor, old, unsigned));
        list.sort(null);
        assertThat(list).containsExactly(unsigned, old, successor);
        assertThat(unsigned.epoch()).isZero();
        assertThat(unsigned.withEpoch(1)).isEqualTo(new SourcePosition(1, "mysql-bin.999999", 4, 0, 0, false, 0));
        assertThat(unsigned.withEpoch(0)).isSameAs(unsigned);
        assertThat(successor.toString()).isEqualTo("e2:mariadb-bin.000001:4/0#0 (snapshot)");
        assertThat(unsigned.toString()).isEqualTo("mysql-bin.999999:4/0#0");
        assertThatThrownBy(() -> new SourcePosition(-1, "mysql-bin.000001", 4, 0, 0, false, 0))
                .hasMessageContaining("negative epoch -1");
    }

    @Test
    void commitTimeAndSnapshotFlagDoNotAffectOrder() {
        SourcePosition x = new SourcePosition("mysql-bin.000001", 10, 0, 0, true, 5);
        SourcePosition y = new SourcePosition("mysql-bin.000001", 10, 0, 0, false, 9);
        assertThat(x.compareTo(y)).isZero();
    }

    @Test
    void rejectsFileNamesWithoutSequence() {
        assertThatThrownBy(() -> new SourcePosition("binlog", 1, 0, 0, false, 0))
                .hasMessageContaining("'binlog'");
    }
}
