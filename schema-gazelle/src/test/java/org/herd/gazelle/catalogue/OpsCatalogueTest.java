package org.herd.gazelle.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpsCatalogueTest {

    private final GazelleCatalogue ops = GazelleCatalogue.of(GazelleVariant.OPS);

    @Test
    void isTheOpsVariantAndDiffersFromWhatcdWhereOpsDoes() {
        assertThat(ops.variant()).isEqualTo(GazelleVariant.OPS);
        TableDef artists = ops.table("artists_group").orElseThrow();
        assertThat(artists.column("Name")).isEmpty();
        assertThat(artists.isPublic("PrimaryAlias")).isTrue();
        TableDef credits = ops.table("torrents_artists").orElseThrow();
        assertThat(credits.primaryKey()).containsExactly("GroupID", "Importance", "AliasID");
        assertThat(credits.column("ArtistID")).isEmpty();
        assertThat(ops.table("torrents").orElseThrow().column("Seeders")).isEmpty();
        assertThat(ops.table("torrents").orElseThrow().column("TranscodedFrom")).isEmpty();
        assertThat(ops.table("wiki_artists").orElseThrow().isPublic("summary")).isTrue();
    }

    @Test
    void everyReplicatedTableHasAPublicPrimaryKey() {
        assertThat(ops.replicatedTables()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.primaryKey()).as("primary key of %s", t.name()).isNotEmpty();
            assertThat(t.primaryKey()).allSatisfy(k -> assertThat(t.isPublic(k)).as("%s.%s", t.name(), k).isTrue());
        });
    }

    @Test
    void trackerNoiseCodeListsAndSoftDeletesNeverLeave() {
        for (String table : List.of("torrents_leech_stats", "release_type", "artist_role", "torrent_attr",
                "torrent_has_attr", "deleted_torrents", "deleted_torrents_group", "deleted_torrents_leech_stats",
                "deleted_torrent_has_attr", "requests_votes", "users_main", "pm_messages", "pm_conversations",
                "pm_conversations_users")) {
            TableDef t = ops.table(table).orElseThrow();
            assertThat(t.publicColumns()).as(table).isEmpty();
            assertThat(t.isReplicated()).as(table).isFalse();
        }
        assertThat(ops.table("torrents_leech_stats").orElseThrow().columns())
                .allSatisfy(c -> assertThat(c.privacy()).isEqualTo(Privacy.INTERNAL));
        assertThat(ops.tables().stream().filter(t -> t.name().startsWith("deleted_")))
                .hasSize(4)
                .allSatisfy(t -> assertThat(t.columns()).allSatisfy(
                        c -> assertThat(c.privacy()).as("%s.%s", t.name(), c.name()).isEqualTo(Privacy.PRIVATE)));
    }

    @Test
    void credentialsAndEveryUserReferenceArePrivate() {
        TableDef users = ops.table("users_main").orElseThrow();
        for (String c : List.of("PassHash", "Email", "IP", "torrent_pass", "IRCKey", "auth_key", "Username", "ID")) {
            assertThat(users.column(c)).get().extracting(ColumnDef::privacy).as(c).isEqualTo(Privacy.PRIVATE);
        }
        assertThat(ops.table("torrents").orElseThrow().isPublic("info_hash")).isFalse();
        for (TableDef t : ops.tables()) {
            for (String who : List.of("UserID", "AuthorID", "EditedUserID", "LastPostAuthorID", "FillerID")) {
                t.column(who).ifPresent(c ->
                        assertThat(c.privacy()).as("%s.%s", t.name(), who).isEqualTo(Privacy.PRIVATE));
            }
        }
    }

    @Test
    void rowFilterColumnsOfCommunityTablesArePublic() {
        assertThat(ops.table("forums").orElseThrow().isPublic("MinClassRead")).isTrue();
        assertThat(ops.table("collages").orElseThrow().isPublic("Deleted")).isTrue();
        assertThat(ops.table("requests").orElseThrow().isPublic("Visible")).isTrue();
        assertThat(ops.table("requests_votes").orElseThrow().primaryKey()).containsExactly("requests_votes_id");
    }
}
