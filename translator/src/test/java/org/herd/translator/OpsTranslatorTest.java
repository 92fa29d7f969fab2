package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herd.translator.GazelleRows.POS;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.Test;

/** The OPS variant: the same neutral entities from OPS's table shapes. */
class OpsTranslatorTest {

    private final Translator translator = new Translator(new TranslatorSettings("ops", GazelleVariant.OPS));

    @Test
    void mapsTheCatalogueAndCommunityTablesOfOpsAndNothingElse() {
        assertThat(translator.capturedColumns().keySet()).containsExactlyInAnyOrder("artists_group",
                "artists_alias", "torrents_group", "torrents", "torrents_artists", "tags", "torrents_tags",
                "wiki_torrents", "wiki_artists",
                "forums_categories", "forums", "forums_topics", "forums_posts", "comments",
                "collages", "collages_torrents", "collages_artists",
                "requests", "requests_artists", "requests_tags", "requests_votes", "torrents_votes");
        GazelleCatalogue ops = GazelleCatalogue.of(GazelleVariant.OPS);
        translator.capturedColumns().forEach((table, columns) ->
                assertThat(columns).as(table).containsAll(ops.table(table).orElseThrow().publicColumns()));
        // Tables the OPS catalogue has no public column in are left out, not guessed at.
        for (String table : List.of("torrents_leech_stats", "users_main", "pm_messages", "deleted_torrents")) {
            assertThat(translator.translates(table)).as(table).isFalse();
            assertThat(translator.translate(RowChange.insert(table, Map.of("ID", 1), POS))).isEmpty();
        }
    }

    @Test
    void albumVotesLeaveAsCountsAndGoWithTheirGroupsDelete() {
        Map<String, Object> votes = new LinkedHashMap<>();
        votes.put("GroupID", 1502117);
        votes.put("Ups", 41);
        votes.put("Total", 45);
        votes.put("Score", 0.7918f);
        NeutralRecord r = translator.translate(RowChange.insert("torrents_votes", votes, POS)).get(0);
        assertThat(r.entity()).isEqualTo("release_group_votes");
        assertThat(r.key()).containsExactly(Map.entry("release_group_id", 1502117L));
        assertThat(r.payload()).containsExactly(Map.entry("up_votes", 41L), Map.entry("total_votes", 45L));
        // OPS copies the group into deleted_torrents_group and deletes it; the votes row goes by
        // ON DELETE CASCADE, which the binlog does not carry.
        List<NeutralRecord> deleted = translator.translate(RowChange.delete("torrents_group", OpsRows.group(), POS));
        assertThat(deleted).extracting(NeutralRecord::entity).containsExactly("release_group", "release_group_votes");
        assertThat(deleted.get(1).op()).isEqualTo(Operation.DELETE);
        assertThat(deleted.get(1).key()).containsExactly(Map.entry("release_group_id", 1502117L));
    }

    @Test
    void artistCarriesItsPrimaryAliasInsteadOfAName() {
        NeutralRecord r = translator.translate(RowChange.read("artists_group", OpsRows.artist(), POS)).get(0);
        assertThat(r.entity()).isEqualTo("artist");
        assertThat(r.key()).containsExactly(Map.entry("artist_id", 2604L));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", null);
        expected.put("primary_alias_id", 40112L);
        expected.put("revision_id", 18311L);
        expected.put("vanity_house", false);
        assertThat(r.payload()).containsExactlyEntriesOf(expected);
    }

    @Test
    void artistCreationGoesThroughPrimaryAliasZeroThenTheAlias() {
        // What the PHP code writes: the artist with PrimaryAlias = 0, the alias, then the pointer.
        Map<String, Object> created = OpsRows.artist();
        created.put("PrimaryAlias", 0);
        created.put("RevisionID", null);
        assertThat(translator.translate(RowChange.insert("artists_group", created, POS)).get(0).payload())
                .containsEntry("primary_alias_id", null);
        Map<String, Object> alias = new LinkedHashMap<>(Map.of("AliasID", 40112, "ArtistID", 2604,
                "Name", "Bicep", "Redirect", 0, "UserID", 55012));
        NeutralRecord a = translator.translate(RowChange.insert("artists_alias", alias, POS)).get(0);
        assertThat(a.payload()).containsEntry("artist_id", 2604L).containsEntry("name", "Bicep")
                .containsEntry("redirect_alias_id", null);
        Map<String, Object> pointed = new HashMap<>(created);
        pointed.put("PrimaryAlias", 40112);
        assertThat(translator.translate(RowChange.update("artists_group", created, pointed, POS)))
                .singleElement().satisfies(r -> assertThat(r.payload()).containsEntry("primary_alias_id", 40112L));
    }

    @Test
    void creditIsKeyedByAliasAndRoleAndArrangerExists() {
        NeutralRecord r = translator.translate(RowChange.insert("torrents_artists",
                OpsRows.credit(1502117, 40112, "8"), POS)).get(0);
        assertThat(r.entity()).isEqualTo("release_group_artist");
        assertThat(r.key()).containsExactly(Map.entry("release_group_id", 1502117L), Map.entry("alias_id", 40112L),
                Map.entry("role", "arranger"));
        assertThat(r.payload()).containsOnlyKeys("artist_id").containsEntry("artist_id", null);
        assertThat(new String(WireFormat.encode(r), StandardCharsets.UTF_8)).doesNotContain("55012");
    }

    @Test
    void recreditingToAnotherAliasIsADeleteAndAnUpsert() {
        // UPDATE IGNORE torrents_artists SET AliasID = ? WHERE AliasID = ?, as an alias merge does.
        Map<String, Object> before = OpsRows.credit(1502117, 40112, "1");
        Map<String, Object> after = new HashMap<>(before);
        after.put("AliasID", 40113);
        List<NeutralRecord> out = translator.translate(RowChange.update("torrents_artists", before, after, POS));
        assertThat(out).extracting(NeutralRecord::op).containsExactly(Operation.DELETE, Operation.UPSERT);
        assertThat(out.get(0).key()).containsEntry("alias_id", 40112L).containsEntry("role", "main");
        assertThat(out.get(1).key()).containsEntry("alias_id", 40113L).containsEntry("role", "main");
    }

    @Test
    void changingOnlyTheRoleReferenceOrBookkeepingPublishesNothing() {
        Map<String, Object> before = OpsRows.credit(1502117, 40112, "2");
        Map<String, Object> after = new HashMap<>(before);
        after.put("artist_role_id", 7);
        after.put("created", LocalDateTime.of(2025, 1, 1, 0, 0));
        after.put("UserID", null);
        assertThat(translator.translate(RowChange.update("torrents_artists", before, after, POS))).isEmpty();

        Map<String, Object> group = OpsRows.group();
        Map<String, Object> touched = new HashMap<>(group);
        touched.put("updated", LocalDateTime.of(2025, 2, 2, 2, 2, 2));
        touched.put("TagList", "electronic");
        assertThat(translator.translate(RowChange.update("torrents_group", group, touched, POS))).isEmpty();
    }

    @Test
    void releaseGroupUsesReleaseTypeIdsIncludingOpsOnlyOnes() {
        NeutralRecord r = translator.translate(RowChange.read("torrents_group", OpsRows.group(), POS)).get(0);
        assertThat(r.payload())
                .containsEntry("artist_id", null)
                .containsEntry("category", "music")
                .containsEntry("release_type", "dj_mix")
                .containsEntry("catalogue_number", null)
                .containsEntry("record_label", "fabric Records")
                .containsEntry("added_at", LocalDateTime.of(2021, 3, 4, 18, 22, 1))
                .containsEntry("wiki_body", "[b]Tracklist[/b]\n1. Intro 🎧");
        assertThat(r.payload().keySet()).containsExactlyElementsOf(
                NeutralSchema.RELEASE_GROUP.payloadFields().stream().map(f -> f.name()).toList());
        for (Map.Entry<Integer, String> t : Map.of(8, "sampler", 10, "demo", 12, "split", 18, "concert_recording")
                .entrySet()) {
            Map<String, Object> row = OpsRows.group();
            row.put("ReleaseType", t.getKey());
            assertThat(translator.translate(RowChange.read("torrents_group", row, POS)).get(0).payload())
                    .containsEntry("release_type", t.getValue());
        }
    }

    @Test
    void aReleaseTypeRowOpsAddedButHerdDoesNotKnowIsAnErrorNotAGuess() {
        Map<String, Object> row = OpsRows.group();
        row.put("ReleaseType", 22);
        assertThatThrownBy(() -> translator.translate(RowChange.read("torrents_group", row, POS)))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("torrents_group").hasMessageContaining("ID=1502117")
                .hasMessageContaining("ReleaseType").hasMessageContaining("'22'");
    }

    @Test
    void releaseHasNoTranscodedFromAndNoTrackerColumns() {
        NeutralRecord r = translator.translate(RowChange.insert("torrents", OpsRows.torrent(), POS)).get(0);
        assertThat(r.payload())
                .containsEntry("release_group_id", 1502117L)
                .containsEntry("media", "WEB")
                .containsEntry("encoding", "24bit Lossless")
                .containsEntry("remaster_year", null)
                .containsEntry("freeleech", "freeleech")
                .containsEntry("size_bytes", 1_254_113_280L)
                .containsEntry("transcoded_from", null);
        String wire = new String(WireFormat.encode(r), StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain("55012", "Bicep - Fabric Presents", "HasLogDB", "LogChecksum");
    }

    @Test
    void trackerFlushesGoToAnUnreplicatedTableAndProduceNothing() {
        Map<String, Object> before = new LinkedHashMap<>(Map.of("TorrentID", 3071455, "Seeders", 40, "Leechers", 2,
                "Snatched", 310, "Balance", 0L));
        Map<String, Object> after = new HashMap<>(before);
        after.put("Seeders", 41);
        assertThat(translator.translates("torrents_leech_stats")).isFalse();
        assertThat(translator.translate(RowChange.update("torrents_leech_stats", before, after, POS))).isEmpty();
    }

    @Test
    void softDeleteCopiesNeverLeaveButTheDeleteDoes() {
        Map<String, Object> row = OpsRows.torrent();
        assertThat(translator.translate(RowChange.insert("deleted_torrents", row, POS))).isEmpty();
        assertThat(translator.translate(RowChange.delete("torrents", row, POS)))
                .singleElement().satisfies(r -> {
                    assertThat(r.op()).isEqualTo(Operation.DELETE);
                    assertThat(r.key()).containsEntry("release_id", 3071455L);
                });
    }

    @Test
    void artistWikiReadsOpsLowerCaseSummary() {
        Map<String, Object> wiki = new LinkedHashMap<>();
        wiki.put("RevisionID", 18311);
        wiki.put("PageID", 2604);
        wiki.put("Body", "Matt McBriar and Andy Ferguson, from Belfast.");
        wiki.put("UserID", 55012);
        wiki.put("summary", "Added biography");
        wiki.put("Time", LocalDateTime.of(2020, 6, 1, 9, 0));
        wiki.put("Image", null);
        NeutralRecord w = translator.translate(RowChange.read("wiki_artists", wiki, POS)).get(0);
        assertThat(w.payload()).containsEntry("artist_id", 2604L).containsEntry("summary", "Added biography")
                .containsEntry("image", null);

        Map<String, Object> empty = new LinkedHashMap<>(wiki);
        empty.put("summary", "");
        assertThat(translator.translate(RowChange.read("wiki_artists", empty, POS)).get(0).payload())
                .containsEntry("summary", null);
    }

    @Test
    void publicUserNamesComeFromOpsUsersMainToo() {
        Translator publicUsers = new Translator(new TranslatorSettings("ops", GazelleVariant.OPS,
                UserReferences.publicIds(), false));
        assertThat(publicUsers.capturedColumns()).containsEntry("users_main", List.of("ID", "Username"));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("ID", 55012);
        user.put("Username", "ferguson");
        user.put("Email", "a@b.example");
        user.put("auth_key", "0123456789abcdef0123456789abcdef");
        NeutralRecord r = publicUsers.translate(RowChange.insert("users_main", user, POS)).get(0);
        assertThat(r.entity()).isEqualTo("user");
        assertThat(r.payload()).containsEntry("username", "ferguson");
        assertThat(new String(WireFormat.encode(r), StandardCharsets.UTF_8)).doesNotContain("a@b.example",
                "0123456789abcdef");
        // The default settings publish no user at all.
        assertThat(translator.translates("users_main")).isFalse();
    }
}
