package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herd.translator.GazelleRows.POS;

import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.junit.jupiter.api.Test;

/**
 * A column renamed or dropped in the source arrives as no column at all, not as NULL: the row
 * fails naming table, key, column and position, and is never published with the field empty.
 */
class MissingColumnTest {

    private final Translator translator = new Translator(new TranslatorSettings("schema", GazelleVariant.WHATCD));

    @Test
    void aRenamedColumnFailsTheRowNamingTableKeyColumnAndPosition() {
        Map<String, Object> torrent = GazelleRows.torrent();
        torrent.remove("Description");
        torrent.put("Notes", "the column under its new name is not captured");

        assertThatThrownBy(() -> translator.translate(RowChange.insert("torrents", torrent, POS)))
                .isInstanceOfSatisfying(MissingColumnException.class, e -> {
                    assertThat(e.table()).isEqualTo("torrents");
                    assertThat(e.key()).isEqualTo(Map.of("ID", 1201));
                    assertThat(e.column()).isEqualTo("Description");
                    assertThat(e.position()).isEqualTo(POS);
                    assertThat(e.getMessage()).contains("torrents", "ID=1201", "Description", POS.toString());
                });
    }

    @Test
    void anUpdateWithoutTheColumnFailsToo() {
        Map<String, Object> before = GazelleRows.torrent();
        Map<String, Object> after = GazelleRows.torrent();
        before.remove("Description");
        after.remove("Description");
        after.put("Media", "Vinyl");
        assertThatThrownBy(() -> translator.translate(RowChange.update("torrents", before, after, POS)))
                .isInstanceOf(MissingColumnException.class).hasMessageContaining("column Description");
    }

    @Test
    void aNullValueIsStillNullAndAColumnRemovedByPolicyReadsAsNull() {
        Map<String, Object> torrent = GazelleRows.torrent();
        torrent.put("Description", null);
        // info_hash is not opted into: the translator removes it, the mapping reads it as NULL.
        NeutralRecord r = translator.translate(RowChange.insert("torrents", torrent, POS)).get(0);
        assertThat(r.payload()).containsEntry("description", null).containsEntry("info_hash", null);
    }
}
