package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArrayMapTest {

    private static final class Row extends ArrayMap {
        Row(Names names, Object... values) {
            super(names, values);
        }
    }

    @Test
    void namesArePlacedInOrderAndNeverTwice() {
        ArrayMap.Names names = new ArrayMap.Names(List.of("ID", "Name", "Year"));
        assertThat(names.size()).isEqualTo(3);
        assertThat(names.indexOf("Year")).isEqualTo(2);
        assertThat(names.indexOf("year")).isEqualTo(-1);
        assertThat(names.name(1)).isEqualTo("Name");
        assertThatThrownBy(() -> new ArrayMap.Names(List.of("ID", "Name", "ID")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ID' named twice");
        assertThatThrownBy(() -> new Row(names, 1L, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 values for 3 names");
    }

    @Test
    void mapsOfOtherNamesOrKindsAreEqualByTheirEntries() {
        Row row = new Row(new ArrayMap.Names(List.of("ID", "Name", "Year")), 1L, "Ohm", null);
        Row sameEntries = new Row(new ArrayMap.Names(List.of("ID", "Name", "Year")), 1L, "Ohm", null);
        Row otherOrder = new Row(new ArrayMap.Names(List.of("Name", "ID", "Year")), "Ohm", 1L, null);
        Map<String, Object> linked = new LinkedHashMap<>();
        linked.put("ID", 1L);
        linked.put("Name", "Ohm");
        linked.put("Year", null);

        assertThat(row).isEqualTo(sameEntries).isEqualTo(otherOrder).isEqualTo(linked);
        assertThat(linked).isEqualTo(row);
        assertThat(row.hashCode()).isEqualTo(otherOrder.hashCode()).isEqualTo(linked.hashCode());
        assertThat(row.toString()).isEqualTo(linked.toString()).isEqualTo("{ID=1, Name=Ohm, Year=null}");
        assertThat(row).isNotEqualTo(new Row(new ArrayMap.Names(List.of("ID", "Name", "Year")), 1L, "Ohm", 1999L));
        assertThat(row).isNotEqualTo(new Row(new ArrayMap.Names(List.of("ID", "Name")), 1L, "Ohm"));
    }
}
