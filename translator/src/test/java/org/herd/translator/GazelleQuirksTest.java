package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herd.translator.GazelleRows.POS;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.catalogue.TableDef;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.Test;

/**
 * Gazelle's data quirks, as far as they are the translator's business; docs/quirks.md lists each
 * quirk with its outcome and the test that shows it. What the database itself does to such data is
 * shown against a real MariaDB by MariaDbSidecarIT.
 */
class GazelleQuirksTest {

    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private final Translator translator = new Translator(new TranslatorSettings("quirks", GazelleVariant.WHATCD));

    private NeutralRecord one(String table, Map<String, Object> row) {
        List<NeutralRecord> out = translator.translate(RowChange.insert(table, row, POS));
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static NeutralRecord roundTrip(NeutralRecord r) {
        return WireFormat.decode(WireFormat.encode(r));
    }

    @Test
    void zeroDatesInEveryMappedDateColumnBecomeNullWhateverFormTheyArriveIn() {
        for (Object zero : new Object[] {EPOCH, "0000-00-00 00:00:00", "2009-00-00 00:00:00", "2009-05-00 00:00:00"}) {
            Map<String, Object> group = GazelleRows.group();
            group.put("Time", zero);
            assertThat(one("torrents_group", group).payload()).as("%s", zero).containsEntry("added_at", null);
            Map<String, Object> torrent = GazelleRows.torrent();
            torrent.put("Time", zero);
            assertThat(one("torrents", torrent).payload()).as("%s", zero).containsEntry("uploaded_at", null);
            for (String wiki : List.of("wiki_torrents", "wiki_artists")) {
                Map<String, Object> revision = new java.util.HashMap<>(Map.of("RevisionID", 5, "PageID", 9,
                        "Body", "b", "UserID", 2, "Time", zero, "Image", "", "Summary", ""));
                assertThat(one(wiki, revision).payload()).as("%s %s", wiki, zero).containsEntry("created_at", null);
            }
        }
        // A real date next to them is kept.
        Map<String, Object> group = GazelleRows.group();
        group.put("Time", "2009-05-06 07:08:09");
        assertThat(one("torrents_group", group).payload())
                .containsEntry("added_at", LocalDateTime.of(2009, 5, 6, 7, 8, 9));
    }

    @Test
    void charactersOutsideTheBasicMultilingualPlaneArePublishedUnchanged() {
        // A utf8mb4 origin (OPS) delivers them as they are; a utf8mb3 one has stored '?' instead.
        for (String name : List.of("Sigur Rós \uD83C\uDFB5 Ágætis byrjun", "Sigur Rós ? Ágætis byrjun", "坂本龍一")) {
            Map<String, Object> group = GazelleRows.group();
            group.put("Name", name);
            NeutralRecord r = one("torrents_group", group);
            assertThat(r.payload()).containsEntry("name", name);
            assertThat(roundTrip(r).payload()).containsEntry("name", name);
        }
    }

    @Test
    void replacementCharactersFromUndecodableBytesArePublishedAsTheyArrive() {
        Map<String, Object> group = GazelleRows.group();
        group.put("Name", "Caf\uFFFD del Mar");
        assertThat(roundTrip(one("torrents_group", group)).payload()).containsEntry("name", "Caf\uFFFD del Mar");
    }

    @Test
    void anUnpairedSurrogateIsAnErrorNamingTheColumn() {
        // No decoder produces one from bytes; should a String carry one anyway, the JSON encoder
        // would write bytes that are not UTF-8. The row is refused (the sidecar quarantines it).
        Map<String, Object> group = GazelleRows.group();
        group.put("Name", "broken \uD83C pair");
        assertThatThrownBy(() -> one("torrents_group", group)).isInstanceOf(TranslationException.class)
                .hasMessageContaining("column Name: text holds an unpaired UTF-16 surrogate at character 7");
        group.put("Name", "lone low \uDC00");
        assertThatThrownBy(() -> one("torrents_group", group)).isInstanceOf(TranslationException.class)
                .hasMessageContaining("at character 9");
    }

    @Test
    void htmlEscapedPublicTextIsPublishedRawAsStored() {
        Map<String, Object> group = GazelleRows.group();
        group.put("Name", "Simon &amp; Garfunkel &lt;Live&gt; &#39;69");
        group.put("WikiBody", "[b]Rock &amp; Roll[/b] &quot;live&quot;");
        NeutralRecord r = roundTrip(one("torrents_group", group));
        assertThat(r.payload()).containsEntry("name", "Simon &amp; Garfunkel &lt;Live&gt; &#39;69")
                .containsEntry("wiki_body", "[b]Rock &amp; Roll[/b] &quot;live&quot;");
    }

    @Test
    void theHtmlEscapedAvatarOfUsersInfoNeverLeaves() {
        GazelleCatalogue catalogue = GazelleCatalogue.of(GazelleVariant.WHATCD);
        assertThat(catalogue.table("users_info")).hasValueSatisfying(t -> assertThat(t.isPublic("Avatar")).isFalse());
        Map<String, Object> info = Map.of("UserID", 7, "Avatar", "https://img.example/a.png?x=1&amp;y=2",
                "Info", "&lt;b&gt;hi&lt;/b&gt;");
        assertThat(translator.translate(RowChange.insert("users_info", info, POS))).isEmpty();
        assertThat(catalogue.replicatedTables()).extracting(TableDef::name).doesNotContain("users_info");
    }

    @Test
    void aValueOutsideAnEnumStoredAsEmptyIsAnUnknownCode() {
        // Non-strict MariaDB and MySQL store '' (the error value) for a string outside the enum.
        Map<String, Object> torrent = GazelleRows.torrent();
        torrent.put("FreeTorrent", "");
        assertThatThrownBy(() -> one("torrents", torrent)).isInstanceOf(TranslationException.class)
                .hasMessageContaining("torrents {ID=1201} column FreeTorrent: unknown freeleech state code ''");
        Map<String, Object> credit = new java.util.HashMap<>(Map.of("GroupID", 77, "ArtistID", 9, "AliasID", 11,
                "UserID", 3, "Importance", ""));
        assertThatThrownBy(() -> one("torrents_artists", credit)).isInstanceOf(TranslationException.class)
                .hasMessageContaining("column Importance");
        Map<String, Object> group = GazelleRows.group();
        group.put("CategoryID", 42);
        assertThatThrownBy(() -> one("torrents_group", group)).isInstanceOf(TranslationException.class)
                .hasMessageContaining("unknown category code '42'");
    }

    @Test
    void multiMegabyteTextIsMappedWhole() {
        StringBuilder list = new StringBuilder();
        int entries = 0;
        for (int i = 0; list.length() < 8 * 1024 * 1024; i++, entries++) {
            list.append(i == 0 ? "" : "\n").append(".flac s").append(20_000_000 + i).append("s track ").append(i)
                    .append(".flac÷");
        }
        Map<String, Object> torrent = GazelleRows.torrent();
        torrent.put("FileList", list.toString());
        torrent.put("Description", "d".repeat(65_535));
        NeutralRecord r = one("torrents", torrent);
        assertThat(WireFormat.encode(r).length).isGreaterThan(8 * 1024 * 1024);
        NeutralRecord back = roundTrip(r);
        assertThat((List<?>) back.payload().get("files")).hasSize(entries)
                .last().isEqualTo(new FileEntry("track " + (entries - 1) + ".flac", 20_000_000L + entries - 1));
        assertThat((String) back.payload().get("description")).hasSize(65_535);
    }
}
