package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herd.translator.GazelleRows.POS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.mapping.KeySource;
import org.herd.translator.mapping.TableMapping;
import org.herd.translator.schema.FieldType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every mapping of both variants names the Gazelle columns behind its entity's key, so that a
 * tool holding an entity key (verify's repair) can name the row that produces it.
 */
class KeySourcesTest {

    /** The public user policy, under which every mapping (users_main's too) is registered. */
    private static Translator translator(GazelleVariant variant) {
        return new Translator(new TranslatorSettings("o", variant, UserReferences.publicIds(), false));
    }

    @ParameterizedTest
    @EnumSource(GazelleVariant.class)
    void everyKeyFieldOfEveryPublishedEntityHasACapturedSourceColumn(GazelleVariant variant) {
        Translator t = translator(variant);
        Map<String, List<String>> tablesByEntity = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> table : t.capturedColumns().entrySet()) {
            TableMapping m = t.mapping(table.getKey()).orElseThrow();
            Map<String, KeySource> sources = m.keySources();
            if (!m.publishes()) {
                assertThat(sources).as(table.getKey() + " publishes nothing").isEmpty();
                continue;
            }
            tablesByEntity.computeIfAbsent(m.entity().name(), e -> new ArrayList<>()).add(table.getKey());
            assertThat(new ArrayList<>(sources.keySet())).as(table.getKey()).isEqualTo(m.entity().keyNames());
            m.entity().keyFields().forEach(f -> {
                KeySource s = sources.get(f.name());
                assertThat(table.getValue()).as("%s.%s is captured", table.getKey(), s.column())
                        .contains(s.column());
                FieldType expected = s.kind() == KeySource.Kind.COPY ? FieldType.INTEGER : FieldType.TEXT;
                assertThat(f.type()).as("%s.%s from %s (%s)", m.entity().name(), f.name(), s.column(), s.kind())
                        .isEqualTo(expected);
            });
        }
        // verify reads each entity from the one table that produces it.
        tablesByEntity.forEach((entity, tables) -> assertThat(tables).as(entity).hasSize(1));
        assertThat(tablesByEntity).containsKeys("release", "release_group_artist", "user", "request", "comment");
    }

    @Test
    void theOnlyKeysThatAreNotPlainCopiesAreTheCreditRoleAndTheUserReference() {
        for (GazelleVariant variant : GazelleVariant.values()) {
            Translator t = translator(variant);
            Map<String, KeySource.Kind> notCopied = new LinkedHashMap<>();
            t.capturedColumns().keySet().forEach(table -> t.mapping(table).orElseThrow().keySources()
                    .forEach((field, s) -> {
                        if (s.kind() != KeySource.Kind.COPY) {
                            notCopied.put(table + "." + s.column() + "->" + field, s.kind());
                        }
                    }));
            assertThat(notCopied).as(variant.name()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "torrents_artists.Importance->role", KeySource.Kind.CODE,
                    "users_main.ID->user_ref", KeySource.Kind.USER_REFERENCE));
        }
    }

    /** A copied key field holds exactly the value of its source column in the translated record. */
    @Test
    void copiedKeyFieldsEqualTheirColumnsInTranslatedRows() {
        assertCopied(GazelleVariant.WHATCD, "torrents", GazelleRows.torrent());
        assertCopied(GazelleVariant.WHATCD, "torrents_logs_new", GazelleRows.ripLog());
        assertCopied(GazelleVariant.OPS, "torrents_artists", OpsRows.credit(77, 901, "1"));
        assertCopied(GazelleVariant.OPS, "torrents", OpsRows.torrent());
    }

    private static void assertCopied(GazelleVariant variant, String table, Map<String, Object> row) {
        Translator t = translator(variant);
        NeutralRecord r = t.translate(RowChange.read(table, row, POS)).get(0);
        t.mapping(table).orElseThrow().keySources().forEach((field, s) -> {
            if (s.kind() == KeySource.Kind.COPY) {
                assertThat(r.key().get(field)).as("%s.%s", table, s.column())
                        .isEqualTo(((Number) row.get(s.column())).longValue());
            }
        });
    }
}
