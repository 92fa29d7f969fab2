package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.FieldType;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.Test;

class FieldMapTest {

    private static final FieldMap.Layout ARTIST = FieldMap.Layout.payloadOf(NeutralSchema.ARTIST);

    /** name "Ohm", primary_alias_id null, revision_id 7, vanity_house false. */
    private static FieldMap artist() {
        return ARTIST.builder().set(0, "Ohm").set(1, null).set(2, 7L).set(3, false).build();
    }

    private static Map<String, Object> artistAsLinkedMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "Ohm");
        m.put("primary_alias_id", null);
        m.put("revision_id", 7L);
        m.put("vanity_house", false);
        return m;
    }

    @Test
    void isTheMapOfItsEntriesInDeclaredOrder() {
        FieldMap m = artist();
        Map<String, Object> same = artistAsLinkedMap();

        assertThat(m).isEqualTo(same);
        assertThat(same).isEqualTo(m);
        assertThat(m.hashCode()).isEqualTo(same.hashCode());
        assertThat(m.toString()).isEqualTo(same.toString());
        assertThat(new ArrayList<>(m.keySet())).containsExactly("name", "primary_alias_id", "revision_id", "vanity_house");
        assertThat(m.get("revision_id")).isEqualTo(7L);
        assertThat(m.containsKey("primary_alias_id")).isTrue();
        assertThat(m.get("primary_alias_id")).isNull();
        assertThat(m.containsKey("artist_id")).as("a key field is not a payload field").isFalse();
        assertThat(m.get("artist_id")).isNull();
        assertThat(m.get(42)).isNull();
        List<String> visited = new ArrayList<>();
        m.forEach((name, value) -> visited.add(name + "=" + value));
        assertThat(visited).containsExactly("name=Ohm", "primary_alias_id=null", "revision_id=7", "vanity_house=false");
        assertThat(m.name(3)).isEqualTo("vanity_house");
        assertThat(m.value(0)).isEqualTo("Ohm");

        Map<String, Object> other = artistAsLinkedMap();
        other.put("revision_id", 8L);
        assertThat(m).isNotEqualTo(other);
    }

    @Test
    void fieldMapsAreEqualByTheirEntriesWhateverTheirLayouts() {
        assertThat(artist()).isEqualTo(artist()).hasSameHashCodeAs(artist());
        assertThat(artist()).isNotEqualTo(ARTIST.builder().set(0, "Ohm").set(1, null).set(2, 8L).set(3, false).build());
        assertThat(artist()).isNotEqualTo(ARTIST.builder().set(0, "Ohm").set(1, 0L).set(2, 7L).set(3, false).build());

        // The same fields declared again, in another layout: equal as maps are.
        EntityType again = new EntityType("artist", "The artist declared again.", NeutralSchema.ARTIST.keyFields(),
                NeutralSchema.ARTIST.payloadFields());
        FieldMap.Layout layout = FieldMap.Layout.payloadOf(again);
        assertThat(layout).isNotSameAs(ARTIST);
        FieldMap same = layout.builder().set(0, "Ohm").set(1, null).set(2, 7L).set(3, false).build();
        assertThat(same).isEqualTo(artist()).hasSameHashCodeAs(artist());
        assertThat(artist()).isEqualTo(same);
    }

    @Test
    void cannotBeChanged() {
        FieldMap m = artist();

        assertThatThrownBy(() -> m.put("name", "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.remove("name")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(m::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.keySet().remove("name")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.replaceAll((k, v) -> v)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(m).isEqualTo(artistAsLinkedMap());
    }

    @Test
    void aBuilderHandsItsValuesOverOnce() {
        FieldMap.Builder b = ARTIST.builder().set(0, "Ohm").set(0, "Ohm!");
        assertThat(b.isSet(0)).isTrue();
        assertThat(b.isSet(1)).isFalse();
        assertThat(b.get(0)).as("a second value replaces the first").isEqualTo("Ohm!");

        FieldMap built = b.build();

        assertThatThrownBy(() -> b.set(0, "changed")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
        assertThat(built.get("name")).isEqualTo("Ohm!");
        assertThat(built.get("vanity_house")).as("a field never set holds null").isNull();
        assertThat(built).hasSize(4);
    }

    @Test
    void aLayoutFindsFieldsByNameAndBelongsToItsEntity() {
        assertThat(ARTIST.size()).isEqualTo(4);
        assertThat(ARTIST.indexOf("revision_id")).isEqualTo(2);
        assertThat(ARTIST.indexOf("artist_id")).isEqualTo(-1);
        assertThat(ARTIST.field(3).name()).isEqualTo("vanity_house");
        assertThat(FieldMap.Layout.payloadOf(NeutralSchema.ARTIST)).isSameAs(ARTIST);
        assertThat(FieldMap.Layout.keyOf(NeutralSchema.ARTIST).indexOf("artist_id")).isZero();

        // Another declaration of the same name, as a test schema or a newer one has, gets its own.
        EntityType redeclared = new EntityType("artist", "An artist of another declaration.",
                List.of(new Field("artist_id", FieldType.INTEGER, false, "a.ID", "id")),
                List.of(new Field("title", FieldType.TEXT, true, "a.Title", "title")));
        FieldMap.Layout other = FieldMap.Layout.payloadOf(redeclared);
        assertThat(other.size()).isEqualTo(1);
        assertThat(other.indexOf("title")).isZero();
        assertThat(FieldMap.Layout.payloadOf(NeutralSchema.ARTIST)).as("the schema's own, still").isSameAs(ARTIST);
    }

    @Test
    void aRecordKeepsAFieldMapAndCopiesAnyOtherMap() {
        FieldMap key = FieldMap.Layout.keyOf(NeutralSchema.ARTIST).builder().set(0, 1L).build();
        FieldMap payload = artist();
        SourcePosition at = new SourcePosition("mysql-bin.000001", 4, 1, 0, false, 0);

        NeutralRecord kept = NeutralRecord.upsert("artist", "ops", key, at, payload);

        assertThat(kept.key()).isSameAs(key);
        assertThat(kept.payload()).isSameAs(payload);

        Map<String, Object> mutable = artistAsLinkedMap();
        NeutralRecord copied = NeutralRecord.upsert("artist", "ops", Map.of("artist_id", 1L), at, mutable);
        mutable.put("name", "changed");
        assertThat(copied.payload().get("name")).isEqualTo("Ohm");
        assertThat(copied).isEqualTo(kept);
    }
}
