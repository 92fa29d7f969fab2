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
    void credentialsArePrivateAndUsersLeaveOnlyAsAuthors() {
        TableDef users = ops.table("users_main").orElseThrow();
        for (String c : List.of("PassHash", "Email", "IP", "torrent_pass", "IRCKey", "auth_key")) {
            assertThat(users.column(c)).get().extracting(ColumnDef::privacy).as(c).isEqualTo(Privacy.PRIVATE);
        }
        assertThat(users.column("Username")).get().extracting(ColumnDef::privacy).isEqualTo(Privacy.USER);
        assertThat(ops.table("torrents").orElseThrow().column("info_hash")).get().extracting(ColumnDef::privacy)
                .isEqualTo(Privacy.OPT_IN);
        // Authors are user references; who uploaded, edited, added, filled or voted never leaves.
        for (String authored : List.of("forums_topics", "forums_posts", "comments")) {
            assertThat(ops.table(authored).orElseThrow().column("AuthorID")).get().extracting(ColumnDef::privacy)
                    .as(authored).isEqualTo(Privacy.USER);
        }
        assertThat(ops.table("requests").orElseThrow().column("FillerID")).get().extracting(ColumnDef::privacy)
                .isEqualTo(Privacy.USER);
        for (TableDef t : ops.tables()) {
            for (String who : List.of("EditedUserID")) {
                t.column(who).ifPresent(c ->
                        assertThat(c.privacy()).as("%s.%s", t.name(), who).isEqualTo(Privacy.PRIVATE));
            }
            if (!List.of("collages", "requests").contains(t.name())) {
                t.column("UserID").ifPresent(c ->
                        assertThat(c.privacy()).as("%s.UserID", t.name()).isEqualTo(Privacy.PRIVATE));
            }
        }
    }

    @Test
    void rowFilterColumnsOfCommunityTablesAreRowFilters() {
        assertThat(ops.table("forums").orElseThrow().column("MinClassRead")).get()
                .extracting(ColumnDef::privacy).isEqualTo(Privacy.ROW_FILTER);
        assertThat(ops.table("collages").orElseThrow().column("Deleted")).get()
                .extracting(ColumnDef::privacy).isEqualTo(Privacy.ROW_FILTER);
        assertThat(ops.table("requests").orElseThrow().column("Visible")).get()
                .extracting(ColumnDef::privacy).isEqualTo(Privacy.ROW_FILTER);
        TableDef votes = ops.table("requests_votes").orElseThrow();
        assertThat(votes.primaryKey()).containsExactly("requests_votes_id");
        assertThat(votes.column("Bounty")).get().extracting(ColumnDef::privacy).isEqualTo(Privacy.AGGREGATE);
        assertThat(votes.column("UserID")).get().extracting(ColumnDef::privacy).isEqualTo(Privacy.PRIVATE);
    }
}
