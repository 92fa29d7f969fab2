package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herd.translator.GazelleRows.POS;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.Test;

/** Collages and requests: their row filters, the entries that follow them, vote totals and users. */
class CollagesRequestsTranslationTest {

    /** What the sidecar passes for rows read again because their parent was hidden or shown. */
    private static final Cascade SHOWN_OR_HIDDEN = new Cascade("any", Map.of("ID", 1L));

    private static final byte[] KEY = "an origin secret of thirty-two+ bytes".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, Object> COLLAGE_ENTRIES = Map.of("CollageID", 31L);
    private static final Map<String, Object> REQUEST_ROWS = Map.of("RequestID", 900L);

    private final Translator translator = translator(UserReferences.none());
    private final OriginRows origin = new OriginRows();

    private static Translator translator(UserReferences users) {
        return new Translator(new TranslatorSettings("site", GazelleVariant.WHATCD, users, false));
    }

    /** A collages row as Debezium hands it over. */
    private static Map<String, Object> collage(String deleted) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", 31);
        r.put("Name", "Essential Krautrock");
        r.put("Description", "[b]Motorik[/b] and beyond");
        r.put("UserID", 4242);
        r.put("NumTorrents", 2);
        r.put("Deleted", deleted);
        r.put("Locked", "0");
        r.put("CategoryID", 2);
        r.put("TagList", "krautrock experimental");
        r.put("MaxGroups", 0);
        r.put("MaxGroupsPerUser", 5);
        r.put("Featured", 0);
        r.put("Subscribers", 17);
        r.put("updated", LocalDateTime.of(2014, 3, 2, 1, 0));
        return r;
    }

    private static Map<String, Object> entry(String column, int id, int sort) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("CollageID", 31);
        r.put(column, id);
        r.put("UserID", 777001);
        r.put("Sort", sort);
        r.put("AddedOn", LocalDateTime.of(1970, 1, 1, 0, 0));
        return r;
    }

    /** A requests row; Visible is a binary(1), which Debezium hands over as bytes. */
    private static Map<String, Object> request(Object visible) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", 900L);
        r.put("UserID", 4242L);
        r.put("TimeAdded", LocalDateTime.of(2012, 1, 2, 3, 4, 5));
        r.put("LastVote", LocalDateTime.of(2012, 2, 2, 3, 4, 5));
        r.put("CategoryID", 1);
        r.put("Title", "Tago Mago");
        r.put("Year", 1971);
        r.put("Image", "");
        r.put("Description", "The [i]original[/i] UA pressing, please");
        r.put("ReleaseType", 1);
        r.put("CatalogueNumber", "UAS 29 211/12");
        r.put("BitrateList", "Lossless|24bit Lossless");
        r.put("FormatList", "FLAC");
        r.put("MediaList", "Vinyl|CD");
        r.put("LogCue", "Log (100%) + Cue");
        r.put("FillerID", 0L);
        r.put("TorrentID", 0L);
        r.put("TimeFilled", LocalDateTime.of(1970, 1, 1, 0, 0));
        r.put("Visible", visible);
        r.put("RecordLabel", "United Artists");
        r.put("GroupID", null);
        r.put("OCLC", "");
        return r;
    }

    private static Map<String, Object> vote(long userId, long bounty) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("RequestID", 900);
        r.put("UserID", (int) userId);
        r.put("Bounty", bounty);
        return r;
    }

    private static byte[] binary(char c) {
        return new byte[] {(byte) c};
    }

    // ---------------------------------------------------------------------------------------------
    // collages

    @Test
    void aCollageLeavesWithItsPublicFieldsOnly() {
        Translation t = translator.translate(RowChange.insert("collages", collage("0"), POS), origin);

        assertThat(t.cascades()).isEmpty();
        NeutralRecord r = t.records().get(0);
        assertThat(t.records()).hasSize(1);
        assertThat(r.entity()).isEqualTo("collage");
        assertThat(r.key()).containsExactly(Map.entry("collage_id", 31L));
        assertThat(r.payload())
                .containsEntry("name", "Essential Krautrock")
                .containsEntry("description", "[b]Motorik[/b] and beyond")
                .containsEntry("category", "genre_introduction")
                .containsEntry("owner", null)
                .containsEntry("locked", false)
                .containsEntry("tag_list", "krautrock experimental")
                .containsEntry("max_entries", null)
                .containsEntry("max_entries_per_user", 5L)
                .containsEntry("updated_at", LocalDateTime.of(2014, 3, 2, 1, 0));
        assertThat(r.payload().keySet()).containsExactlyElementsOf(
                NeutralSchema.COLLAGE.payloadFields().stream().map(Field::name).toList());
        String wire = new String(WireFormat.encode(r), StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain("4242", "Deleted", "deleted", "Subscribers", "NumTorrents");
    }

    @Test
    void aDeletedCollageAndItsEntriesNeverLeave() {
        assertThat(translator.translate(RowChange.insert("collages", collage("1"), POS), origin).records()).isEmpty();
        // The one nullable flag: the site lists a collage only where Deleted = '0'.
        assertThat(translator.translate(RowChange.read("collages", collage(null), POS), origin).records()).isEmpty();

        origin.put("collages", collage("1"));
        assertThat(translator.translate(RowChange.insert("collages_torrents", entry("GroupID", 77, 10), POS), origin)
                .records()).isEmpty();
        assertThat(translator.translate(RowChange.read("collages_artists", entry("ArtistID", 5, 10), POS), origin)
                .records()).isEmpty();
        assertThat(origin.asked).contains("row collages {ID=31}");
    }

    @Test
    void entriesOfAVisibleCollageLeaveInOrderButNotWhoAddedThem() {
        origin.put("collages", collage("0"));

        NeutralRecord group = translator.translate(
                RowChange.insert("collages_torrents", entry("GroupID", 77, 20), POS), origin).records().get(0);
        NeutralRecord artist = translator.translate(
                RowChange.insert("collages_artists", entry("ArtistID", 5, 30), POS), origin).records().get(0);

        assertThat(group.entity()).isEqualTo("collage_release_group");
        assertThat(group.key()).containsExactly(Map.entry("collage_id", 31L), Map.entry("release_group_id", 77L));
        assertThat(group.payload()).containsOnlyKeys("sort", "added_at").containsEntry("sort", 20L)
                .containsEntry("added_at", null);
        assertThat(artist.entity()).isEqualTo("collage_artist");
        assertThat(artist.key()).containsExactly(Map.entry("collage_id", 31L), Map.entry("artist_id", 5L));
        assertThat(artist.payload()).containsEntry("sort", 30L);
        for (NeutralRecord r : List.of(group, artist)) {
            assertThat(new String(WireFormat.encode(r), StandardCharsets.UTF_8)).doesNotContain("777001");
        }
    }

    @Test
    void anEntryWhoseCollageTheOriginNeverHadDoesNotLeave() {
        assertThat(translator.translate(RowChange.insert("collages_torrents", entry("GroupID", 77, 10), POS), origin)
                .records()).isEmpty();
    }

    @Test
    void deletingACollageRetractsItAndCascadesToItsEntries() {
        Translation t = translator.translate(RowChange.update("collages", collage("0"), collage("1"), POS), origin);

        assertThat(t.records()).singleElement().satisfies(r -> {
            assertThat(r.entity()).isEqualTo("collage");
            assertThat(r.op()).isEqualTo(Operation.DELETE);
            assertThat(r.key()).containsExactly(Map.entry("collage_id", 31L));
        });
        assertThat(t.cascades()).containsExactly(new Cascade("collages_torrents", COLLAGE_ENTRIES),
                new Cascade("collages_artists", COLLAGE_ENTRIES),
                new Cascade("comments", Map.of("Page", "collages", "PageID", 31L)));

        // The sidecar reads the entries again; judged by the collage as it now is, they are retracted.
        origin.put("collages", collage("1"));
        Translation entry = translator.translateCascaded(RowChange.read("collages_torrents", entry("GroupID", 77, 10), POS), SHOWN_OR_HIDDEN, origin);
        assertThat(entry.records()).singleElement().satisfies(r -> {
            assertThat(r.entity()).isEqualTo("collage_release_group");
            assertThat(r.op()).isEqualTo(Operation.DELETE);
            assertThat(r.key()).containsExactly(Map.entry("collage_id", 31L), Map.entry("release_group_id", 77L));
        });
    }

    @Test
    void recoveringACollagePublishesItAndItsEntriesAgain() {
        Translation t = translator.translate(RowChange.update("collages", collage("1"), collage("0"), POS), origin);

        assertThat(t.records()).singleElement().extracting(NeutralRecord::op).isEqualTo(Operation.UPSERT);
        assertThat(t.cascades()).containsExactly(new Cascade("collages_torrents", COLLAGE_ENTRIES),
                new Cascade("collages_artists", COLLAGE_ENTRIES),
                new Cascade("comments", Map.of("Page", "collages", "PageID", 31L)));

        origin.put("collages", collage("0"));
        assertThat(translator.translateCascaded(RowChange.read("collages_artists", entry("ArtistID", 5, 10), POS), SHOWN_OR_HIDDEN, origin).records()).singleElement().extracting(NeutralRecord::op).isEqualTo(Operation.UPSERT);
    }

    @Test
    void editingAVisibleCollageDoesNotCascade() {
        Map<String, Object> renamed = collage("0");
        renamed.put("Name", "Krautrock: the essentials");

        Translation t = translator.translate(RowChange.update("collages", collage("0"), renamed, POS), origin);

        assertThat(t.records()).singleElement().satisfies(r -> assertThat(r.payload())
                .containsEntry("name", "Krautrock: the essentials"));
        assertThat(t.cascades()).isEmpty();
    }

    @Test
    void unknownCollageCategoryIsAnErrorNamingTableKeyColumnValueAndPosition() {
        Map<String, Object> row = collage("0");
        row.put("CategoryID", 9);

        assertThatThrownBy(() -> translator.translate(RowChange.insert("collages", row, POS), origin))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("collages {ID=31}")
                .hasMessageContaining("column CategoryID")
                .hasMessageContaining("unknown collage category code '9'")
                .hasMessageContaining(POS.toString());
    }

    // ---------------------------------------------------------------------------------------------
    // requests

    @Test
    void aVisibleRequestLeavesWithItsVoteTotalsFromTheOrigin() {
        origin.put("requests_votes", vote(11, 104_857_600L))
                .put("requests_votes", vote(12, 52_428_800L))
                .put("requests_votes", vote(13, 1_073_741_824L));

        Translation t = translator.translate(RowChange.insert("requests", request(binary('1')), POS), origin);

        assertThat(t.cascades()).isEmpty();
        NeutralRecord r = t.records().get(0);
        assertThat(t.records()).hasSize(1);
        assertThat(r.entity()).isEqualTo("request");
        assertThat(r.key()).containsExactly(Map.entry("request_id", 900L));
        assertThat(r.payload())
                .containsEntry("vote_count", 3L)
                .containsEntry("bounty_total", 1_231_028_224L)
                .containsEntry("requester", null)
                .containsEntry("created_at", LocalDateTime.of(2012, 1, 2, 3, 4, 5))
                .containsEntry("category", "music")
                .containsEntry("title", "Tago Mago")
                .containsEntry("year", 1971L)
                .containsEntry("image", null)
                .containsEntry("release_type", "album")
                .containsEntry("catalogue_number", "UAS 29 211/12")
                .containsEntry("encoding_list", "Lossless|24bit Lossless")
                .containsEntry("format_list", "FLAC")
                .containsEntry("media_list", "Vinyl|CD")
                .containsEntry("log_cue", "Log (100%) + Cue")
                .containsEntry("release_group_id", null)
                .containsEntry("oclc", null)
                .containsEntry("filler", null)
                .containsEntry("filled_release_id", null)
                .containsEntry("filled_at", null);
        assertThat(r.payload().keySet()).containsExactlyElementsOf(
                NeutralSchema.REQUEST.payloadFields().stream().map(Field::name).toList());
        assertThat(origin.asked).containsExactly("aggregate requests_votes {RequestID=900} Bounty");
    }

    @Test
    void aRequestWithoutVotesHasZeroTotals() {
        NeutralRecord r = translator.translate(RowChange.read("requests", request(binary('1')), POS), origin)
                .records().get(0);
        assertThat(r.payload()).containsEntry("vote_count", 0L).containsEntry("bounty_total", 0L);
    }

    @Test
    void aHiddenRequestAndItsArtistsAndTagsNeverLeave() {
        for (Object hidden : List.of(binary('0'), "0", new byte[] {0})) {
            assertThat(translator.translate(RowChange.insert("requests", request(hidden), POS), origin).records())
                    .as("Visible %s", hidden).isEmpty();
        }
        origin.put("requests", request(binary('0')));
        assertThat(translator.translate(RowChange.insert("requests_artists", requestArtist("1"), POS), origin)
                .records()).isEmpty();
        assertThat(translator.translate(RowChange.insert("requests_tags", requestTag(), POS), origin)
                .records()).isEmpty();

        // Read back as text by some readers: '1' is visible all the same.
        assertThat(translator.translate(RowChange.read("requests", request("1"), POS), origin).records()).hasSize(1);
    }

    private static Map<String, Object> requestArtist(String importance) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("RequestID", 900L);
        r.put("ArtistID", 5);
        r.put("AliasID", 6);
        r.put("Importance", importance);
        return r;
    }

    private static Map<String, Object> requestTag() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("TagID", 3);
        r.put("RequestID", 900);
        return r;
    }

    @Test
    void artistsAndTagsOfAVisibleRequestLeave() {
        origin.put("requests", request(binary('1')));

        NeutralRecord artist = translator.translate(RowChange.insert("requests_artists", requestArtist("3"), POS), origin)
                .records().get(0);
        NeutralRecord unset = translator.translate(RowChange.insert("requests_artists", requestArtist(null), POS), origin)
                .records().get(0);
        NeutralRecord tag = translator.translate(RowChange.insert("requests_tags", requestTag(), POS), origin)
                .records().get(0);

        assertThat(artist.entity()).isEqualTo("request_artist");
        assertThat(artist.key()).containsExactly(Map.entry("request_id", 900L), Map.entry("alias_id", 6L));
        assertThat(artist.payload()).containsExactly(Map.entry("artist_id", 5L), Map.entry("role", "remixer"));
        assertThat(unset.payload()).containsEntry("role", null);
        assertThat(tag.entity()).isEqualTo("request_tag");
        assertThat(tag.key()).containsExactly(Map.entry("request_id", 900L), Map.entry("tag_id", 3L));
        assertThat(tag.payload()).isEmpty();
        // No payload fields: the record still travels, as an upsert with an empty payload.
        assertThat(new String(WireFormat.encode(tag), StandardCharsets.UTF_8)).contains("\"payload\":{}");
        assertThat(WireFormat.decode(WireFormat.encode(tag))).isEqualTo(tag);
    }

    @Test
    void hidingARequestRetractsItAndCascadesToItsArtistsAndTags() {
        Translation t = translator.translate(
                RowChange.update("requests", request(binary('1')), request(binary('0')), POS), origin);

        assertThat(t.records()).singleElement().satisfies(r -> {
            assertThat(r.entity()).isEqualTo("request");
            assertThat(r.op()).isEqualTo(Operation.DELETE);
        });
        assertThat(t.cascades()).containsExactly(new Cascade("requests_artists", REQUEST_ROWS),
                new Cascade("requests_tags", REQUEST_ROWS),
                new Cascade("comments", Map.of("Page", "requests", "PageID", 900L)));

        origin.put("requests", request(binary('0')));
        assertThat(translator.translateCascaded(RowChange.read("requests_tags", requestTag(), POS), SHOWN_OR_HIDDEN, origin).records())
                .singleElement().extracting(NeutralRecord::op).isEqualTo(Operation.DELETE);
    }

    @Test
    void aVotePublishesNothingOfItsOwnAndTranslatesItsRequestAgain() {
        // Recomputed only: the request's visibility did not change, so its children stay as they are.
        Cascade toRequest = new Cascade("requests", Map.of("ID", 900L), false);

        Translation inserted = translator.translate(RowChange.insert("requests_votes", vote(4242, 1L << 30), POS), origin);
        Translation raised = translator.translate(
                RowChange.update("requests_votes", vote(4242, 1L << 30), vote(4242, 3L << 30), POS), origin);
        Translation deleted = translator.translate(RowChange.delete("requests_votes", vote(4242, 3L << 30), POS), origin);

        for (Translation t : List.of(inserted, raised, deleted)) {
            assertThat(t.records()).isEmpty();
            assertThat(t.cascades()).containsExactly(toRequest);
        }
        // A snapshot copies the requests with their totals already: its votes cascade nowhere.
        assertThat(translator.translate(RowChange.read("requests_votes", vote(4242, 1L << 30), POS), origin))
                .isEqualTo(Translation.NOTHING);
        // The cascade re-translates the request with the totals as they now are.
        origin.put("requests", request(binary('1'))).put("requests_votes", vote(4242, 3L << 30));
        Translation again = translator.translateCascaded(RowChange.read("requests", request(binary('1')), POS),
                toRequest, origin);
        assertThat(again.records()).singleElement().satisfies(r -> assertThat(r.payload())
                .containsEntry("vote_count", 1L).containsEntry("bounty_total", 3L << 30));
        assertThat(again.cascades()).isEmpty();
        // A vote on a hidden request recomputes nothing that leaves, and retracts nothing either.
        assertThat(translator.translateCascaded(RowChange.read("requests", request(binary('0')), POS), toRequest,
                origin)).isEqualTo(Translation.NOTHING);
    }

    @Test
    void votesAreCapturedOnlyAsRequestAndBountyNeverWhoVoted() {
        assertThat(translator.capturedColumns()).containsEntry("requests_votes", List.of("RequestID", "Bounty"));
        assertThat(translator.capturedColumns().get("collages")).contains("Deleted").doesNotContain("UserID");
        assertThat(translator.capturedColumns().get("requests")).contains("Visible")
                .doesNotContain("UserID", "FillerID");
        assertThat(translator.capturedColumns().get("collages_torrents")).doesNotContain("UserID");
        assertThat(translator(UserReferences.publicIds()).capturedColumns().get("requests"))
                .contains("UserID", "FillerID");
    }

    @Test
    void unknownRequestCategoryIsAnError() {
        Map<String, Object> row = request(binary('1'));
        row.put("CategoryID", 42);
        assertThatThrownBy(() -> translator.translate(RowChange.insert("requests", row, POS), origin))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("requests {ID=900}")
                .hasMessageContaining("column CategoryID")
                .hasMessageContaining("'42'");
    }

    // ---------------------------------------------------------------------------------------------
    // users

    @Test
    void ownersRequestersAndFillersAppearAsTheUserPolicyAllows() {
        Map<String, Object> filled = request(binary('1'));
        filled.put("FillerID", 5151L);
        filled.put("TorrentID", 1201L);
        filled.put("TimeFilled", LocalDateTime.of(2013, 4, 5, 6, 7, 8));
        UserReferences pseudonyms = UserReferences.pseudonymous(KEY);

        Map<String, Object> none = translateBoth(UserReferences.none(), filled);
        Map<String, Object> ids = translateBoth(UserReferences.publicIds(), filled);
        Map<String, Object> hashed = translateBoth(pseudonyms, filled);

        assertThat(none).containsEntry("owner", null).containsEntry("requester", null).containsEntry("filler", null);
        assertThat(ids).containsEntry("owner", "4242").containsEntry("requester", "4242")
                .containsEntry("filler", "5151");
        assertThat(hashed).containsEntry("owner", pseudonyms.reference("site", 4242))
                .containsEntry("requester", pseudonyms.reference("site", 4242))
                .containsEntry("filler", pseudonyms.reference("site", 5151));
        assertThat((String) hashed.get("filler")).matches("[a-z2-7]{26}");
        assertThat(ids).containsEntry("filled_release_id", 1201L)
                .containsEntry("filled_at", LocalDateTime.of(2013, 4, 5, 6, 7, 8));
        // An unfilled request names no filler under any policy (Gazelle stores 0).
        assertThat(translator(UserReferences.publicIds()).translate(
                RowChange.read("requests", request(binary('1')), POS), origin).records().get(0).payload())
                .containsEntry("filler", null);
    }

    /** The collage's owner and the request's requester and filler, in one map. */
    private Map<String, Object> translateBoth(UserReferences users, Map<String, Object> request) {
        Translator t = translator(users);
        Map<String, Object> out = new LinkedHashMap<>(
                t.translate(RowChange.read("requests", request, POS), origin).records().get(0).payload());
        out.put("owner", t.translate(RowChange.read("collages", collage("0"), POS), origin).records().get(0)
                .payload().get("owner"));
        return out;
    }
}
