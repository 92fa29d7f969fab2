package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herd.translator.GazelleRows.PASSKEY;
import static org.herd.translator.GazelleRows.POS;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.catalogue.Privacy;
import org.herd.gazelle.catalogue.TableDef;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.Test;

class TranslatorTest {

    private final Translator translator = new Translator(new TranslatorSettings("opsdemo", GazelleVariant.WHATCD));

    @Test
    void releaseCarriesEveryEditionFieldAndConvertsGazelleConventions() {
        List<NeutralRecord> out = translator.translate(RowChange.insert("torrents", GazelleRows.torrent(), POS));

        assertThat(out).hasSize(1);
        NeutralRecord r = out.get(0);
        assertThat(r.entity()).isEqualTo("release");
        assertThat(r.origin()).isEqualTo("opsdemo");
        assertThat(r.op()).isEqualTo(Operation.UPSERT);
        assertThat(r.position()).isEqualTo(POS);
        assertThat(r.key()).containsExactly(Map.entry("release_id", 1201L));
        assertThat(r.payload())
                .containsEntry("release_group_id", 77L)
                .containsEntry("media", "CD")
                .containsEntry("format", "FLAC")
                .containsEntry("encoding", "Lossless")
                .containsEntry("remastered", true)
                .containsEntry("remaster_year", 2011L)
                .containsEntry("remaster_title", "Deluxe Edition")
                .containsEntry("remaster_catalogue_number", null)
                .containsEntry("scene", false)
                .containsEntry("has_log", true)
                .containsEntry("log_score", 100L)
                .containsEntry("size_bytes", 377487360L)
                .containsEntry("freeleech", "neutral")
                .containsEntry("uploaded_at", LocalDateTime.of(2011, 5, 6, 7, 8, 9))
                .containsEntry("transcoded_from", null)
                .containsEntry("files", List.of(new FileEntry("01 - Intro.flac", 31_457_280L),
                        new FileEntry("rip.log", 4096L)));
        assertThat(r.payload().keySet()).containsExactlyElementsOf(
                NeutralSchema.RELEASE.payloadFields().stream().map(f -> f.name()).toList());
    }

    @Test
    void privateAndInternalColumnsNeverReachARecordEvenIfCaptured() {
        Map<String, Object> row = GazelleRows.torrent();
        row.put("UserID", 987654321);
        row.put("FilePath", "secret-folder-name-" + PASSKEY);
        row.put("NotInCatalogue", PASSKEY);
        NeutralRecord r = translator.translate(RowChange.insert("torrents", row, POS)).get(0);

        String wire = new String(WireFormat.encode(r), StandardCharsets.UTF_8)
                + new String(WireFormat.encodeKey(r), StandardCharsets.UTF_8);
        // The info hash is an opt-in these settings do not make: the field is there, empty.
        assertThat(wire).doesNotContain("987654321", PASSKEY, "secret-folder-name", "Seeders",
                "0102030405060708090a0b0c0d0e0f1011121314", "AQIDBAUGBwgJCgsMDQ4PEBESExQ");
        assertThat(r.payload()).doesNotContainKeys("seeders", "user_id", "file_path").containsEntry("info_hash", null);
    }

    /**
     * The sidecar's snapshot reads a row into one array beside its table's names; the translator
     * keeps such a row as it is when every column is one it may read, and leaves out the others as
     * from any map.
     */
    @Test
    void aRowInOneArrayIsTranslatedAsAMapOfTheSameColumns() {
        Map<String, Object> row = GazelleRows.torrent();
        List<String> captured = translator.capturedColumns().get("torrents");
        Map<String, Object> readable = new java.util.LinkedHashMap<>();
        captured.forEach(c -> readable.put(c, row.get(c)));
        NeutralRecord expected = translator.translate(RowChange.read("torrents", readable, POS)).get(0);

        NeutralRecord kept = translator.translate(RowChange.read("torrents", arrayRow(readable), POS)).get(0);
        assertThat(kept).isEqualTo(expected);
        assertThat(WireFormat.encode(kept)).isEqualTo(WireFormat.encode(expected));

        Map<String, Object> withPrivate = new java.util.LinkedHashMap<>(readable);
        withPrivate.put("UserID", 987654321);
        withPrivate.put("FilePath", "secret-folder-name-" + PASSKEY);
        NeutralRecord filtered = translator.translate(RowChange.read("torrents", arrayRow(withPrivate), POS)).get(0);
        assertThat(filtered).isEqualTo(expected);
        assertThat(new String(WireFormat.encode(filtered), StandardCharsets.UTF_8))
                .doesNotContain("987654321", PASSKEY, "secret-folder-name");
    }

    private static Map<String, Object> arrayRow(Map<String, Object> row) {
        return ArrayMap.of(new ArrayMap.Names(List.copyOf(row.keySet())), row.values().toArray());
    }

    @Test
    void zeroDatesBecomeNullNeverTheEpoch() {
        NeutralRecord r = translator.translate(RowChange.read("torrents_group", GazelleRows.group(), POS)).get(0);
        assertThat(r.payload()).containsEntry("added_at", null);

        Map<String, Object> textual = GazelleRows.group();
        textual.put("Time", "0000-00-00 00:00:00");
        assertThat(translator.translate(RowChange.read("torrents_group", textual, POS)).get(0).payload())
                .containsEntry("added_at", null);
    }

    @Test
    void releaseGroupMapsCodeListsAndEmptyStrings() {
        NeutralRecord r = translator.translate(RowChange.read("torrents_group", GazelleRows.group(), POS)).get(0);
        assertThat(r.payload())
                .containsEntry("category", "music")
                .containsEntry("release_type", "album")
                .containsEntry("record_label", null)
                .containsEntry("catalogue_number", "AMB3922")
                .containsEntry("wiki_image", null)
                .containsEntry("vanity_house", false)
                .doesNotContainKey("tag_list");

        Map<String, Object> book = GazelleRows.group();
        book.put("CategoryID", 3);
        book.put("ReleaseType", 21);
        assertThat(translator.translate(RowChange.read("torrents_group", book, POS)).get(0).payload())
                .containsEntry("category", "e_books")
                .containsEntry("release_type", null);
    }

    @Test
    void unknownCodeIsAnErrorNamingTableKeyColumnValueAndPosition() {
        Map<String, Object> row = GazelleRows.group();
        row.put("ReleaseType", 99);
        assertThatThrownBy(() -> translator.translate(RowChange.read("torrents_group", row, POS)))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("torrents_group")
                .hasMessageContaining("ID=77")
                .hasMessageContaining("ReleaseType")
                .hasMessageContaining("'99'")
                .hasMessageContaining("mysql-bin.000003:4711");
    }

    @Test
    void updateTouchingOnlyTrackerColumnsProducesNothing() {
        Map<String, Object> before = GazelleRows.torrent();
        Map<String, Object> after = new HashMap<>(before);
        after.put("Seeders", 41);
        after.put("Snatched", 311L);
        after.put("last_action", LocalDateTime.of(2016, 11, 1, 12, 5));
        assertThat(translator.translate(RowChange.update("torrents", before, after, POS))).isEmpty();
    }

    @Test
    void updateOfAPublicColumnIsAnUpsert() {
        Map<String, Object> before = GazelleRows.torrent();
        Map<String, Object> after = new HashMap<>(before);
        after.put("Description", "Re-ripped");
        List<NeutralRecord> out = translator.translate(RowChange.update("torrents", before, after, POS));
        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.op()).isEqualTo(Operation.UPSERT);
            assertThat(r.payload()).containsEntry("description", "Re-ripped");
        });
    }

    @Test
    void keyChangeIsADeleteOfTheOldKeyThenAnUpsertOfTheNew() {
        Map<String, Object> before = Map.of("TagID", 5, "GroupID", 77, "PositiveVotes", 3, "NegativeVotes", 1,
                "UserID", 12);
        Map<String, Object> after = new HashMap<>(before);
        after.put("GroupID", 78);
        List<NeutralRecord> out = translator.translate(RowChange.update("torrents_tags", before, after, POS));
        assertThat(out).extracting(NeutralRecord::op).containsExactly(Operation.DELETE, Operation.UPSERT);
        assertThat(out.get(0).key()).containsEntry("release_group_id", 77L);
        assertThat(out.get(1).key()).containsEntry("release_group_id", 78L);
    }

    @Test
    void deleteCarriesTheKeyAndNoPayload() {
        NeutralRecord r = translator.translate(RowChange.delete("torrents", GazelleRows.torrent(), POS)).get(0);
        assertThat(r.op()).isEqualTo(Operation.DELETE);
        assertThat(r.key()).containsEntry("release_id", 1201L);
        assertThat(r.payload()).isEmpty();
    }

    @Test
    void creditRoleComesFromImportance() {
        Map<String, Object> row = Map.of("GroupID", 77, "ArtistID", 9, "AliasID", 11, "UserID", 3,
                "Importance", "6");
        NeutralRecord r = translator.translate(RowChange.insert("torrents_artists", row, POS)).get(0);
        assertThat(r.entity()).isEqualTo("release_group_artist");
        assertThat(r.key()).containsExactly(Map.entry("release_group_id", 77L), Map.entry("alias_id", 11L),
                Map.entry("role", "dj_compiler"));
        assertThat(r.payload()).containsExactly(Map.entry("artist_id", 9L));
    }

    @Test
    void artistsAliasesTagsAndWikisMap() {
        Map<String, Object> artist = new HashMap<>(Map.of("ArtistID", 9, "Name", "Aphex Twin", "VanityHouse", 0,
                "LastCommentID", 0));
        artist.put("RevisionID", null);
        assertThat(translator.translate(RowChange.read("artists_group", artist, POS)).get(0).payload())
                .containsEntry("name", "Aphex Twin").containsEntry("primary_alias_id", null)
                .containsEntry("revision_id", null)
                .containsEntry("vanity_house", false);

        Map<String, Object> alias = Map.of("AliasID", 11, "ArtistID", 9, "Name", "AFX", "Redirect", 0, "UserID", 5);
        assertThat(translator.translate(RowChange.read("artists_alias", alias, POS)).get(0).payload())
                .containsEntry("redirect_alias_id", null).containsEntry("name", "AFX");

        Map<String, Object> tag = Map.of("ID", 3, "Name", "idm", "TagType", "genre", "Uses", 120, "UserID", 1);
        assertThat(translator.translate(RowChange.read("tags", tag, POS)).get(0).payload())
                .containsEntry("tag_type", "genre").containsEntry("uses", 120L);

        Map<String, Object> wiki = new HashMap<>(Map.of("RevisionID", 5, "PageID", 9, "Body", "Born in Cornwall",
                "UserID", 2, "Time", LocalDateTime.of(2010, 1, 2, 3, 4, 5)));
        wiki.put("Summary", null);
        wiki.put("Image", "https://img.example/a.jpg");
        NeutralRecord w = translator.translate(RowChange.read("wiki_artists", wiki, POS)).get(0);
        assertThat(w.entity()).isEqualTo("artist_wiki");
        assertThat(w.payload()).containsEntry("artist_id", 9L).containsEntry("summary", null)
                .containsEntry("created_at", LocalDateTime.of(2010, 1, 2, 3, 4, 5));
    }

    @Test
    void tablesOutsideTheCatalogueOrPrivateProduceNothing() {
        Map<String, Object> user = Map.of("ID", 1, "Username", "alice", "PassHash", "$2y$10$abc", "Email", "a@b.c");
        assertThat(translator.translate(RowChange.insert("users_main", user, POS))).isEmpty();
        assertThat(translator.translate(RowChange.insert("pm_messages", Map.of("ID", 1, "Body", "hi"), POS)))
                .isEmpty();
        assertThat(translator.translate(RowChange.insert("sphinx_delta", Map.of("ID", 1), POS))).isEmpty();
    }

    @Test
    void capturedColumnsAreExactlyTheCataloguesReadableColumnsOfMappedTables() {
        GazelleCatalogue catalogue = GazelleCatalogue.of(GazelleVariant.WHATCD);
        // Under the default settings (no users, no info hashes): public columns, and the columns
        // read only to filter rows or to total them.
        Set<Privacy> readable = EnumSet.of(Privacy.PUBLIC, Privacy.ROW_FILTER, Privacy.AGGREGATE);
        Map<String, List<String>> captured = translator.capturedColumns();
        assertThat(captured.keySet()).containsExactlyInAnyOrderElementsOf(catalogue.tables().stream()
                .filter(t -> !t.columnsOf(readable).isEmpty()).map(TableDef::name).toList());
        assertThat(captured.keySet()).containsAll(catalogue.replicatedTables().stream().map(TableDef::name).toList());
        captured.forEach((table, columns) ->
                assertThat(columns).isEqualTo(catalogue.table(table).orElseThrow().columnsOf(readable)));
        assertThat(captured.get("torrents")).doesNotContain("info_hash", "UserID", "Seeders", "last_action");
        assertThat(captured.get("forums")).contains("MinClassRead").doesNotContain("LastPostAuthorID");
        assertThat(captured.get("forums_posts")).doesNotContain("AuthorID", "EditedUserID");
    }

    @Test
    void missingRequiredKeyIsAnError() {
        Map<String, Object> row = GazelleRows.torrent();
        row.put("ID", null);
        assertThatThrownBy(() -> translator.translate(RowChange.insert("torrents", row, POS)))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("torrents")
                .hasMessageContaining("column ID");
    }

    @Test
    void badFlagIsAnError() {
        Map<String, Object> row = GazelleRows.torrent();
        row.put("Scene", "yes");
        assertThatThrownBy(() -> translator.translate(RowChange.insert("torrents", row, POS)))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("column Scene")
                .hasMessageContaining("'yes'");
    }
}
