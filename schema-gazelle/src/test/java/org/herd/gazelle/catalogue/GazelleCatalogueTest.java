package org.herd.gazelle.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GazelleCatalogueTest {

    private final GazelleCatalogue whatcd = GazelleCatalogue.of(GazelleVariant.WHATCD);

    @Test
    void everyReplicatedTableHasAPublicPrimaryKey() {
        assertThat(whatcd.replicatedTables()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.primaryKey()).as("primary key of %s", t.name()).isNotEmpty();
            assertThat(t.primaryKey()).allSatisfy(k -> assertThat(t.isPublic(k)).as("%s.%s", t.name(), k).isTrue());
        });
    }

    @Test
    void privateTablesHaveNoPublicColumn() {
        for (String table : new String[] {"users_main", "pm_messages", "pm_conversations"}) {
            TableDef t = whatcd.table(table).orElseThrow();
            assertThat(t.publicColumns()).as(table).isEmpty();
            assertThat(t.isReplicated()).isFalse();
        }
    }

    @Test
    void credentialsAndUploadersArePrivate() {
        TableDef users = whatcd.table("users_main").orElseThrow();
        for (String c : new String[] {"PassHash", "Secret", "Email", "IP", "torrent_pass", "IRCKey"}) {
            assertThat(users.column(c)).get().extracting(ColumnDef::privacy).isEqualTo(Privacy.PRIVATE);
        }
        TableDef torrents = whatcd.table("torrents").orElseThrow();
        assertThat(torrents.isPublic("info_hash")).isFalse();
        assertThat(torrents.isPublic("UserID")).isFalse();
        for (TableDef t : whatcd.tables()) {
            t.column("UserID").ifPresent(c -> assertThat(c.isPublic()).as("%s.UserID", t.name()).isFalse());
        }
    }

    @Test
    void catalogueNamesItsTables() {
        assertThat(whatcd.tables()).extracting(TableDef::name).containsExactlyInAnyOrder(
                "artists_group", "artists_alias", "torrents_group", "torrents", "torrents_artists", "tags",
                "torrents_tags", "wiki_torrents", "wiki_artists", "users_main", "pm_messages", "pm_conversations",
                "collages", "collages_torrents", "collages_artists",
                "requests", "requests_artists", "requests_tags", "requests_votes",
                "forums_categories", "forums", "forums_topics", "forums_posts", "comments",
                "artists_similar", "artists_similar_scores", "torrents_votes", "torrents_logs_new",
                "users_info", "users_sessions", "invites", "invite_tree", "ip_bans", "login_attempts",
                "users_history_emails", "users_history_passwords", "users_history_ips", "email_blacklist",
                "staff_pm_conversations", "staff_pm_messages", "reports", "reportsv2", "log", "group_log",
                "torrents_files", "torrents_peerlists", "xbt_files_users", "xbt_snatched", "bookmarks_torrents",
                "friends", "donations", "api_users", "sphinx_delta", "site_options", "schedule", "users_votes",
                "artists_similar_votes");
    }

    @Test
    void collagesAndRequestsKeepWhoDidWhatAtHome() {
        TableDef collages = whatcd.table("collages").orElseThrow();
        assertThat(collages.column("Deleted")).get().extracting(ColumnDef::privacy).isEqualTo(Privacy.ROW_FILTER);
        assertThat(collages.column("UserID")).get().extracting(ColumnDef::privacy).isEqualTo(Privacy.USER);
        TableDef requests = whatcd.table("requests").orElseThrow();
        assertThat(requests.column("Visible")).get().extracting(ColumnDef::privacy).isEqualTo(Privacy.ROW_FILTER);
        assertThat(requests.columnsOf(Set.of(Privacy.USER))).containsExactly("UserID", "FillerID");
        for (String entries : new String[] {"collages_torrents", "collages_artists"}) {
            assertThat(whatcd.table(entries).orElseThrow().column("UserID")).get()
                    .extracting(ColumnDef::privacy).as(entries).isEqualTo(Privacy.PRIVATE);
        }
        // Votes leave only as totals: no column of them is public, the voter never leaves in any form.
        TableDef votes = whatcd.table("requests_votes").orElseThrow();
        assertThat(votes.isReplicated()).isFalse();
        assertThat(votes.columnsOf(Set.of(Privacy.AGGREGATE))).containsExactly("RequestID", "Bounty");
        assertThat(votes.column("UserID")).get().extracting(ColumnDef::privacy).isEqualTo(Privacy.PRIVATE);
    }

    @Test
    void forumAccessIsARowFilterAndAuthorsFollowTheUserPolicy() {
        assertThat(whatcd.table("forums").orElseThrow().column("MinClassRead")).get()
                .extracting(ColumnDef::privacy).isEqualTo(Privacy.ROW_FILTER);
        for (String table : new String[] {"forums_topics", "forums_posts", "comments"}) {
            TableDef t = whatcd.table(table).orElseThrow();
            assertThat(t.column("AuthorID")).as("%s.AuthorID", table).get()
                    .extracting(ColumnDef::privacy).isEqualTo(Privacy.USER);
            t.column("EditedUserID").ifPresent(c -> assertThat(c.privacy()).as("%s.EditedUserID", table)
                    .isEqualTo(Privacy.PRIVATE));
            t.column("LastPostAuthorID").ifPresent(c -> assertThat(c.isPublic()).as("%s.LastPostAuthorID", table)
                    .isFalse());
        }
    }

    @Test
    void neverLeavingTablesAreWhollyPrivateWithAReasonForEveryColumn() {
        for (String table : new String[] {"users_info", "users_sessions", "invites", "invite_tree", "ip_bans",
            "login_attempts", "users_history_emails", "users_history_passwords", "users_history_ips",
            "email_blacklist", "staff_pm_conversations", "staff_pm_messages", "reports", "reportsv2", "log",
            "group_log", "torrents_files", "torrents_peerlists", "xbt_files_users", "xbt_snatched",
            "bookmarks_torrents", "friends", "donations", "api_users", "sphinx_delta", "site_options", "schedule",
            "users_votes", "artists_similar_votes"}) {
            TableDef t = whatcd.table(table).orElseThrow();
            assertThat(t.isReplicated()).as(table).isFalse();
            assertThat(t.columns()).as(table).isNotEmpty().allSatisfy(c -> {
                assertThat(c.privacy()).as("%s.%s", table, c.name()).isEqualTo(Privacy.PRIVATE);
                assertThat(c.note()).as("reason for %s.%s", table, c.name()).isNotBlank();
            });
        }
        TableDef info = whatcd.table("users_info").orElseThrow();
        assertThat(info.primaryKey()).as("users_info has a unique key, no primary key").isEmpty();
        for (String c : new String[] {"Avatar", "AdminComment", "AuthKey", "ResetKey", "BitcoinAddress", "Info"}) {
            assertThat(info.column(c)).as(c).get().extracting(ColumnDef::privacy).isEqualTo(Privacy.PRIVATE);
        }
    }

    @Test
    void votesAndLogsPublishCountsAndTextButNotWhoOrDerivedScores() {
        TableDef votes = whatcd.table("torrents_votes").orElseThrow();
        assertThat(votes.publicColumns()).containsExactly("GroupID", "Ups", "Total");
        assertThat(votes.column("Score")).get().extracting(ColumnDef::privacy).isEqualTo(Privacy.INTERNAL);
        TableDef logs = whatcd.table("torrents_logs_new").orElseThrow();
        assertThat(logs.publicColumns()).containsExactly("LogID", "TorrentID", "Log", "Details", "Score", "Revision",
                "Adjusted", "NotEnglish");
        assertThat(logs.privateColumns()).extracting(ColumnDef::name).containsExactly("AdjustedBy", "AdjustmentReason");
        assertThat(whatcd.table("artists_similar").orElseThrow().publicColumns()).containsExactly("ArtistID", "SimilarID");
        assertThat(whatcd.table("artists_similar_scores").orElseThrow().publicColumns())
                .containsExactly("SimilarID", "Score");
    }
}
